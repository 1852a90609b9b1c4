package org.dlcourse.plot;

import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.dlcourse.display.Rich;

/**
 * A finished picture: a chart or an image grid that a notebook cell shows inline.
 *
 * <p>A {@code Plot} is an immutable value around a {@link BufferedImage}. The course kernel shows
 * it as a PNG through {@link Rich#image()}; a terminal prints its one-line summary, e.g. {@code
 * Plot["Training curves", 640x400]}. Make plots with {@link Plots}; keep one with {@link
 * #save(Path)}.
 */
public final class Plot implements Rich {

  private final String title;
  private final BufferedImage image;
  private final Redraw redraw; // null: a fixed picture that cannot be drawn at another size

  /** Draws the same plot again at another size (so a row can fit the notebook width). */
  @FunctionalInterface
  interface Redraw {
    Plot at(int width, int height);
  }

  private Plot(String title, BufferedImage image, Redraw redraw) {
    this.title = title == null ? "" : title;
    this.image = image;
    this.redraw = redraw;
  }

  /**
   * Wraps an image that is already drawn; the image is copied, so later drawing on {@code image}
   * does not change the plot.
   */
  public static Plot of(String title, BufferedImage image) {
    Objects.requireNonNull(image, "image must not be null");
    return new Plot(title, copy(image), null);
  }

  /** Wraps a freshly drawn image without copying it (for {@link Plots} only). */
  static Plot wrap(String title, BufferedImage image) {
    return new Plot(title, image, null);
  }

  /** Wraps a freshly drawn image that {@code redraw} can draw again at another size. */
  static Plot wrap(String title, BufferedImage image, Redraw redraw) {
    return new Plot(title, image, redraw);
  }

  /** Whether the plot can be drawn again at another size with text at its normal size. */
  boolean redrawable() {
    return redraw != null;
  }

  /** This plot drawn at {@code width x height} (itself if it cannot be redrawn). */
  Plot redrawn(int width, int height) {
    return redraw == null ? this : redraw.at(width, height);
  }

  /** The title given when the plot was made (may be empty). */
  public String title() {
    return title;
  }

  /** Width in pixels. */
  public int width() {
    return image.getWidth();
  }

  /** Height in pixels. */
  public int height() {
    return image.getHeight();
  }

  /** A copy of the pixels, for drawing on or inspecting. */
  public BufferedImage toBufferedImage() {
    return copy(image);
  }

  @Override
  public RenderedImage image() {
    return image;
  }

  /**
   * Writes the plot as a PNG file, creating parent folders as needed, and returns {@code path}.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public Path save(Path path) {
    Objects.requireNonNull(path, "path must not be null");
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (!ImageIO.write(image, "png", path.toFile())) {
        throw new IOException("no PNG writer available in this JVM");
      }
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException("could not save plot as PNG to " + path + ": " + e, e);
    }
  }

  @Override
  public String toString() {
    return "Plot[\"" + title + "\", " + width() + "x" + height() + "]";
  }

  private static BufferedImage copy(BufferedImage source) {
    BufferedImage target =
        new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_ARGB);
    var g = target.createGraphics();
    try {
      g.drawImage(source, 0, 0, null);
    } finally {
      g.dispose();
    }
    return target;
  }
}
