package org.dlcourse.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The "Java (DL course)" Jupyter kernel: cells are Java, run by JShell inside this JVM.
 *
 * <p>basekernel does the protocol (sockets, message signing, stdout/stderr streaming while a cell
 * runs); this class plugs in evaluation, rendering, interrupt and error messages.
 */
final class CourseKernel extends BaseKernel {

  private final Evaluator evaluator = new Evaluator();
  private final LanguageInfo languageInfo =
      new LanguageInfo.Builder("java")
          .version(Runtime.version().toString())
          .mimetype("text/x-java-source")
          .fileExtension(".jshell")
          .pygments("java")
          .codemirror("java")
          .build();
  private final CellOutput output = new CellOutput(getIO());
  private volatile boolean cellRunning;

  CourseKernel() {
    setShouldReplaceStdStreams(false); // CellOutput does it, through its publish thread
  }

  /** Where the running cell's output and displays are queued. */
  CellOutput output() {
    return output;
  }

  private volatile boolean shuttingDown;

  @Override
  public DisplayData eval(String code) throws Exception {
    int cellNumber = executionCount.get() - 1; // basekernel counted this cell before calling eval
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    InputStream oldIn = System.in;
    output.renew();
    System.setOut(output.out);
    System.setErr(output.err);
    System.setIn(getIO().in);
    cellRunning = true;
    try {
      Object value = evaluator.eval(code, cellNumber);
      // A cell ending in System.out.printf(...) evaluates to the PrintStream itself; showing
      // "java.io.PrintStream@1b6d3586" under the printed text would only confuse.
      return value == null || value instanceof PrintStream ? null : Rendering.render(value);
    } catch (Error e) { // basekernel's shell thread dies on an Error: report it as the cell's
      List<String> trace = new ArrayList<>();
      trace.add(e.toString());
      for (StackTraceElement frame : e.getStackTrace()) {
        trace.add("    at " + frame);
      }
      throw new CellError.ThrownError(e.toString(), trace);
    } finally {
      cellRunning = false;
      output.drain(); // all output of the cell is sent before its result or error
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setIn(oldIn);
    }
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    int[] anchor = new int[1];
    List<String> options = evaluator.complete(code, at, anchor);
    return new ReplacementOptions(options, anchor[0], at);
  }

  @Override
  public List<String> formatError(Exception e) {
    List<String> traceback = evaluator.tracebackOf(e);
    return traceback != null ? traceback : super.formatError(e);
  }

  @Override
  public LanguageInfo getLanguageInfo() {
    return languageInfo;
  }

  @Override
  public String getBanner() {
    return "Java " + Runtime.version() + " (DL course kernel, JShell)";
  }

  @Override
  public void interrupt() {
    evaluator.interrupt();
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    shuttingDown = true;
    evaluator.interrupt();
    evaluator.close();
  }

  /** Compiles the default imports, then loads ND4J's native code, so first cells start fast. */
  void warmUp() {
    try {
      evaluator.warmUp();
      org.nd4j.linalg.factory.Nd4j.create(1);
    } catch (Throwable e) { // a warm-up failure must not kill the kernel; the cell will report it
      System.err.println("warm-up failed (the first cell that needs it will show why): " + e);
    }
  }

  /**
   * Shutdown hook: if the JVM ends while a cell runs and Jupyter did not ask for it, some code
   * called Runtime.exit behind the kernel's back; say so in the cell before the process is gone.
   */
  void warnIfCellExits() {
    if (cellRunning && !shuttingDown) {
      output.err.println(
          "The kernel is exiting: code in this cell called System.exit or Runtime.exit."
              + " Jupyter will restart the kernel; all variables are lost.");
      output.drain();
      try {
        Thread.sleep(500); // ZeroMQ sends on its own thread: give it time before the process ends
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
