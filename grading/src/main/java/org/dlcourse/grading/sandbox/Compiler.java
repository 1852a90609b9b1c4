package org.dlcourse.grading.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.dlcourse.grading.problemset.Limits;
import org.dlcourse.grading.problemset.ProblemSet;

/** Compiles Java sources, either trusted (in this JVM) or untrusted (javac in the sandbox). */
public final class Compiler {
  private Compiler() {}

  /** The result of a compilation: success and javac's (bounded) messages. */
  public record Result(boolean ok, String messages) {}

  /** Compiles trusted instructor sources in-process. */
  public static Result trusted(List<Path> sources, List<Path> classpath, Path out)
      throws IOException {
    Files.createDirectories(out);
    if (sources.isEmpty()) {
      return new Result(true, "");
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException(
          "no Java compiler in this runtime (" + System.getProperty("java.home") + "); use a JDK");
    }
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-encoding", "UTF-8"));
    args.addAll(List.of("-proc:none", "-nowarn", "-g"));
    if (!classpath.isEmpty()) {
      args.add("-cp");
      args.add(String.join(":", classpath.stream().map(Path::toString).toList()));
    }
    sources.forEach(s -> args.add(s.toString()));
    var err = new java.io.ByteArrayOutputStream();
    int status = javac.run(null, err, err, args.toArray(String[]::new));
    return new Result(status == 0, err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Compiles a submission's sources with javac inside the sandbox.
   *
   * @param srcRoot the unpacked {@code src/main/java}
   * @param out an empty directory the sandbox user may write
   * @param classpath jars already bound into {@code sandbox} (inside paths), may be empty
   */
  public static Result sandboxed(
      Sandbox sandbox, Limits limits, Path srcRoot, Path out, List<String> classpath)
      throws IOException, InterruptedException {
    List<Path> files = ProblemSet.javaFiles(srcRoot);
    if (files.isEmpty()) {
      return new Result(false, "no .java files under src/main/java in the submission");
    }
    String src = sandbox.readOnly(srcRoot, "/submission/src");
    String dst = sandbox.writable(out, "/submission/classes");
    List<String> program = new ArrayList<>();
    program.add(sandbox.javaBin() + "javac");
    program.addAll(
        List.of(
            "-J-Xmx384m",
            "-J-XX:+UseSerialGC",
            "-J-XX:TieredStopAtLevel=1",
            "-d",
            dst,
            "-encoding",
            "UTF-8",
            "-proc:none",
            "-implicit:none",
            "-nowarn",
            "-g",
            "-Xmaxerrs",
            "30"));
    if (!classpath.isEmpty()) {
      program.add("-cp");
      program.add(String.join(":", classpath));
    }
    for (Path f : files) {
      program.add(src + "/" + srcRoot.relativize(f));
    }
    Process p =
        new ProcessBuilder(sandbox.command(program, limits.compileTimeoutSeconds()))
            .redirectErrorStream(true)
            .start();
    String messages = readBounded(p.getInputStream(), 16 * 1024);
    if (!p.waitFor(limits.compileTimeoutSeconds() + 5L, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(false, "compilation did not finish in time");
    }
    int status = p.exitValue();
    if (status == 137) {
      return new Result(
          false, "compilation took longer than " + limits.compileTimeoutSeconds() + " s");
    }
    return new Result(status == 0, messages.replace(src + "/", ""));
  }

  private static String readBounded(InputStream in, int max) throws IOException {
    byte[] kept = in.readNBytes(max);
    long more = in.transferTo(java.io.OutputStream.nullOutputStream());
    String s = new String(kept, StandardCharsets.UTF_8);
    return more > 0 ? s + "\n... (" + more + " more bytes)" : s;
  }
}
