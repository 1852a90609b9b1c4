package org.dlcourse.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.dlcourse.display.Rich;
import tech.tablesaw.api.Table;

/**
 * Turns a cell's value into what the notebook shows: images as PNG, course values and tables as
 * HTML, everything else as its {@code toString()}.
 *
 * <p>Every bundle also holds {@code text/plain}, the summary a terminal or a diff shows.
 */
final class Rendering {

  /** Tables longer than this show their first and last {@link #EDGE_ROWS} rows. */
  static final int MAX_ROWS = 20;

  static final int EDGE_ROWS = 5;

  private Rendering() {}

  /** The display bundle for {@code value}; {@code null} renders as the text "null". */
  static DisplayData render(Object value) {
    DisplayData data = new DisplayData(text(value));
    if (value instanceof Rich rich) {
      String html = rich.html();
      if (html != null) {
        data.putHTML(html);
      }
      RenderedImage image = rich.image();
      if (image != null) {
        data.putData(MIMEType.IMAGE_PNG, png(image));
      }
    } else if (value instanceof RenderedImage image) {
      data.putData(MIMEType.IMAGE_PNG, png(image));
    } else if (value instanceof Table table) {
      data.putHTML(html(table));
    }
    return data;
  }

  /** The plain-text form: {@code toString()}, with arrays spelled out. */
  static String text(Object value) {
    if (value instanceof RenderedImage image && !(value instanceof Rich)) {
      return "image " + image.getWidth() + "x" + image.getHeight();
    }
    if (value instanceof Object[] array) {
      return Arrays.deepToString(array);
    }
    if (value != null && value.getClass().isArray()) {
      return Arrays.deepToString(new Object[] {value}).replaceFirst("^\\[(.*)]$", "$1");
    }
    return String.valueOf(value);
  }

  /** The image encoded as base64 PNG, the form Jupyter's image/png expects. */
  static String png(RenderedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", bytes)) {
        throw new IllegalArgumentException(
            "no PNG writer accepts this image (" + image.getClass().getName() + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  /** An HTML table with the shape as caption; long tables show their first and last rows. */
  static String html(Table table) {
    int rows = table.rowCount();
    StringBuilder html = new StringBuilder("<table>");
    html.append("<caption style=\"text-align:left\">")
        .append(escape(table.name() == null ? "" : table.name() + ": "))
        .append(rows)
        .append(" rows × ")
        .append(table.columnCount())
        .append(" columns</caption><thead><tr>");
    for (String name : table.columnNames()) {
      html.append("<th>").append(escape(name)).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    boolean cut = rows > MAX_ROWS;
    for (int row = 0; row < rows; row++) {
      if (cut && row == EDGE_ROWS) {
        html.append("<tr><td colspan=\"")
            .append(table.columnCount())
            .append("\">… ")
            .append(rows - 2 * EDGE_ROWS)
            .append(" more rows …</td></tr>");
        row = rows - EDGE_ROWS;
      }
      html.append("<tr>");
      for (int col = 0; col < table.columnCount(); col++) {
        html.append("<td>").append(escape(table.getString(row, col))).append("</td>");
      }
      html.append("</tr>");
    }
    return html.append("</tbody></table>").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
