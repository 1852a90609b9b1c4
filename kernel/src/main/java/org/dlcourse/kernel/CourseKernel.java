package org.dlcourse.kernel;

import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.publish.PublishClearOutput;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteInput;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
  private final Inspector inspector = new Inspector(evaluator);
  private final History history = new History(History.defaultFile());
  private volatile boolean cellRunning;

  /** The running execute request's reply environment (for clear_output), else null. */
  private volatile ShellReplyEnvironment cellEnv;

  /** The text/plain of the last cell's value, for history; null when it had none. */
  private volatile String lastOutput;

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
      DisplayData data =
          value == null || value instanceof PrintStream ? null : Rendering.render(value);
      lastOutput = data == null ? null : (String) data.getData(MIMEType.TEXT_PLAIN);
      return data;
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
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    return inspector.inspect(code, at);
  }

  @Override
  public String isComplete(String code) {
    return Completeness.of(evaluator, code);
  }

  History history() {
    return history;
  }

  /**
   * Runs an execute request through basekernel's handler (or answers a help cell such as {@code
   * Nd4j.create?} with the pager), then records it in the history.
   */
  void execute(
      ShellReplyEnvironment env,
      Message<ExecuteRequest> message,
      ShellHandler<ExecuteRequest> run) {
    ExecuteRequest request = message.getContent();
    lastOutput = null;
    String topic = Help.topic(request.getCode());
    if (topic != null) {
      page(env, request, topic);
    } else {
      cellEnv = env;
      try {
        run.handle(env, message);
      } finally {
        cellEnv = null;
      }
    }
    if (request.shouldStoreHistory() && !request.isSilent()) {
      history.add(executionCount.get() - 1, request.getCode(), lastOutput);
    }
  }

  /** A help cell: the documentation goes to the pager (an execute_reply payload), like IPython. */
  private synchronized void page(ShellReplyEnvironment env, ExecuteRequest request, String topic) {
    int count = executionCount.getAndIncrement();
    env.setBusyDeferIdle();
    env.publish(new PublishExecuteInput(request.getCode(), count));
    Map<String, Object> data = new LinkedHashMap<>();
    DisplayData doc = inspector.inspect(topic, topic.length());
    if (doc == null) {
      data.put("text/plain", Help.notFound(topic));
    } else {
      data.put("text/plain", doc.getData(MIMEType.TEXT_PLAIN));
      data.put("text/html", doc.getData(MIMEType.TEXT_HTML));
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("source", "page");
    payload.put("data", data);
    payload.put("start", 0);
    env.reply(new Protocol.PagedReply(count, List.of(payload)));
  }

  /** Clears the running cell's output ({@code Display.clear}); after its earlier output. */
  void clearOutput(boolean wait) {
    ShellReplyEnvironment env = cellEnv;
    if (env != null) {
      output.publish(
          () -> env.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW));
    }
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
