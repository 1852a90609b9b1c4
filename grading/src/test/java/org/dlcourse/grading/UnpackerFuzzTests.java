package org.dlcourse.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.dlcourse.grading.problemset.ProblemSet;
import org.dlcourse.grading.submission.Unpacker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and hostile archives: the unpacker never throws for one; each is kept or refused with a
 * reason (which the grader turns into a 0-with-reason for that submission only).
 */
class UnpackerFuzzTests {
  @TempDir Path tmp;
  Fixture f;
  Unpacker unpacker;
  Map<String, byte[]> honest;

  @BeforeEach
  void setUp() throws Exception {
    f = new Fixture(tmp, "");
    unpacker = new Unpacker(ProblemSet.open(f.sample()));
    honest = new LinkedHashMap<>();
    honest.put(Fixture.PKG + "Activations.java", bytes(f.reference("Activations.java")));
    honest.put(Fixture.PKG + "Gradients.java", bytes(f.reference("Gradients.java")));
  }

  private int n;

  /** Unpacks into a fresh folder; fails the test if the unpacker throws. */
  private Unpacker.Unpacked unpack(Path zip) throws Exception {
    Path dest = tmp.resolve("out" + n++);
    Unpacker.Unpacked u = unpacker.unpack(zip, dest);
    if (u.ok()) {
      try (Stream<Path> s = Files.walk(dest)) {
        assertTrue(s.allMatch(p -> p.normalize().startsWith(dest)), "escaped " + dest);
      }
    }
    return u;
  }

  private void refused(Path zip, String phrase) throws Exception {
    Unpacker.Unpacked u = unpack(zip);
    assertFalse(u.ok(), zip + " was accepted");
    assertTrue(u.rejected().contains(phrase), "expected '" + phrase + "' in: " + u.rejected());
  }

  @Test
  void theHonestZipUnpacks() throws Exception {
    Unpacker.Unpacked u = unpack(Fixture.zip(tmp.resolve("ok.zip"), honest));
    assertTrue(u.ok(), u.rejected());
    assertEquals(2, u.kept().size());
  }

