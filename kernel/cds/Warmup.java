import jdk.jshell.JShell;

/**
 * Run once by install-kernelspec.sh with -XX:ArchiveClassesAtExit: loads the classes a kernel
 * start and a first DL4J cell need (JShell and its compiler, ND4J's backend, DL4J layers), so that
 * the kernel JVM can map them from a class-data-sharing archive instead of loading and verifying
 * them one by one. Measured: kernel start to first DL4J result 7.4-11.3 s without, 6.7-7.7 s with
 * the archive (2 shared cores, load 7.8-9.9, interleaved; see bench/RESULTS.md). Not part of the
 * kernel itself.
 */
public final class Warmup {
  public static void main(String[] args) {
    try (JShell shell = JShell.builder().executionEngine("local").build()) {
      shell.eval("int warm = 1 + 1;");
    }
    org.nd4j.linalg.factory.Nd4j.create(1);
    org.dlcourse.models.Models.mlp(784, 10).predict(org.nd4j.linalg.factory.Nd4j.zeros(1, 784));
    org.dlcourse.models.Cnns.lenet(10).predict(org.nd4j.linalg.factory.Nd4j.zeros(1, 1, 28, 28));
    System.exit(0);
  }
}
