package org.dlcourse.kernel;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Where Shift-Tab finds Javadoc: the JDK's {@code lib/src.zip} and the kernel's source folder.
 *
 * <p>JShell (JDK 17) reads Javadoc only from the JDK's own {@code src.zip}. The kernel build copies
 * the sources jars of ND4J, DL4J, Tablesaw and XChart (Maven Central, {@code -sources} classifier)
 * and the course library's sources into {@code kernel/target/sources}; the kernelspec names that
 * folder in {@code -Ddlcourse.kernel.sources}. This class hands JShell the full list through its
 * private {@code availableSources} field, which needs {@code --add-opens
 * jdk.jshell/jdk.jshell=ALL-UNNAMED} (in the kernelspec and the unit tests). Without it JShell
 * still shows signatures and JDK Javadoc.
 */
final class DocSources {

  /** System property: the folder of sources jars and source folders. */
  static final String PROPERTY = "dlcourse.kernel.sources";

  private DocSources() {}

  /** Gives {@code analysis} every source location found; returns a note if that failed. */
  static String install(SourceCodeAnalysis analysis) {
    List<Path> sources = new ArrayList<>(jdkSources());
    sources.addAll(kernelSources(System.getProperty(PROPERTY)));
    try {
      Field field = analysis.getClass().getDeclaredField("availableSources");
      field.setAccessible(true);
      field.set(analysis, sources);
      return null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "Shift-Tab shows JDK documentation only: the library sources could not be given to"
          + " JShell ("
          + e
          + "). Start the kernel with --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED"
          + " (kernel/install-kernelspec.sh writes it).";
    }
  }

  /** The module folders inside the JDK's {@code lib/src.zip} (Debian: openjdk-17-source). */
  static List<Path> jdkSources() {
    Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
    if (!Files.isReadable(zip)) {
      return List.of();
    }
    List<Path> modules = new ArrayList<>();
    try {
      FileSystem fs = FileSystems.newFileSystem(zip); // stays open: JShell reads it on every call
      Path root = fs.getRootDirectories().iterator().next();
      if (Files.exists(root.resolve("java/lang/Object.java"))) {
        return List.of(zip); // a JDK 8 style zip: one source root
      }
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
        dirs.forEach(modules::add);
      }
    } catch (IOException e) {
      System.err.println("cannot read " + zip + " for Shift-Tab documentation: " + e);
    }
    return modules;
  }

  /** Every {@code *.jar}/{@code *.zip} and folder directly inside {@code folder}. */
  static List<Path> kernelSources(String folder) {
    if (folder == null || folder.isBlank() || !Files.isDirectory(Path.of(folder))) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(Path.of(folder))) {
      return entries
          .filter(
              p ->
                  Files.isDirectory(p)
                      || p.toString().endsWith(".jar")
                      || p.toString().endsWith(".zip"))
          .sorted()
          .toList();
    } catch (IOException e) {
      System.err.println("cannot list " + folder + " for Shift-Tab documentation: " + e);
      return List.of();
    }
  }
}
