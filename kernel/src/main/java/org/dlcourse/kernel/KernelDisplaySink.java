package org.dlcourse.kernel;

import io.github.spencerpark.jupyter.kernel.DisplayStream;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.UUID;
import org.dlcourse.display.DisplaySink;

/**
 * Sends {@code Display.display(value)} to the running cell as {@code display_data} with a display
 * id, {@code Display.update(id, value)} as {@code update_display_data} for that id, and {@code
 * Display.clear(wait)} as {@code clear_output}.
 */
final class KernelDisplaySink implements DisplaySink {

  private final CourseKernel kernel;
  private final DisplayStream stream;
  private final CellOutput output;

  KernelDisplaySink(CourseKernel kernel) {
    this.kernel = kernel;
    this.stream = kernel.getIO().display;
    this.output = kernel.output();
  }

  @Override
  public void clear(boolean wait) {
    kernel.clearOutput(wait);
  }

  @Override
  public String display(Object value) {
    String id = "dlcourse-" + UUID.randomUUID();
    DisplayData data = Rendering.render(value);
    data.setDisplayId(id);
    send(() -> stream.display(data), value);
    return id;
  }

  @Override
  public void update(String id, Object value) {
    DisplayData data = Rendering.render(value);
    send(() -> stream.updateDisplay(id, data), value);
  }

  /** Queued behind the cell's printed output; outside a cell it goes to the kernel log. */
  private void send(Runnable publish, Object value) {
    output.publish(
        () -> {
          if (stream.isAttached()) {
            publish.run();
          } else {
            System.out.println(Rendering.text(value));
          }
        });
  }
}
