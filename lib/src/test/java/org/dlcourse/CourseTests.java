package org.dlcourse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CourseTests {

  @Test
  void theBackendProbeFindsTheBuildTheCourseWasBuiltForAndAGoodProduct() {
    BackendCheck check = Course.checkBackend();
    System.out.println(check);
    assertEquals("CPU", check.backend());
    // the POM's nd4j.classifier reached the jar through resource filtering
    assertFalse(check.expectedBuild().startsWith("unknown"), check.toString());
    assertEquals(check.expectedBuild(), check.loadedBuild(), check.toString());
    assertTrue(check.maxError() < check.tolerance(), check.toString());
    assertTrue(check.ok(), check.toString());
  }

  @Test
  void aWrongBuildOrAWrongProductFailsTheProbe() {
    int[] shape = {2, 3, 4};
    BackendCheck good = new BackendCheck("CPU", "b", "b", true, shape, 1e-7, 1e-4);
    assertTrue(good.ok());
    assertFalse(new BackendCheck("CPU", "a", "b", true, shape, 1e-7, 1e-4).ok());
    assertFalse(new BackendCheck("CPU", "b", "b", true, shape, 1e-2, 1e-4).ok());
    assertFalse(new BackendCheck("CPU", "b", "b", true, shape, Double.NaN, 1e-4).ok());
  }

  @Test
  void thePlainJavaOracleIsTheTextbookProduct() {
    double[][] a = {{1, 2}, {3, 4}};
    double[][] b = {{5, 6}, {7, 8}};
    double[][] c = Course.multiply(a, b);
    assertArrayEquals(new double[] {19, 22}, c[0]);
    assertArrayEquals(new double[] {43, 50}, c[1]);
    assertEquals(0.5, Course.maxDifference(c, new double[][] {{19, 22.5}, {43, 50}}));
  }
}
