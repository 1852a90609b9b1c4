package org.dlcourse.grading.run;

/**
 * The terms both FGSM judges read from the reference's record, {@code
 * kind;heldOut;examples;eps;a;b} ({@link RobustJudge}: {@code a, b} = the least robust and clean
 * accuracy; {@link AttackJudge}: the least accuracy drop and pixel agreement), parsed once here.
 */
record FgsmTerms(String heldOut, int examples, double eps, double a, double b) {
  /** The terms of a model answer {@code m<kind;heldOut;examples;eps;a;b>|…}. */
  static FgsmTerms parse(String answer) {
    String[] t = answer.substring(1).split("\\|", -1)[0].split(";", -1);
    return new FgsmTerms(
        t[1],
        Integer.parseInt(t[2]),
        Double.parseDouble(t[3]),
        Double.parseDouble(t[4]),
        Double.parseDouble(t[5]));
  }
}
