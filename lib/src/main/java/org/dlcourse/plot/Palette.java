package org.dlcourse.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One colour per series name: a name keeps the colour it got first, so "training" is drawn in the
 * same colour in every panel of a row (and in every later plot of the session).
 *
 * <p>Within one plot no two series share a colour: a name whose colour is taken by another series
 * of the same plot gets the first free colour for that plot only. Colours: the 10 of Tableau 10
 * (matplotlib's default cycle), readable on white.
 *
 * <p>The observed data a model is compared with — a series named "truth", "observed" or "data" — is
 * drawn in dark grey in every plot and takes no colour from the cycle, so that it never gets a hue
 * close to a model's (cyan truth beside a blue forecast).
 */
final class Palette {

  static final Color[] COLOURS = {
    new Color(31, 119, 180), // blue
    new Color(255, 127, 14), // orange
    new Color(44, 160, 44), // green
    new Color(214, 39, 40), // red
    new Color(148, 103, 189), // purple
    new Color(140, 86, 75), // brown
    new Color(227, 119, 194), // pink
    new Color(127, 127, 127), // grey
    new Color(188, 189, 34), // olive
    new Color(23, 190, 207) // cyan
  };

  /** The colour of observed data; see the class comment. */
  static final Color REFERENCE = new Color(50, 50, 50);

  private static final Set<String> REFERENCE_NAMES = Set.of("truth", "observed", "data");

  private static final Map<String, Integer> BY_NAME = new HashMap<>();
  private static int next;

  private Palette() {}

  /** A distinct colour for each name, in the order given, stable across plots. */
  static synchronized Map<String, Color> of(List<String> names) {
    Map<String, Color> colours = new LinkedHashMap<>();
    Set<Integer> used = new HashSet<>();
    List<String> fresh = new ArrayList<>();
    for (String name : names) {
      if (REFERENCE_NAMES.contains(name)) {
        colours.put(name, REFERENCE);
        continue;
      }
      Integer index = BY_NAME.get(name);
      if (index != null && used.add(index)) {
        colours.put(name, COLOURS[index]);
      } else {
        fresh.add(name);
      }
    }
    for (String name : fresh) {
      int index = BY_NAME.containsKey(name) ? nextFree(used, 0) : nextFree(used, next);
      if (!BY_NAME.containsKey(name)) {
        BY_NAME.put(name, index);
        next = (index + 1) % COLOURS.length;
      }
      used.add(index);
      colours.put(name, COLOURS[index]);
    }
    // keep the caller's order
    Map<String, Color> ordered = new LinkedHashMap<>();
    for (String name : names) {
      ordered.put(name, colours.get(name));
    }
    return ordered;
  }

  private static int nextFree(Set<Integer> used, int from) {
    for (int i = 0; i < COLOURS.length; i++) {
      int index = (from + i) % COLOURS.length;
      if (!used.contains(index)) {
        return index;
      }
    }
    return from % COLOURS.length; // more series than colours: repeat
  }

  /** Forgets every assignment (tests only). */
  static synchronized void reset() {
    BY_NAME.clear();
    next = 0;
  }
}
