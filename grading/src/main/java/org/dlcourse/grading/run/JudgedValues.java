package org.dlcourse.grading.run;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The judge's side of {@link org.dlcourse.grading.Judge}: decodes the values a test JVM reported
 * (untrusted: bounded, malformed lines skipped) and compares them with the reference's answers.
 */
final class JudgedValues {
  private JudgedValues() {}

  /** One record: what, tolerance (negative: exact text), value. */
  record Value(String what, double tolerance, String value) {

    /**
     * Why {@code got} (a submission's record of the same value) does not match this answer, or null
     * when it does. A model answer ({@link ModelJudge}) is matched by a model that meets the
     * reference's terms on held-out data.
     */
    String mismatch(Value got) {
      if (got == null || !got.what.equals(what)) {
        return "not recorded";
      }
      if (ModelJudge.isModel(value)) {
        ModelJudge.Verdict v = ModelJudge.judge(value, got.value);
        return v.passed() ? null : v.detail();
      }
      return matches(got) ? null : "";
    }

    /** Whether {@code got} (a submission's record of the same value) matches this answer. */
    boolean matches(Value got) {
      if (got == null || !got.what.equals(what) || ModelJudge.isModel(value)) {
        return false;
      }
      if (tolerance < 0 || value.startsWith("s") || got.value.startsWith("s")) {
        return value.equals(got.value);
      }
      String[] a = value.isEmpty() ? new String[0] : value.split(",", -1);
      String[] b = got.value.isEmpty() ? new String[0] : got.value.split(",", -1);
      if (a.length != b.length) {
        return false;
      }
      for (int i = 0; i < a.length; i++) {
        if (!close(Double.parseDouble(a[i]), parse(b[i]), tolerance)) {
          return false;
        }
      }
      return true;
    }

    private static double parse(String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return Double.NaN + 1; // a malformed number never matches a finite answer
      }
    }

    /** {@code |got - want| <= tol * max(1, |want|)}; NaN and infinities match only themselves. */
    private static boolean close(double want, double got, double tol) {
      if (Double.isNaN(want) || Double.isInfinite(want)) {
        return Double.compare(want, got) == 0;
      }
      return Math.abs(got - want) <= tol * Math.max(1, Math.abs(want));
    }

    /** This model record as an answer: the reference's terms and architecture, no weights. */
    Value asModelAnswer() {
      return new Value(what, tolerance, ModelJudge.answerOf(value));
    }

    @Override
    public String toString() {
      return what;
    }
  }

  /** Decodes what {@code Judge.encode} wrote (from a sandbox: bounded, malformed lines skipped). */
  static List<Value> decode(String encoded) {
    List<Value> out = new ArrayList<>();
    if (encoded == null || encoded.isEmpty() || encoded.equals("-")) {
      return out;
    }
    String text;
    try {
      text = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return out;
    }
    for (String line : text.split("\n")) {
      String[] f = line.split("\t", 3);
      if (f.length == 3 && out.size() < 1000) {
        try {
          out.add(new Value(f[0], Double.parseDouble(f[1]), f[2]));
        } catch (NumberFormatException e) {
          // skipped: a malformed record matches nothing
        }
      }
    }
    return out;
  }

  /** Encodes records as {@code Judge.encode} does. */
  static String encode(List<Value> values) {
    StringBuilder s = new StringBuilder();
    for (Value v : values) {
      s.append(s.length() == 0 ? "" : "\n").append(v.what).append('\t');
      s.append(v.tolerance).append('\t').append(v.value);
    }
    return Base64.getEncoder().encodeToString(s.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Judges a submission's records against the reference's: how many answers were matched (the first
   * record with the same description counts, in order).
   */
  static int matched(List<Value> answers, List<Value> got, List<String> wrong) {
    int n = 0;
    boolean[] used = new boolean[got.size()];
    for (Value want : answers) {
      Value found = null;
      for (int i = 0; i < got.size(); i++) {
        if (!used[i] && got.get(i).what().equals(want.what())) {
          used[i] = true;
          found = got.get(i);
          break;
        }
      }
      String why = want.mismatch(found);
      if (why == null) {
        n++;
      } else if (wrong.size() < 5) {
        wrong.add(
            want.what() + (why.isEmpty() || why.equals("not recorded") ? "" : " (" + why + ")"));
      }
    }
    return n;
  }
}
