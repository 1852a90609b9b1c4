package org.dlcourse.grading.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Folder trees: copy, delete, make readable for the sandbox uid, and digest. */
public final class FileTrees {
  private FileTrees() {}

  /** Deletes a tree without following links; an absent path is fine. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Copies a tree (an absent source gives an empty folder). */
  public static void copyTree(Path from, Path to) throws IOException {
    copyTree(from, to, false);
  }

  /** Copies a tree leaving out symbolic links (a student's or a downloaded folder). */
  public static void copyTreeWithoutLinks(Path from, Path to) throws IOException {
    copyTree(from, to, true);
  }

  private static void copyTree(Path from, Path to, boolean skipLinks) throws IOException {
    if (!Files.exists(from)) {
      Files.createDirectories(to);
      return;
    }
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        if (skipLinks && Files.isSymbolicLink(p)) {
          continue;
        }
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  /** Makes a tree world-readable so that the sandbox uid can read what is bound into it. */
  public static void makeReadable(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        if (Files.isSymbolicLink(p)) {
          continue;
        }
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  /**
   * Makes a file the user wrote for others (a submission or release zip) {@code rw-r--r--}: temp
   * files are created {@code rw-------}, which an instructor's or LMS's upload may not read.
   */
  public static void readableByAll(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  /**
   * Creates {@code root} if needed and makes it world-traversable, refusing it when it is a link or
   * belongs to another user (who could have planted files there).
   *
   * @param what what the folder is, for the message, e.g. "the grader's runtime cache"
   * @param fix what to do when it is refused
   */
  public static Path ownFolder(Path root, String what, String fix) throws IOException {
    Files.createDirectories(root);
    String me = System.getProperty("user.name");
    String owner = Files.getOwner(root, LinkOption.NOFOLLOW_LINKS).getName();
    if (Files.isSymbolicLink(root) || !owner.equals(me)) {
      throw new IllegalStateException(
          what + " " + root + " is a link or belongs to " + owner + ", not to " + me + "; " + fix);
    }
    makeReadableDir(root);
    return root;
  }

  /** Makes one directory world-traversable (the sandbox uid must reach what is bound). */
  public static void makeReadableDir(Path dir) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** SHA-256 of {@code bytes}. */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 over the files under the given paths (names and contents), in sorted order. */
  public static String digest(Path... roots) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Path root : roots) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
          files =
              s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path f : files) {
          md.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
          md.update((byte) 0);
          try (InputStream in = Files.newInputStream(f)) {
            md.update(in.readAllBytes());
          }
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the files under {@code dir} into a jar (class files at the jar's root). */
  public static void jar(Path dir, Path jar) throws IOException {
    try (OutputStream o = Files.newOutputStream(jar);
        ZipOutputStream z = new JarOutputStream(o);
        Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        z.putNextEntry(new ZipEntry(dir.relativize(f).toString()));
        Files.copy(f, z);
        z.closeEntry();
      }
    }
  }
}
