package org.dlcourse.display;

import java.awt.image.RenderedImage;

/**
 * A value that knows how to show itself richly in a notebook cell.
 *
 * <p>This is the one rendering interface between the course library and any front end. The course
 * kernel asks a cell's value for its HTML and its image; a terminal just prints {@link
 * Object#toString()}. The library never depends on the kernel: it only implements this interface.
 *
 * <p>Return {@code null} from a method for "no such representation". {@code toString()} should
 * always give a short one-line summary, the plain-text fallback.
 */
public interface Rich {

  /** An HTML fragment (no {@code <html>} wrapper), or {@code null}. */
  default String html() {
    return null;
  }

  /** An image rendered inline as PNG, or {@code null}. */
  default RenderedImage image() {
    return null;
  }
}
