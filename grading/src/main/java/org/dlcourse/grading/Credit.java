package org.dlcourse.grading;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.AssertionFailedError;

/**
 * Partial credit for one test: a test that declares a {@code Credit} parameter records checks and
 * earns the fraction that passed.
 *
 * <pre>{@code
 * @Test
 * @Points(question = "q2", value = 3, checks = 4)
 * void softmaxMatchesOnFourInputs(Credit credit) {
 *   for (double[] z : inputs) credit.check(close(Activations.softmax(z), expected(z)), "softmax of " + z);
 * }
 * }</pre>
 *
 * <p>The test declares how many checks it makes ({@code @Points(checks = 4)}). It fails when any
 * check fails or when it makes a different number of checks (an exception before the last one), so
 * an IDE shows it red; the grader then awards {@code points × min(passed, declared - 1) /
 * declared}, with {@code declared} from its own manifest (see {@link
 * org.dlcourse.grading.run.TestResult#fraction}). The object is created by the JUnit extension for
 * each test and handed only to the test method; code under test never gets a reference to it.
 */
public final class Credit {
  private int checks;
  private int passed;
  private final List<String> failures = new ArrayList<>();

  Credit() {}

  /** Records one check; a false condition keeps its message for the feedback. */
  public void check(boolean condition, String what) {
    checks++;
    if (condition) {
      passed++;
    } else if (failures.size() < 10) {
      failures.add(what);
    }
  }

  /** Runs one check that passes unless it throws (an assertion or any exception). */
  public void check(Runnable assertion, String what) {
    boolean ok;
    String why = what;
    try {
      assertion.run();
      ok = true;
    } catch (RuntimeException | AssertionError e) {
      ok = false;
      why = what + ": " + e.getMessage();
    }
    check(ok, why);
  }

  /** The fraction of checks that passed, 0 when there were none. */
  public double fraction() {
    return checks == 0 ? 0 : (double) passed / checks;
  }

  @Override
  public String toString() {
    return "Credit[" + passed + "/" + checks + " checks passed]";
  }

  /** Supplies {@link Credit} parameters and reports the fraction after the test. */
  public static final class Extension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NS =
        ExtensionContext.Namespace.create(Credit.class);

    /** The report-entry key the grader's runner reads. */
    public static final String REPORT_KEY = "dlcourse.credit";

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
      return p.getParameter().getType() == Credit.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
      return c.getStore(NS).getOrComputeIfAbsent("credit", k -> new Credit(), Credit.class);
    }

    @Override
    public void afterEach(ExtensionContext c) {
      Credit credit = c.getStore(NS).get("credit", Credit.class);
      if (credit == null) {
        return;
      }
      c.publishReportEntry(REPORT_KEY, credit.passed + "/" + credit.checks);
      if (credit.checks == 0) {
        throw new AssertionFailedError("the test recorded no checks, so it earns no credit");
      }
      Points points = c.getRequiredTestMethod().getAnnotation(Points.class);
      int declared = points == null ? 0 : points.checks();
      if (declared > 0 && credit.checks != declared && c.getExecutionException().isEmpty()) {
        throw new AssertionFailedError(
            "the test declares "
                + declared
                + " checks in @Points but made "
                + credit.checks
                + "; make them agree");
      }
      if (credit.passed < credit.checks) {
        throw new AssertionFailedError(
            "passed "
                + credit.passed
                + " of "
                + credit.checks
                + " checks; failed: "
                + String.join("; ", credit.failures));
      }
    }
  }
}
