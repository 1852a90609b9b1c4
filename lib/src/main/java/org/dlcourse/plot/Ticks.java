package org.dlcourse.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Round tick values for an axis: "nice numbers" (multiples of 1, 2 or 5 times a power of ten) on a
 * linear axis, so that 0 is a tick whenever it lies in the range; powers of ten (and 2 and 5 times
 * them when the range spans few decades) on a logarithmic axis.
 *
 * @param values the tick positions, increasing; the first and last are the axis ends
 * @param step the distance between ticks (linear) or 0 (logarithmic)
 * @param log whether the axis is logarithmic
 */
record Ticks(double[] values, double step, boolean log) {

  /** The axis starts at the first tick. */
  double lo() {
    return values[0];
  }

  /** The axis ends at the last tick. */
  double hi() {
    return values[values.length - 1];
  }

  /**
   * Where {@code v} lies on the axis: 0 at the first tick, 1 at the last, measured in log10 units
   * on a logarithmic axis.
   */
  double fraction(double v) {
    return log
        ? (Math.log10(v) - Math.log10(lo())) / (Math.log10(hi()) - Math.log10(lo()))
        : (v - lo()) / (hi() - lo());
  }

  /**
   * Ticks for data in {@code [min, max]} on a linear axis, about {@code target} of them (at least
   * 2): the step is 1, 2 or 5 times a power of ten, the ends are multiples of the step.
   */
  static Ticks linear(double min, double max, int target) {
    return linear(min, max, target, false);
  }

