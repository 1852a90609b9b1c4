package org.dlcourse;

import java.util.Locale;

/**
 * The one knob for smoke mode: small data and few epochs, used by tests and CI.
 *
 * <p>Smoke mode is on when the environment variable {@code DLCOURSE_SMOKE} (or the system property
 * {@code dlcourse.smoke}) is {@code 1}, {@code true} or {@code yes}. Full mode is the default.
 * Every notebook and test reads the mode through this class only:
 *
 * <pre>{@code
 * int numEpochs = Smoke.pick(10, 1);       // 10 in full mode, 1 in smoke mode
 * int numExamples = Smoke.pick(60_000, 2_000);
 * }</pre>
 */
public final class Smoke {

  /** Name of the environment variable that switches smoke mode on. */
  public static final String ENV = "DLCOURSE_SMOKE";

  /** Name of the equivalent system property (wins over the environment variable). */
  public static final String PROPERTY = "dlcourse.smoke";

  private Smoke() {}

  /** Whether smoke mode is on. */
  public static boolean on() {
    String value = System.getProperty(PROPERTY);
    if (value == null) {
      value = System.getenv(ENV);
    }
    if (value == null) {
      return false;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return v.equals("1") || v.equals("true") || v.equals("yes");
  }

  /** {@code full} in full mode, {@code smoke} in smoke mode. */
  public static int pick(int full, int smoke) {
    return on() ? smoke : full;
  }

  /** {@code full} in full mode, {@code smoke} in smoke mode. */
  public static double pick(double full, double smoke) {
    return on() ? smoke : full;
  }

  /** "smoke" or "full", for printing in a setup cell. */
  public static String mode() {
    return on() ? "smoke" : "full";
  }
}
