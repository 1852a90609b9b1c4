package org.dlcourse.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dlcourse.display.Display;

/**
 * Starts the course kernel: {@code java -cp ... org.dlcourse.kernel.Main <connection_file>}.
 *
 * <p>Order matters: the handlers are registered before the sockets start listening, so the very
 * first {@code kernel_info_request} is always answered; slow work (JShell's compiler, ND4J's native
 * libraries) warms up on a background thread afterwards.
 */
public final class Main {

  private Main() {}

  /** Runs the kernel until Jupyter shuts it down. */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println(
          "usage: java -cp <kernel classpath> org.dlcourse.kernel.Main <connection_file>\n"
              + "expected 1 argument (the connection file Jupyter writes) but got "
              + args.length
              + "; install the kernelspec with kernel/install-kernelspec.sh instead of running"
              + " this by hand");
      System.exit(2);
    }
    System.setProperty("java.awt.headless", "true");
    // basekernel logs every message at INFO; the Jupyter server log only needs problems.
    Logger.getLogger("").setLevel(Level.WARNING);

    KernelConnectionProperties properties =
        KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
    JupyterConnection connection = new JupyterConnection(properties);
    CourseKernel kernel = new CourseKernel();
    kernel.becomeHandlerForConnection(connection);
    Protocol.install(connection, kernel); // kernel_info, history, help cells: see Protocol
    Display.install(new KernelDisplaySink(kernel));
    Runtime.getRuntime().addShutdownHook(new Thread(kernel::warnIfCellExits, "exit-notice"));
    connection.connect(); // from here on requests arrive; every handler is already in place

    Thread warmUp = new Thread(kernel::warmUp, "warm-up");
    warmUp.setDaemon(true);
    warmUp.start();

    connection.waitUntilClose();
    System.exit(0); // the cell thread may still be running user code: end the JVM regardless
  }
}
