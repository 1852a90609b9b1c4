package org.dlcourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.dlcourse.data.Checksums;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelStoreTests {

  @TempDir Path dir;

  private static Model smallMlp(long seed) {
    return Models.mlpBuilder().layerSizes(4, 8, 3).seed(seed).build();
  }

  private static final INDArray X = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 4);

  @Test
  @DisplayName("a saved and loaded model gives the same outputs, and its SHA-256 is recorded")
  void saveThenLoadGivesEqualOutputs() throws IOException {
    ModelStore store = ModelStore.at(dir);
    Model model = smallMlp(7);
    String sha256 = store.save("mlp", model, 1.5);
    assertEquals(Checksums.sha256(store.modelFile("mlp")), sha256);
    assertTrue(Files.readString(store.checksumFile("mlp")).startsWith(sha256 + "  mlp.zip"));

    Model loaded = store.load("mlp");
    assertEquals(model.output(X, false), loaded.output(X, false));
    assertEquals(model.name(), loaded.name());
  }

  @Test
  @DisplayName("one changed byte is detected by the checksum and named, before parsing")
  void changedByteIsDetected() throws IOException {
    ModelStore store = ModelStore.at(dir);
    store.save("mlp", smallMlp(7), 1.0);
    byte[] bytes = Files.readAllBytes(store.modelFile("mlp"));
    bytes[bytes.length / 2] ^= 1;
    Files.write(store.modelFile("mlp"), bytes);

    ModelFileCorruptException e =
        assertThrows(ModelFileCorruptException.class, () -> store.load("mlp"));
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    assertTrue(e.getMessage().contains("mlp.zip"), e.getMessage());
    assertEquals(store.modelFile("mlp"), e.file());
  }

  @Test
  void missingOrGarbledChecksumFileIsCorrupt() throws IOException {
    ModelStore store = ModelStore.at(dir);
    store.save("mlp", smallMlp(7), 1.0);
    Files.writeString(store.checksumFile("mlp"), "not a checksum\n");
    assertThrows(ModelFileCorruptException.class, () -> store.load("mlp"));
    Files.delete(store.checksumFile("mlp"));
    ModelFileCorruptException e =
        assertThrows(ModelFileCorruptException.class, () -> store.load("mlp"));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void aMissingModelSaysHowToMakeOne() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelStore.at(dir).load("nothing"));
    assertTrue(e.getMessage().contains("loadOrTrain"), e.getMessage());
  }

  @Test
  @DisplayName("loadOrTrain trains once, then loads the stored model")
  void loadOrTrainTrainsOnlyOnce() {
    ModelStore store = ModelStore.at(dir);
    AtomicInteger trained = new AtomicInteger();
    ModelStore.Stored first =
        store.loadOrTrain(
            "mlp",
            () -> {
              trained.incrementAndGet();
              return smallMlp(3);
            });
    ModelStore.Stored second = store.loadOrTrain("mlp", () -> smallMlp(99));
    assertEquals(1, trained.get());
    assertFalse(first.fromCache());
    assertTrue(second.fromCache());
    assertEquals(first.sha256(), second.sha256());
    assertEquals(first.trainingSeconds(), second.trainingSeconds(), 1e-12);
    assertEquals(first.model().output(X, false), second.model().output(X, false));
    assertTrue(second.toString().contains("verified"), second.toString());
  }

  @Test
  @DisplayName("loadOrTrain replaces a damaged file by a retrained model, never loads it")
  void loadOrTrainRetrainsADamagedFile() throws IOException {
    ModelStore store = ModelStore.at(dir);
    store.save("mlp", smallMlp(3), 1.0);
    Files.write(store.modelFile("mlp"), new byte[] {1, 2, 3}); // truncated
    AtomicInteger trained = new AtomicInteger();
    Model fresh = smallMlp(5);
    ModelStore.Stored stored =
        store.loadOrTrain(
            "mlp",
            () -> {
              trained.incrementAndGet();
              return fresh;
            });
    assertEquals(1, trained.get());
    assertFalse(stored.fromCache());
    assertNotNull(stored.replaced());
    assertTrue(stored.replaced().contains("SHA-256"), stored.replaced());
    assertEquals(fresh.output(X, false), store.load("mlp").output(X, false));
    assertNull(store.loadOrTrain("mlp", () -> smallMlp(1)).replaced());
  }

  @Test
  void keysMustBeFileNames() {
    ModelStore store = ModelStore.at(dir);
    assertThrows(IllegalArgumentException.class, () -> store.modelFile("../escape"));
    assertThrows(IllegalArgumentException.class, () -> store.modelFile(""));
  }
}
