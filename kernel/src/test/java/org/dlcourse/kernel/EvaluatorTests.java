package org.dlcourse.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvaluatorTests {

  private static Evaluator evaluator;

  @BeforeAll
  static void startJShell() {
    evaluator = new Evaluator();
  }

  @AfterAll
  static void closeJShell() {
    evaluator.close();
  }

  @Test
  void lastExpressionOfACellIsItsValue() throws Exception {
    assertEquals(42, evaluator.eval("int a = 40;\nint b = 2;\na + b", 1));
  }

  @Test
  void declarationsHaveNoValue() throws Exception {
    assertNull(evaluator.eval("int c = 1;", 2));
    assertNull(evaluator.eval("void hello() {}", 3));
  }

  @Test
  void compileErrorNamesTheCellLine() {
    CellError error =
        assertThrows(
            CellError.CompilationError.class,
            () -> evaluator.eval("int d = 1;\nint e = \"text\";\nint f = 3;", 4));
    assertTrue(error.getMessage().startsWith("cell [4], line 2:"), error.getMessage());
    assertTrue(error.getMessage().contains("incompatible types"), error.getMessage());
  }

  @Test
  void compileErrorAfterACommentCountsTheCommentLines() {
    CellError error =
        assertThrows(
            CellError.CompilationError.class,
            () -> evaluator.eval("// setup\n\n/* more */\nint g = undefinedName;", 5));
    assertTrue(error.getMessage().startsWith("cell [5], line 4:"), error.getMessage());
  }

  @Test
  void runtimeExceptionIsTheStudentsOwnWithCellFrames() throws Exception {
    evaluator.eval("int half(int q) {\n  return 10 / q;\n}", 6);
    Exception thrown =
        assertThrows(Exception.class, () -> evaluator.eval("int z = 0;\nhalf(z)", 7));
    assertInstanceOf(ArithmeticException.class, thrown);
    List<String> traceback = evaluator.tracebackOf(thrown);
    String text = String.join("\n", traceback);
    assertTrue(text.contains("at half (cell [6], line 2)"), text);
    assertTrue(text.contains("cell [7], line 2"), text);
    assertFalse(text.contains("jdk.jshell") || text.contains("do_it"), text);
  }

  @Test
  void systemExitEndsTheCellOnly() throws Exception {
    evaluator.eval("int kept = 1;", 8);
    CellError error =
        assertThrows(
            CellError.SystemExit.class, () -> evaluator.eval("System.exit(2);\nkept = 5;", 9));
    assertTrue(error.getMessage().contains("System.exit(2)"), error.getMessage());
    assertEquals(1, evaluator.eval("kept", 10));
  }

  @Test
  void unresolvedReferenceNamesTheMissingClass() throws Exception {
    evaluator.eval("Object make() { return new NotYetDefined(); }", 11);
    CellError error =
        assertThrows(CellError.UnresolvedReference.class, () -> evaluator.eval("make()", 12));
    assertTrue(error.getMessage().contains("NotYetDefined"), error.getMessage());
  }

  @Test
  void incompleteCellSaysWhereTheStatementStarts() {
    CellError error =
        assertThrows(
            CellError.IncompleteCell.class, () -> evaluator.eval("int h = 1;\nif (h > 0) {\n", 13));
    assertTrue(error.getMessage().contains("line 2"), error.getMessage());
  }

  @Test
  void exitRewriteSkipsStringsAndComments() {
    assertEquals(
        "org.dlcourse.kernel.ExitGuard.exit(1); // System.exit(0)",
        ExitGuard.rewrite("System.exit(1); // System.exit(0)"));
    assertEquals("\"System.exit(1)\"", ExitGuard.rewrite("\"System.exit(1)\""));
    assertEquals("mySystem.exit(1)", ExitGuard.rewrite("mySystem.exit(1)"));
  }
}
