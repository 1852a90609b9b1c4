package org.dlcourse.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** is_complete, Shift-Tab and help cells, on a real JShell. */
class AnalysisTests {

  private static Evaluator evaluator;
  private static Inspector inspector;

  @BeforeAll
  static void startJShell() {
    evaluator = new Evaluator();
    inspector = new Inspector(evaluator);
  }

  @AfterAll
  static void closeJShell() {
    evaluator.close();
  }

  @Test
  void completeCodeRunsNow() {
    for (String code : new String[] {"int a = 1;", "1 + 2", "int b = 1;\nfor (;;) {\n}", ""}) {
      assertEquals("complete", Completeness.of(evaluator, code), code);
    }
  }

  @Test
  void incompleteCodeWaitsWithTheIndentOfItsOpenBlocks() {
    assertEquals("    ", Completeness.of(evaluator, "for (int i = 0; i < 3; i++) {"));
    assertEquals("        ", Completeness.of(evaluator, "class A {\n  void f() {"));
    assertEquals("", Completeness.of(evaluator, "int c = 1 +"));
    assertEquals("    ", Completeness.of(evaluator, "int x = 1;\nif (x > 0) { // {"));
  }

  @Test
  void invalidCodeIsRunToShowTheError() {
    for (String code : new String[] {"}", "int d = ;", "String s = \"abc"}) {
      assertEquals("invalid", Completeness.of(evaluator, code), code);
    }
  }

  @Test
  void shiftTabShowsTheCourseLibrarysJavadoc() {
    String code = "long s = org.dlcourse.Seed.derive(";
    DisplayData doc = inspector.inspect(code, code.length());
    assertNotNull(doc, "no documentation for Seed.derive (are the sources in target/sources?)");
    String text = (String) doc.getData(MIMEType.TEXT_PLAIN);
    assertTrue(text.startsWith("long Seed.derive(long k)"), text); // no package in a signature
    assertTrue(text.contains("A reproducible seed for the k-th independent use"), text);
    assertTrue(((String) doc.getData(MIMEType.TEXT_HTML)).contains("<code>k</code>"));
  }

  @Test
  void shiftTabOnAMethodNameWithoutParenthesesShowsItsOverloads() {
    String code = "Display.clear";
    DisplayData doc = inspector.inspect(code, 3); // the cursor inside the class name: the class
    assertTrue(((String) doc.getData(MIMEType.TEXT_PLAIN)).contains("Shows values"));
    doc = inspector.inspect(code, code.length());
    String text = (String) doc.getData(MIMEType.TEXT_PLAIN);
    assertTrue(text.contains("void Display.clear(boolean wait)"), text);
    assertTrue(text.contains("void Display.clear()"), text);
  }

  @Test
  void signaturesDropPackagesButClassesKeepTheirFullName() {
    String code = "java.util.Collections.unmodifiableList(";
    String text = (String) inspector.inspect(code, code.length()).getData(MIMEType.TEXT_PLAIN);
    String signature = text.lines().findFirst().orElse("");
    assertTrue(signature.startsWith("List<T> Collections."), text);
    assertTrue(signature.contains("unmodifiableList(List<? extends T>"), text);
    text = (String) inspector.inspect("java.util.Collections", 21).getData(MIMEType.TEXT_PLAIN);
    assertTrue(text.startsWith("java.util.Collections"), text);
  }

  @Test
  void unknownNamesHaveNoDocumentation() {
    assertNull(inspector.inspect("noSuchName", 4));
    assertNull(inspector.inspect("", 0));
  }

  @Test
  void importsBeforeTheCursorAreIgnoredNotFatal() {
    String code = "import java.util.List;\nMath.abs(";
    assertEquals("Math.abs(", inspector.withoutImports(code).strip());
  }

  @Test
  void helpCellsNameTheirTopic() {
    assertEquals("Nd4j.create", Help.topic("Nd4j.create?"));
    assertEquals("Math", Help.topic("  ?Math\n"));
    assertEquals("net.fit", Help.topic("net.fit()??"));
    assertNull(Help.topic("int a = b ? 1 : 2;"));
    assertNull(Help.topic("x"));
  }
}
