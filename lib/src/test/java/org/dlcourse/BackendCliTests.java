package org.dlcourse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link BackendCli}: the backend line of {@code ./course doctor}. */
class BackendCliTests {

  @Test
  void nativeBuildIsTheFolderOfTheLoadedNd4jLibrary() {
    Map<String, String> loaded = new LinkedHashMap<>();
    loaded.put(
        "jnijavacpp",
        "/c/javacpp-1.5.7-linux-x86_64.jar/org/bytedeco/linux-x86_64/libjnijavacpp.so");
    loaded.put(
        "nd4jcpu",
        "/c/nd4j-native-linux-x86_64-onednn-avx2.jar/org/nd4j/linalg/cpu/nativecpu/bindings/"
            + "linux-x86_64-onednn-avx2/libnd4jcpu.so");
    assertEquals("linux-x86_64-onednn-avx2", BackendCli.nativeBuild(loaded));
  }

  @Test
  void nativeBuildIsUnknownWhenNoNd4jLibraryLoaded() {
    assertEquals("unknown", BackendCli.nativeBuild(Map.of("x", "/lib/libz.so")));
  }

  @Test
  void aFailedFeatureCheckNamesTheAvx2Fix() {
    String reason =
        BackendCli.reason(
            new RuntimeException("init", new IllegalStateException("CPU Feature Check Failed")));
    assertTrue(reason.contains("CPU Feature Check Failed") && reason.contains("AVX2"), reason);
  }

  @Test
  void theRealBackendIsDescribed() {
    String line = BackendCli.describe();
    assertTrue(line.matches("(CPU|CUDA) \\(nd4j-(native|cuda), native build .+\\)"), line);
  }
}
