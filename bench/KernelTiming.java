import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;

/**
 * Alternatives for the slow kernels of the fast dense step (issue 13), timed interleaved in one
 * JVM on the course MLP's shapes (batch 128, 235,146 parameters): Adam as ND4J's fused op vs
 * composed in-place ops; ReLU backward as ThresholdReluBp vs a Step mask times the gradient; the
 * bias gradient as a column sum vs a product with a row of ones. Prints the median microseconds.
 *
 * <p>Run (1 thread): {@code OMP_NUM_THREADS=1 java -cp build/bench/classes:lib/target/classes:$(cat
 * kernel/target/classpath.txt) KernelTiming}.
 */
public class KernelTiming {
  interface Kernel {
    void run();
  }

  public static void main(String[] args) {
    int n = 235_146;
    INDArray g = Nd4j.rand(DataType.FLOAT, 1, n).subi(0.5);
    INDArray m = Nd4j.zeros(DataType.FLOAT, 1, n);
    INDArray v = Nd4j.zeros(DataType.FLOAT, 1, n);
    INDArray out = Nd4j.zeros(DataType.FLOAT, 1, n);
    INDArray tmp = Nd4j.zeros(DataType.FLOAT, 1, n);
    INDArray h = Nd4j.rand(DataType.FLOAT, 128, 256).subi(0.5);
    INDArray dh = Nd4j.rand(DataType.FLOAT, 128, 256);
    INDArray dz = Nd4j.zeros(DataType.FLOAT, 128, 256);
    INDArray mask = Nd4j.zeros(DataType.FLOAT, 128, 256);
    INDArray ones = Nd4j.ones(DataType.FLOAT, 1, 128);
    INDArray db = Nd4j.zeros(DataType.FLOAT, 1, 256);
    Kernel adamOp = () -> Nd4j.exec(new AdamUpdater(out.assign(g), v, m, 1e-3, 0.9, 0.999, 1e-8, 5));
    Kernel adamComposed =
        () -> { // m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; out = alpha m / (sqrt(v) + eps)
          m.muli(0.9).addi(g.mul(0.1, tmp));
          v.muli(0.999).addi(g.mul(g, tmp).muli(0.001));
          Nd4j.exec(new Sqrt(v, tmp)).addi(1e-8);
          m.div(tmp, out).muli(1e-3);
        };
    Kernel reluBp = () -> Nd4j.exec(new ThresholdReluBp(h, dh, dz, 0.0));
    Kernel reluMask = () -> { Nd4j.exec(new Step(h, mask, 0.0)); dh.mul(mask, dz); };
    Kernel biasSum = () -> dh.sum(db, 0);
    Kernel biasGemm = () -> Nd4j.gemm(ones, dh, db, false, false, 1.0, 0.0);
    String[] names = {"adam op", "adam composed", "relu ThresholdReluBp", "relu Step mask",
      "bias sum(0)", "bias ones gemm"};
    Kernel[] kernels = {adamOp, adamComposed, reluBp, reluMask, biasSum, biasGemm};
    int rounds = 15;
    int reps = 40;
    double[][] micros = new double[kernels.length][rounds];
    for (int r = -3; r < rounds; r++) { // 3 warm-up rounds
      for (int k = 0; k < kernels.length; k++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
          kernels[k].run();
        }
        if (r >= 0) {
          micros[k][r] = (System.nanoTime() - t0) / 1e3 / reps;
        }
      }
    }
    for (int k = 0; k < kernels.length; k++) {
      Arrays.sort(micros[k]);
      System.out.printf(Locale.ROOT, "%-22s median %7.1f us (min %.1f, max %.1f)%n", names[k],
          micros[k][rounds / 2], micros[k][0], micros[k][rounds - 1]);
    }
  }
}
