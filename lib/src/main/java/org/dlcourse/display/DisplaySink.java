package org.dlcourse.display;

/**
 * Where {@link Display#display(Object)} sends values. The course kernel installs one at start-up;
 * without one, values are printed as text.
 */
public interface DisplaySink {

  /**
   * Shows a value in the output of the running cell.
   *
   * @return an id that {@link #update(String, Object)} can use to replace it in place
   */
  String display(Object value);

  /** Replaces the value shown under {@code id} (a live training curve, a progress line). */
  void update(String id, Object value);

  /**
   * Clears the output of the running cell: at once, or ({@code wait}) when the next output arrives,
   * which avoids a flicker when a live display is redrawn. A terminal cannot clear and does
   * nothing.
   */
  default void clear(boolean wait) {}

  /** Whether this sink can show rich output (images, HTML). A terminal sink says false. */
  default boolean isRich() {
    return true;
  }
}
