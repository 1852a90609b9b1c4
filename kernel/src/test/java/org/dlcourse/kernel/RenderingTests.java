package org.dlcourse.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.dlcourse.display.Rich;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class RenderingTests {

  @Test
  void imageBecomesAPngOfTheSameSize() throws Exception {
    DisplayData data = Rendering.render(new BufferedImage(5, 7, BufferedImage.TYPE_INT_RGB));
    String png = (String) data.getData(MIMEType.IMAGE_PNG);
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png)));
    assertEquals(5, decoded.getWidth());
    assertEquals(7, decoded.getHeight());
    assertEquals("image 5x7", data.getData(MIMEType.TEXT_PLAIN));
  }

  @Test
  void richValueGivesHtmlImageAndText() {
    Rich rich =
        new Rich() {
          @Override
          public String html() {
            return "<i>x</i>";
          }

          @Override
          public BufferedImage image() {
            return new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
          }

          @Override
          public String toString() {
            return "summary";
          }
        };
    DisplayData data = Rendering.render(rich);
    assertEquals("<i>x</i>", data.getData(MIMEType.TEXT_HTML));
    assertTrue(data.hasDataForType(MIMEType.IMAGE_PNG));
    assertEquals("summary", data.getData(MIMEType.TEXT_PLAIN));
  }

  @Test
  void longTableShowsFirstAndLastRowsAndShape() {
    Table table = Table.create("scores", IntColumn.create("n", IntStream.range(0, 50).toArray()));
    String html = (String) Rendering.render(table).getData(MIMEType.TEXT_HTML);
    assertTrue(html.contains("scores: 50 rows × 1 columns"), html);
    assertTrue(html.contains("<td>4</td>") && html.contains("<td>45</td>"), html);
    assertFalse(html.contains("<td>20</td>"), html);
    assertTrue(html.contains("40 more rows"), html);
  }

  @Test
  void arraysPrintTheirElements() {
    assertEquals("[1, 2, 3]", Rendering.text(new int[] {1, 2, 3}));
    assertEquals("[[a], [b]]", Rendering.text(new String[][] {{"a"}, {"b"}}));
  }

  @Test
  void htmlInTableCellsIsEscaped() {
    Table table =
        Table.create("t", tech.tablesaw.api.StringColumn.create("s", new String[] {"<b>"}));
    assertTrue(Rendering.html(table).contains("&lt;b&gt;"));
  }
}
