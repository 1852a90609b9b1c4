package org.dlcourse.grading.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dlcourse.grading.problemset.ProblemSet;

/**
 * Copies a submission (a zip or a directory) into a fresh directory, keeping only safe, allowed
 * files.
 *
 * <p>Rejected outright (the submission scores 0 with the reason): paths that are absolute or
 * contain {@code ..}, symbolic links, duplicate names, nested archives, more than {@value
 * #MAX_ENTRIES} entries, a file over {@value #MAX_FILE_BYTES} bytes or over {@value
 * #MAX_TOTAL_BYTES} bytes in all (sizes counted while copying, not trusted from headers). Dropped
 * with a note (they never reach the compiler or the classpath): {@code .class} files, {@code
 * module-info.java}, files outside the allowed globs, Java files in packages other than the problem
 * set's, and copies of the tests (the grader always uses its own).
 */
public final class Unpacker {
  static final int MAX_ENTRIES = 500;
  static final long MAX_FILE_BYTES = 1 << 20;
  static final long MAX_TOTAL_BYTES = 16L << 20;
  static final long MAX_ZIP_BYTES = 16L << 20;

  private static final Set<String> ARCHIVES =
      Set.of(".zip", ".jar", ".war", ".ear", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz");

  /** Packages a submission may never declare: the grader's own and the runtime's. */
  private static final List<String> PROTECTED =
      List.of(
          "org.dlcourse.grading",
          "org.junit",
          "org.opentest4j",
          "org.apiguardian",
          "java",
          "javax",
          "jdk",
          "sun",
          "com.sun");

  /** What unpacking produced: a rejection reason or the kept files, with notes for the student. */
  public record Unpacked(String rejected, List<String> kept, List<String> notes) {
    public boolean ok() {
      return rejected == null;
    }
  }

  private final ProblemSet problemSet;
  private final Set<String> packages;
  private final List<PathMatcher> allowed = new ArrayList<>();

  public Unpacker(ProblemSet problemSet) throws IOException {
    this.problemSet = problemSet;
    this.packages = new HashSet<>();
    for (Path f : ProblemSet.javaFiles(problemSet.sources())) {
      Path dir = problemSet.sources().relativize(f).getParent();
      packages.add(dir == null ? "" : dir.toString().replace('/', '.'));
    }
    for (String glob : problemSet.allowed()) {
      allowed.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
    }
  }

  /**
   * Unpacks {@code submission} (zip or directory) into the empty directory {@code dest}. Never
   * throws for a bad submission: a damaged, truncated, encrypted or contradictory archive (a name
   * that is both a file and a folder, the same name twice) is refused with the reason.
   */
  public Unpacked unpack(Path submission, Path dest) throws IOException {
    Files.createDirectories(dest);
    List<String> kept = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    try {
      if (Files.isDirectory(submission, LinkOption.NOFOLLOW_LINKS)) {
        fromDirectory(submission, dest, kept, notes);
      } else {
        fromZip(submission, dest, kept, notes);
      }
    } catch (Rejected e) {
      return new Unpacked(e.getMessage(), List.of(), notes);
    } catch (IOException | RuntimeException e) {
      return new Unpacked(
          "the submission could not be unpacked ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + "); make a fresh zip with ./course submit and hand that in",
          List.of(),
          notes);
    }
    return new Unpacked(null, kept, notes);
  }

  /** The names seen so far, to refuse a name that is both a file and a folder, or twice. */
  private static final class Names {
    private final Set<String> files = new HashSet<>();
    private final Set<String> dirs = new HashSet<>();

    void dir(String name) throws Rejected {
      String n = name.replaceAll("/+$", "");
      if (files.contains(n)) {
        throw new Rejected("'" + n + "' is both a file and a folder in the submission; refused");
      }
      parents(n);
      dirs.add(n);
    }

    void file(String name) throws Rejected {
      if (dirs.contains(name)) {
        throw new Rejected("'" + name + "' is both a file and a folder in the submission; refused");
      }
      if (!files.add(name)) {
        throw new Rejected("the submission contains '" + name + "' twice");
      }
      parents(name);
    }

