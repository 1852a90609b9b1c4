package org.dlcourse.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dlcourse.grading.submission.PackageDeclaration;
import org.junit.jupiter.api.Test;

/** The package check reads the declaration javac reads, not the first line that looks like one. */
class PackageDeclarationTests {
  private static final String REAL = "package org.dlcourse.grading;\nclass X {}";

  @Test
  void readsAPlainDeclaration() throws Exception {
    assertEquals(
        "org.dlcourse.ps.sample", PackageDeclaration.of("package org.dlcourse.ps.sample;"));
    assertEquals("a.b", PackageDeclaration.of("\ufeff  package  a . b ;"));
    assertEquals("", PackageDeclaration.of("class X { String s = \"package a.b;\"; }"));
  }

  @Test
  void commentedOutDeclarationsAreSkipped() throws Exception {
    assertEquals(
        "org.dlcourse.grading",
        PackageDeclaration.of("// package org.dlcourse.ps.sample;\n" + REAL));
    assertEquals(
        "org.dlcourse.grading",
        PackageDeclaration.of("/*\npackage org.dlcourse.ps.sample;\n*/\n" + REAL));
    assertEquals(
        "org.dlcourse.grading",
        PackageDeclaration.of("/** doc */ package /* x */ org.dlcourse/**/.grading;"));
  }

  @Test
  void unicodeEscapesAreTranslatedFirst() throws Exception {
    // A Unicode escape of a line feed ends a line comment in javac's eyes; 0070 is p.
    assertEquals(
        "org.dlcourse.grading",
        PackageDeclaration.of("// hello \\u000a package org.dlcourse.grading;"));
    assertEquals(
        "org.dlcourse.grading", PackageDeclaration.of("\\u0070ackage org.dlcourse.grading;"));
    assertEquals("a", PackageDeclaration.of("\\uuu0070ackage a;"));
    // An escaped backslash does not start an escape.
    assertEquals("", PackageDeclaration.of("class X { String s = \"\\\\u0070\"; }"));
  }

  @Test
  void unreadableSourcesAreReported() {
    assertThrows(PackageDeclaration.Unreadable.class, () -> PackageDeclaration.of("/* open"));
    assertThrows(
        PackageDeclaration.Unreadable.class, () -> PackageDeclaration.of("@Deprecated package a;"));
    assertThrows(PackageDeclaration.Unreadable.class, () -> PackageDeclaration.of("package a.;"));
    assertThrows(PackageDeclaration.Unreadable.class, () -> PackageDeclaration.of("\\u00zz"));
  }
}