  /** Like {@link #linear(double, double, int)}; with {@code integers} the step is at least 1. */
  static Ticks linear(double min, double max, int target, boolean integers) {
    if (!(max > min)) { // one value (or none): a range around it
      double pad = min == 0 || !Double.isFinite(min) || integers ? 1 : Math.abs(min) * 0.1;
      min = Double.isFinite(min) ? min - pad : 0;
      max = Double.isFinite(max) ? max + pad : 1;
    }
    double step = niceStep((max - min) / Math.max(1, target));
    if (integers) { // epochs, layers, counts: no tick between two whole numbers
      step = Math.max(1, step);
    }
    double lo = Math.floor(min / step + 1e-9) * step;
    double hi = Math.ceil(max / step - 1e-9) * step;
    int n = (int) Math.round((hi - lo) / step) + 1;
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = clean(lo + i * step, step);
    }
    return new Ticks(values, step, false);
  }

  /** The 1, 2 or 5 times a power of ten nearest to {@code raw}. */
  static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / magnitude;
    // the nearest of 1, 2, 5, 10 on a log scale (thresholds at their geometric means)
    double nice = fraction < 1.42 ? 1 : fraction < 3.17 ? 2 : fraction < 7.08 ? 5 : 10;
    return nice * magnitude;
  }

  /** Mantissas of log-axis ticks, finest first: the first set giving few enough ticks is used. */
  private static final double[][] MANTISSAS = {
    {1, 1.5, 2, 3, 4, 5, 6, 8}, {1, 2, 3, 5}, {1, 2, 5}, {1, 3}, {1}
  };

  /**
   * Ticks for positive data in {@code [min, max]} on a logarithmic axis, at most about {@code
   * maxLabels} of them: powers of ten, with 2 and 5 times them (or finer) when the data spans few
   * decades, or every second, third ... power of ten when it spans many. The axis ends at the ticks
   * just outside the data, so a narrow range fills the plot.
   */
  static Ticks log(double min, double max, int maxLabels) {
    if (!(max > min)) {
      min = min / 2;
      max = max * 2;
    }
    int first = (int) Math.floor(Math.log10(min) + 1e-9);
    int last = (int) Math.ceil(Math.log10(max) - 1e-9);
    for (double[] mantissas : MANTISSAS) {
      List<Double> all = new ArrayList<>();
      for (int e = first; e <= last; e++) {
        for (double m : mantissas) {
          all.add(Double.parseDouble(String.format(Locale.ROOT, "%.6g", m * Math.pow(10, e))));
        }
      }
      List<Double> inside = bracket(all, min, max);
      if (inside.size() <= maxLabels + 1) {
        return new Ticks(inside.stream().mapToDouble(Double::doubleValue).toArray(), 0, true);
      }
    }
    int decades = Math.max(1, last - first);
    int every = Math.max(1, (decades + maxLabels - 1) / Math.max(1, maxLabels));
    first = Math.floorDiv(first, every) * every;
    last = -Math.floorDiv(-last, every) * every;
    List<Double> values = new ArrayList<>();
    for (int e = first; e <= last; e += every) {
      values.add(Double.parseDouble(String.format(Locale.ROOT, "%.6g", Math.pow(10, e))));
    }
    return new Ticks(values.stream().mapToDouble(Double::doubleValue).toArray(), 0, true);
  }

  /**
   * The sorted candidates from the last one at or below {@code min} to the first at or above {@code
   * max}.
   */
  private static List<Double> bracket(List<Double> sorted, double min, double max) {
    int from = 0;
    int to = sorted.size() - 1;
    for (int i = 0; i < sorted.size(); i++) {
      if (sorted.get(i) <= min * (1 + 1e-9)) {
        from = i;
      }
    }
    for (int i = sorted.size() - 1; i >= 0; i--) {
      if (sorted.get(i) >= max * (1 - 1e-9)) {
        to = i;
      }
    }
    return new ArrayList<>(sorted.subList(from, to + 1));
  }

  /**
   * The text of each tick, in one style per axis: plain numbers ("0.01", "500", "20,000") when
   * every tick reads well that way, else powers of ten ("10⁻⁵", "2×10⁻⁵", "10⁶") for every tick of
   * the axis, so an axis never mixes "10000" with "1e5". A linear axis gets as many decimals as its
   * step needs. Thousands are separated only on an axis that reaches 10,000, so years read "1970"
   * and an axis never mixes "5000" with "10,000".
   */
  String[] labels() {
    boolean powers = log ? !plainLog(values) : !plainLinear(values, step);
    boolean grouped = Math.max(Math.abs(values[0]), Math.abs(values[values.length - 1])) >= 1e4;
    String[] labels = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      labels[i] =
          powers
              ? powerOfTen(values[i], log ? 0 : step)
              : plain(values[i], log ? 0 : step, grouped);
    }
    return labels;
  }

  /**
   * Whether plain numbers read well for every tick of a log axis: all in [0.001, 100,000], over at
   * most five decades (wider axes read better as 10⁻², 10⁰, 10²).
   */
  private static boolean plainLog(double[] values) {
    if (values[values.length - 1] / values[0] > 1e5 * (1 + 1e-9)) {
      return false;
    }
    for (double v : values) {
      if (v < 1e-3 * (1 - 1e-9) || v > 1e5 * (1 + 1e-9)) {
        return false;
      }
    }
    return true;
  }

  /** Whether plain numbers read well on a linear axis: below a million, steps of 0.0001 or more. */
  private static boolean plainLinear(double[] values, double step) {
    double largest = Math.max(Math.abs(values[0]), Math.abs(values[values.length - 1]));
    return largest < 1e6 && step >= 1e-4;
  }

  /**
   * {@code v} as a plain number: with the decimals {@code step} needs on a linear axis, or (step 0,
   * a log axis) with up to four decimals and no trailing zeros; thousands separated by commas when
   * {@code grouped}.
   */
  static String plain(double v, double step, boolean grouped) {
    if (v == 0) {
      return "0";
    }
    String flag = grouped ? "%," : "%";
    if (step > 0) {
      int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
      return String.format(Locale.ROOT, flag + "." + decimals + "f", v);
    }
    String s = String.format(Locale.ROOT, flag + ".4f", v).replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * {@code v} as a power of ten ("10⁻³", "10⁴") or a multiple of one ("2×10⁻³", "1.5×10⁶"); the
   * mantissa keeps the digits {@code step} needs (up to three significant digits on a log axis).
   */
  static String powerOfTen(double v, double step) {
    if (v == 0) {
      return "0";
    }
    int exponent = (int) Math.floor(Math.log10(Math.abs(v)) + 1e-9);
    double mantissa = v / Math.pow(10, exponent);
    int decimals =
        step > 0 ? Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9) + exponent) : 2;
    String m = String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", mantissa);
    if (m.contains(".")) {
      m = m.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    String power = "10" + superscript(exponent);
    return m.equals("1") ? power : m.equals("-1") ? "−" + power : m.replace('-', '−') + "×" + power;
  }

  private static String superscript(int exponent) {
    String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    StringBuilder s = new StringBuilder(exponent < 0 ? "⁻" : "");
    for (char c : Integer.toString(Math.abs(exponent)).toCharArray()) {
      s.append(digits.charAt(c - '0'));
    }
    return s.toString();
  }

  /** Removes floating-point noise such as 0.30000000000000004 from {@code lo + i * step}. */
  private static double clean(double v, double step) {
    double r = Math.rint(v / step) * step;
    return Math.abs(r) < step * 1e-9
        ? 0.0
        : Double.parseDouble(String.format(Locale.ROOT, "%.12g", r));
  }
}