    private void parents(String name) throws Rejected {
      for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
        String parent = name.substring(0, i);
        if (files.contains(parent)) {
          throw new Rejected(
              "'" + name + "' needs '" + parent + "' to be a folder but it is a file; refused");
        }
        dirs.add(parent);
      }
    }
  }

  private static final class Rejected extends Exception {
    Rejected(String message) {
      super(message);
    }
  }

  private void fromZip(Path zip, Path dest, List<String> kept, List<String> notes)
      throws IOException, Rejected {
    long size = Files.size(zip);
    if (size > MAX_ZIP_BYTES) {
      throw new Rejected(
          "the zip is "
              + size
              + " bytes; the limit is "
              + MAX_ZIP_BYTES
              + " (submit sources only)");
    }
    Set<String> symlinks = symlinkEntries(zip);
    long[] total = {0};
    Names seen = new Names();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      if (z.size() > MAX_ENTRIES) {
        throw new Rejected(
            "the zip has " + z.size() + " entries; the limit is " + MAX_ENTRIES + " (zip bomb?)");
      }
      for (ZipEntry e : java.util.Collections.list(z.entries())) {
        String name = e.getName();
        if (symlinks.contains(name)) {
          throw new Rejected("the zip contains a symbolic link '" + name + "'; links are refused");
        }
        checkName(name);
        if (e.isDirectory()) {
          seen.dir(canonical(name));
          continue;
        }
        if ((e.getMethod() != ZipEntry.STORED && e.getMethod() != ZipEntry.DEFLATED)) {
          throw new Rejected("'" + name + "' uses a compression method javac's zip cannot read");
        }
        seen.file(canonical(name));
        try (InputStream in = new CheckedEntry(e, z.getInputStream(e))) {
          copy(name, in, dest, kept, notes, total);
        }
      }
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new Rejected(
          "the file is not a readable zip ("
              + e.getMessage()
              + "); make a fresh zip with ./course submit and hand that in");
    }
  }

  /**
   * An entry's bytes, checked at their end against the sizes and CRC the central directory
   * declares: a zip that lies about them is damaged, and is refused rather than half-read.
   */
  private static final class CheckedEntry extends java.io.FilterInputStream {
    private final ZipEntry entry;
    private final java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    private long count;

    CheckedEntry(ZipEntry entry, InputStream in) {
      super(in);
      this.entry = entry;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        crc.update(b, off, n);
        count += n;
      } else if (n < 0) {
        verify();
      }
      return n;
    }

    private void verify() throws java.util.zip.ZipException {
      if (entry.getSize() >= 0 && entry.getSize() != count) {
        throw new java.util.zip.ZipException(
            "'" + entry.getName() + "' holds " + count + " bytes but says " + entry.getSize());
      }
      if (entry.getCrc() >= 0 && entry.getCrc() != crc.getValue()) {
        throw new java.util.zip.ZipException("'" + entry.getName() + "' fails its CRC check");
      }
    }
  }

  private void fromDirectory(Path dir, Path dest, List<String> kept, List<String> notes)
      throws IOException, Rejected {
    List<Path> all;
    try (Stream<Path> s = Files.walk(dir)) {
      all = s.filter(p -> !p.equals(dir)).sorted().toList();
    }
    if (all.size() > MAX_ENTRIES) {
      throw new Rejected(
          "the submission has " + all.size() + " files; the limit is " + MAX_ENTRIES);
    }
    long[] total = {0};
    Names seen = new Names();
    for (Path p : all) {
      String name = dir.relativize(p).toString();
      if (Files.isSymbolicLink(p)) {
        throw new Rejected("the submission contains a symbolic link '" + name + "'; refused");
      }
      checkName(name);
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        seen.file(canonical(name));
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
          copy(name, in, dest, kept, notes, total);
        }
      }
    }
  }

  /** The name with {@code .} segments and repeated slashes removed (what it is written as). */
  private static String canonical(String name) throws Rejected {
    StringBuilder s = new StringBuilder();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      s.append(s.length() == 0 ? "" : "/").append(part);
    }
    if (s.length() == 0) {
      throw new Rejected("the submission contains an entry with an empty name '" + name + "'");
    }
    return s.toString();
  }

  private static void checkName(String name) throws Rejected {
    if (name.startsWith("/")
        || name.startsWith("\\")
        || name.contains("\\")
        || name.contains("\0")
        || name.matches("^[A-Za-z]:.*")) {
      throw new Rejected("the submission contains an absolute path '" + name + "'; refused");
    }
    for (String part : name.split("/")) {
      if (part.equals("..")) {
        throw new Rejected("the submission contains a path with '..': '" + name + "'; refused");
      }
    }
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    for (String ext : ARCHIVES) {
      if (lower.endsWith(ext)) {
        throw new Rejected(
            "the submission contains an archive '" + name + "'; submit source files only");
      }
    }
  }

  private void copy(
      String name, InputStream in, Path dest, List<String> kept, List<String> notes, long[] total)
      throws IOException, Rejected {
    byte[] content = in.readNBytes((int) MAX_FILE_BYTES + 1);
    if (content.length > MAX_FILE_BYTES) {
      throw new Rejected("'" + name + "' is larger than " + MAX_FILE_BYTES + " bytes; refused");
    }
    total[0] += content.length;
    if (total[0] > MAX_TOTAL_BYTES) {
      throw new Rejected("the submission unpacks to more than " + MAX_TOTAL_BYTES + " bytes");
    }
    String why = dropReason(name, content);
    if (why != null) {
      notes.add("ignored " + name + ": " + why);
      return;
    }
    Path target = dest.resolve(name).normalize();
    if (!target.startsWith(dest)) {
      throw new Rejected("'" + name + "' would be written outside the submission; refused");
    }
    Files.createDirectories(target.getParent());
    // CREATE_NEW: two names that land on one file are refused, never silently overwritten.
    Files.write(target, content, java.nio.file.StandardOpenOption.CREATE_NEW);
    kept.add(name);
  }

  /** Why a safe file is still left out, or null to keep it. */
  private String dropReason(String name, byte[] content) throws IOException, Rejected {
    String base = name.substring(name.lastIndexOf('/') + 1);
    if (name.endsWith(".class")) {
      return "compiled classes are never used; the grader compiles your sources";
    }
    if (base.equals("module-info.java")) {
      return "module-info.java is not allowed in submissions";
    }
    if (name.startsWith("tests/")) {
      Path mine = problemSet.root().resolve(name).normalize();
      boolean same =
          mine.startsWith(problemSet.root())
              && Files.isRegularFile(mine)
              && java.util.Arrays.equals(Files.readAllBytes(mine), content);
      return same
          ? "the grader uses its own copy of the tests"
          : "this test file differs from the released one; your edits to tests are ignored and"
              + " the grader uses its own copy";
    }
    if (base.equals("SUBMISSION.properties")) {
      return null;
    }
    Path rel = Path.of(name);
    if (allowed.stream().noneMatch(m -> m.matches(rel))) {
      return "not one of the allowed files " + problemSet.allowed();
    }
    if (name.endsWith(".java")) {
      String pkgDir = rel.getParent() == null ? "" : rel.getParent().toString();
      String expected =
          pkgDir.startsWith("src/main/java")
              ? pkgDir.substring("src/main/java".length()).replaceFirst("^/", "").replace('/', '.')
              : null;
      if (expected == null || !packages.contains(expected)) {
        return "Java files must be in the problem set's packages " + packages;
      }
      String declared;
      try {
        declared = PackageDeclaration.of(new String(content, StandardCharsets.UTF_8));
      } catch (PackageDeclaration.Unreadable e) {
        return "its package declaration cannot be read: " + e.getMessage();
      }
      for (String p : PROTECTED) {
        if (declared.equals(p) || declared.startsWith(p + ".")) {
          throw new Rejected(
              "'"
                  + name
                  + "' declares package '"
                  + declared
                  + "', which belongs to the grader or"
                  + " the JDK; refused");
        }
      }
      if (!declared.equals(expected)) {
        return "it declares package '" + declared + "' but sits in '" + expected + "'";
      }
    }
    return null;
  }

  /**
   * Names of entries that are symbolic links, read from the zip's central directory (Java's zip API
   * does not expose the Unix mode bits).
   */
  static Set<String> symlinkEntries(Path zip) throws IOException {
    Set<String> links = new HashSet<>();
    try (RandomAccessFile f = new RandomAccessFile(zip.toFile(), "r")) {
      long len = f.length();
      long eocd = -1;
      for (long pos = len - 22; pos >= Math.max(0, len - 22 - 65535); pos--) {
        f.seek(pos);
        if (Integer.reverseBytes(f.readInt()) == 0x06054b50) {
          eocd = pos;
          break;
        }
      }
      if (eocd < 0) {
        return links;
      }
      f.seek(eocd + 10);
      int count = Short.toUnsignedInt(Short.reverseBytes(f.readShort()));
      f.seek(eocd + 16);
      long cd = Integer.toUnsignedLong(Integer.reverseBytes(f.readInt()));
      long pos = cd;
      for (int i = 0; i < count && pos + 46 <= len; i++) {
        f.seek(pos);
        if (Integer.reverseBytes(f.readInt()) != 0x02014b50) {
          break;
        }
        int madeBy = Short.toUnsignedInt(Short.reverseBytes(f.readShort()));
        f.seek(pos + 28);
        int nameLen = Short.toUnsignedInt(Short.reverseBytes(f.readShort()));
        int extraLen = Short.toUnsignedInt(Short.reverseBytes(f.readShort()));
        int commentLen = Short.toUnsignedInt(Short.reverseBytes(f.readShort()));
        f.seek(pos + 38);
        long external = Integer.toUnsignedLong(Integer.reverseBytes(f.readInt()));
        f.seek(pos + 46);
        byte[] name = new byte[nameLen];
        f.readFully(name);
        int mode = (int) (external >>> 16);
        if ((madeBy >> 8) == 3 && (mode & 0xF000) == 0xA000) {
          links.add(new String(name, StandardCharsets.UTF_8));
        }
        pos += 46 + nameLen + extraLen + commentLen;
      }
    }
    return links;
  }
}
