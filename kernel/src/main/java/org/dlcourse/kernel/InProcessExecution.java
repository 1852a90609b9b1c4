package org.dlcourse.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs JShell snippets inside the kernel's own JVM, on one long-lived "cell" thread.
 *
 * <p>In-process execution is what lets a cell call {@code Display.display(...)} directly and lets
 * the kernel render the real result object. One thread (not one per snippet, as JDK's
 * LocalExecutionControl does) keeps ND4J's per-thread workspaces warm between cells. The kernel
 * keeps the last value and the last thrown object, since JShell itself only sees strings.
 */
final class InProcessExecution extends DirectExecutionControl {

  private static final Object NO_VALUE = new Object();

  private final ExecutorService cellThread =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "cell");
            thread.setDaemon(true);
            return thread;
          });

  private volatile Thread running;
  private volatile Future<Object> task;
  private volatile boolean stopped;
  private volatile Object lastValue = NO_VALUE;
  private volatile Throwable lastThrown;

  private final ReloadingLoaderDelegate loader;

  private InProcessExecution(ReloadingLoaderDelegate loader) {
    super(loader);
    this.loader = loader;
  }

  /** The class loading behind the snippets (swaps in the student's recompiled classes). */
  ReloadingLoaderDelegate loader() {
    return loader;
  }

  /** The provider JShell's builder asks for an execution engine. */
  static final class Provider implements ExecutionControlProvider {
    private final InProcessExecution execution =
        new InProcessExecution(new ReloadingLoaderDelegate());

    InProcessExecution execution() {
      return execution;
    }

    @Override
    public String name() {
      return "dlcourse-in-process";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      return execution;
    }
  }

  @Override
  protected String invoke(Method doitMethod) throws Exception {
    lastValue = NO_VALUE;
    lastThrown = null;
    task =
        cellThread.submit(
            () -> {
              running = Thread.currentThread();
              running.setContextClassLoader(loader.current());
              try {
                return doitMethod.invoke(null);
              } finally {
                running = null;
              }
            });
    try {
      Object value = task.get();
      lastValue = value;
      return "value"; // JShell's string form is not used: the kernel renders lastValue
    } catch (CancellationException e) {
      throw new StoppedException();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (stopped || isThreadDeath(cause)) {
        throw new StoppedException();
      }
      if (cause instanceof InvocationTargetException) {
        lastThrown = cause.getCause();
        throw (InvocationTargetException) cause; // DirectExecutionControl turns it into JShell's
      }
      throw e;
    }
  }

  @SuppressWarnings("deprecation") // ThreadDeath: the only way to see that Thread.stop ended a cell
  private static boolean isThreadDeath(Throwable t) {
    return t instanceof ThreadDeath
        || (t instanceof InvocationTargetException && t.getCause() instanceof ThreadDeath);
  }

  /**
   * Stops the running snippet, also a tight loop that never checks for interruption.
   *
   * <p>Thread.stop (deprecated, still working on JDK 17) throws ThreadDeath in the cell thread
   * wherever it is; the thread pool then goes on with a healthy thread.
   */
  @Override
  @SuppressWarnings({"deprecation", "removal"})
  public void stop() {
    Thread thread = running;
    Future<Object> current = task;
    if (thread == null || current == null || current.isDone()) {
      return;
    }
    stopped = true;
    thread.stop();
    try {
      current.get(2, TimeUnit.SECONDS); // ThreadDeath arrives when native code returns to Java
    } catch (Exception expected) {
      // the snippet ended with ThreadDeath, was cancelled, or is stuck in native code
    }
    if (!current.isDone()) {
      current.cancel(true);
    }
  }

  /** Whether the last snippet was stopped; clears the flag. */
  boolean takeStopped() {
    boolean was = stopped;
    stopped = false;
    return was;
  }

  /** The object the last snippet returned, or {@code null}. */
  Object lastValue() {
    return lastValue == NO_VALUE ? null : lastValue;
  }

  /** The exception object the last snippet threw, or {@code null}. */
  Throwable lastThrown() {
    return lastThrown;
  }

  @Override
  public void close() {
    cellThread.shutdownNow();
    super.close();
  }
}
