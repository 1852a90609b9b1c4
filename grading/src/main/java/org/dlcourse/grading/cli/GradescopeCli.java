package org.dlcourse.grading.cli;

import java.nio.file.Path;
import org.dlcourse.grading.gradescope.Gradescope;
import org.dlcourse.grading.gradescope.LibraryFetch;
import org.dlcourse.grading.sandbox.Sandbox;

/** The command line of {@code run_autograder} and {@code setup.sh} on Gradescope. */
public final class GradescopeCli {
  private GradescopeCli() {}

  /**
   * The entry point of {@code run_autograder}: {@code --root R --grader G [--unsafe-no-sandbox]};
   * {@code --prepare} instead prepares the test runtime, and {@code --fetch-library [--maven-repo
   * URL]} fetches the library's jars from Maven Central (both setup.sh).
   */
  public static void main(String[] args) {
    int status;
    try {
      Args a = Args.parse(prepend("autograde", args));
      Path root = Path.of(a.opt("root", "/autograder")).toAbsolutePath();
      Path grader = Path.of(a.opt("grader", root.resolve("source/grader").toString()));
      // --unsafe-no-sandbox: bubblewrap cannot run in this container, which is the sandbox.
      if (a.flag("fetch-library")) {
        LibraryFetch.fetch(
            grader.toAbsolutePath().resolve("library"),
            a.opt("maven-repo", LibraryFetch.CENTRAL),
            System.out);
        System.exit(0);
      }
      if (a.flag("prepare")) {
        Gradescope.prepare(root, grader.toAbsolutePath(), System.out);
        System.exit(0);
      }
      boolean isolated = !a.flag("unsafe-no-sandbox");
      if (isolated && !Sandbox.available()) {
        throw new IllegalStateException(
            "bubblewrap does not work here; "
                + Sandbox.INSTALL_HINT
                + ", or pass --unsafe-no-sandbox where the container itself is the sandbox");
      }
      System.out.println(
          isolated
              ? "sandbox: bubblewrap"
              : "sandbox: the container (--unsafe-no-sandbox); no bubblewrap, test JVMs run as"
                  + " unprivileged uids under the same limits");
      Gradescope.run(root, grader.toAbsolutePath(), isolated, System.out);
      status = 0;
    } catch (Exception e) {
      System.err.println("error: " + e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