  @Test
  void aNameThatIsBothAFileAndAFolderIsRefused() throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>(honest);
    m.put("src/main/java/x/F", bytes("a"));
    m.put("src/main/java/x/F/G", bytes("b"));
    refused(Fixture.zip(tmp.resolve("fileThenDir.zip"), m), "to be a folder but it is a file");
    m = new LinkedHashMap<>(honest);
    m.put("src/main/java/x/F/G", bytes("b"));
    m.put("src/main/java/x/F", bytes("a"));
    refused(Fixture.zip(tmp.resolve("dirThenFile.zip"), m), "both a file and a folder");
    m = new LinkedHashMap<>(honest);
    m.put("src/main/java/x/F/", new byte[0]);
    m.put("src/main/java/x/F", bytes("a"));
    refused(Fixture.zip(tmp.resolve("dirEntry.zip"), m), "both a file and a folder");
  }

  @Test
  void duplicateNamesAreRefusedAlsoWhenSpelledDifferently() throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>(honest);
    m.put(Fixture.PKG + "AAAA.txt", bytes("one"));
    m.put(Fixture.PKG + "BBBB.txt", bytes("two"));
    Path zip = Fixture.zip(tmp.resolve("dup.zip"), m);
    Files.write(zip, replace(Files.readAllBytes(zip), "BBBB", "AAAA"));
    // Java's zip reader finds one entry's data under both names; either reason refuses it.
    refused(zip, "AAAA.txt");
    m = new LinkedHashMap<>(honest);
    m.put("./" + Fixture.PKG + "Activations.java", bytes(f.reference("Activations.java")));
    refused(Fixture.zip(tmp.resolve("dotdup.zip"), m), "twice");
  }

  @Test
  void truncatedArchivesAndEntriesAreRefused() throws Exception {
    byte[] ok = Files.readAllBytes(Fixture.zip(tmp.resolve("ok.zip"), honest));
    for (int cut : new int[] {0, 10, ok.length / 2, ok.length - 30, ok.length - 1}) {
      Path z = tmp.resolve("cut" + cut + ".zip");
      Files.write(z, Arrays.copyOf(ok, cut));
      assertFalse(unpack(z).ok(), "cut at " + cut);
    }
    // The case: the central directory is intact, the deflated data ends early.
    Path z = tmp.resolve("shortData.zip");
    Files.write(z, patchCen(ok, 20, 40));
    refused(z, "not a readable zip");
  }

  @Test
  void badCompressionLyingSizesAndEncryptionAreRefused() throws Exception {
    byte[] ok = Files.readAllBytes(Fixture.zip(tmp.resolve("ok.zip"), honest));
    Path bad = tmp.resolve("garbled.zip");
    byte[] garbled = ok.clone();
    int data = 30 + (ok[26] & 0xff) + ((ok[27] & 0xff) << 8) + (ok[28] & 0xff); // after LOC
    for (int i = data + 2; i < data + 40; i++) {
      garbled[i] = (byte) 0xFF; // inside the first entry's deflated data
    }
    Files.write(bad, garbled);
    assertFalse(unpack(bad).ok());
    Path lies = tmp.resolve("lyingSize.zip");
    Files.write(lies, patchCen(ok, 24, 3));
    assertFalse(unpack(lies).ok());
    Path big = tmp.resolve("hugeSize.zip");
    Files.write(big, patchCen(ok, 24, Integer.MAX_VALUE));
    assertFalse(unpack(big).ok());
    Path method = tmp.resolve("bzip2.zip");
    Files.write(method, patchCen(ok, 10, 12, 2));
    assertFalse(unpack(method).ok());
    Path enc = tmp.resolve("encrypted.zip");
    byte[] e = patchCen(ok, 8, 9, 2);
    e[6] |= 1; // the local header's flag too
    Files.write(enc, e);
    assertFalse(unpack(enc).ok());
  }

  @Test
  void zip64ArchivesAreReadAndBrokenOnesRefused() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/zip")), "needs Info-ZIP's zip to write a zip64 file");
    Path dir = tmp.resolve("z64");
    for (Map.Entry<String, byte[]> e : honest.entrySet()) {
      Files.createDirectories(dir.resolve(e.getKey()).getParent());
      Files.write(dir.resolve(e.getKey()), e.getValue());
    }
    Path z = tmp.resolve("z64.zip");
    Process p =
        new ProcessBuilder("/usr/bin/zip", "-q", "-r", "-fz", z.toString(), "src")
            .directory(dir.toFile())
            .inheritIO()
            .start();
    assertEquals(0, p.waitFor());
    Unpacker.Unpacked u = unpack(z);
    assertTrue(u.ok(), u.rejected());
    assertEquals(2, u.kept().size());
    byte[] b = Files.readAllBytes(z);
    int end64 = lastIndexOf(b, new byte[] {0x50, 0x4b, 0x06, 0x06});
    assertTrue(end64 > 0, "zip -fz wrote no zip64 end record");
    byte[] lying = b.clone();
    lying[end64 + 32] = (byte) 0xFF; // total entries: a huge count
    lying[end64 + 37] = (byte) 0x7F;
    Path bad = tmp.resolve("z64bad.zip");
    Files.write(bad, lying);
    assertFalse(unpack(bad).ok());
  }

  @Test
  void randomDamageNeverThrows() throws Exception {
    byte[] ok = Files.readAllBytes(Fixture.zip(tmp.resolve("ok.zip"), honest));
    Random random = new Random(15);
    Path z = tmp.resolve("fuzz.zip");
    int refused = 0;
    for (int round = 0; round < 300; round++) {
      byte[] b = random.nextInt(4) == 0 ? Arrays.copyOf(ok, random.nextInt(ok.length)) : ok.clone();
      for (int k = random.nextInt(8) + 1; k > 0 && b.length > 0; k--) {
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      }
      Files.write(z, b);
      refused += unpack(z).ok() ? 0 : 1;
    }
    assertTrue(refused > 0, "no damaged zip was refused");
  }

  @Test
  void aSubmissionPathThatCannotBeReadIsRefused() throws Exception {
    Path dangling = tmp.resolve("sample-ghost.zip");
    Files.createSymbolicLink(dangling, tmp.resolve("nowhere.zip"));
    refused(dangling, "could not be unpacked");
    Files.write(tmp.resolve("empty.zip"), new byte[0]);
    assertFalse(unpack(tmp.resolve("empty.zip")).ok());
  }

  /** Overwrites a little-endian field of the first central-directory header. */
  private static byte[] patchCen(byte[] zip, int offset, long value) {
    return patchCen(zip, offset, value, 4);
  }

  private static byte[] patchCen(byte[] zip, int offset, long value, int width) {
    byte[] b = zip.clone();
    int cen = indexOf(b, new byte[] {0x50, 0x4b, 0x01, 0x02});
    for (int i = 0; i < width; i++) {
      b[cen + offset + i] = (byte) (value >>> (8 * i));
    }
    return b;
  }

  private static byte[] replace(byte[] b, String from, String to) {
    byte[] out = b.clone();
    byte[] f = bytes(from);
    byte[] t = bytes(to);
    for (int i = 0; i + f.length <= out.length; i++) {
      if (Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
        System.arraycopy(t, 0, out, i, t.length);
      }
    }
    return out;
  }

  private static int indexOf(byte[] b, byte[] sig) {
    for (int i = 0; i + sig.length <= b.length; i++) {
      if (Arrays.equals(b, i, i + sig.length, sig, 0, sig.length)) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(byte[] b, byte[] sig) {
    for (int i = b.length - sig.length; i >= 0; i--) {
      if (Arrays.equals(b, i, i + sig.length, sig, 0, sig.length)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
