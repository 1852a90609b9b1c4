import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named arrays written for torch_seq_gan.py's cross-check (the same weights and inputs in PyTorch
 * must give the same losses). Format, big-endian as DataOutputStream writes it: per array its name
 * (writeUTF), rank (int), each dimension (int), then the values as float32 in C order.
 */
final class Tensors {

  private final Map<String, INDArray> arrays = new LinkedHashMap<>();

  /** Keeps a copy of {@code array} (later training does not change it). */
  Tensors put(String name, INDArray array) {
    arrays.put(name, array.castTo(DataType.FLOAT).dup('c'));
    return this;
  }

  /** Keeps a scalar as a [1] array. */
  Tensors put(String name, double value) {
    return put(name, Nd4j.createFromArray((float) value));
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
        INDArray a = e.getValue();
        out.writeUTF(e.getKey());
        out.writeInt(a.rank());
        for (long d : a.shape()) {
          out.writeInt((int) d);
        }
        for (float v : a.data().asFloat()) {
          out.writeFloat(v);
        }
      }
    }
  }
}
