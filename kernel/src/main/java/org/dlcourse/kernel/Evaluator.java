package org.dlcourse.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Runs the Java code of one notebook cell through JShell and returns the value of its last
 * expression.
 *
 * <p>A cell is split into JShell snippets (statements, imports, declarations). Each snippet
 * remembers the cell and line it came from, so that compile errors and stack traces name lines of
 * the notebook ("cell [3], line 5") instead of JShell's wrapper classes.
 */
final class Evaluator implements AutoCloseable {

  /** Imported before the first cell: JShell's usual defaults plus the course's Display. */
  static final List<String> DEFAULT_IMPORTS =
      List.of(
          "java.util.*",
          "java.util.function.*",
          "java.util.stream.*",
          "java.io.*",
          "java.math.*",
          "java.nio.file.*",
          "org.dlcourse.display.Display");

  private static final String RED = "\u001b[1;31m";
  private static final String RESET = "\u001b[0m";
  private static final int LIBRARY_FRAMES_SHOWN = 6;
  private static final String RECOMPILED = "// recompiled for the edited problem-set code\n";

  /** Where a snippet came from: the execution count of its cell and its first line there. */
  record Location(int cell, int line) {
    String at(int lineInSnippet) {
      return "cell [" + cell + "], line " + (line + lineInSnippet - 1);
    }
  }

  private final JShell shell;
  private final SourceCodeAnalysis analysis;
  private final InProcessExecution execution;
  private final Workspace workspace = Workspace.find(java.nio.file.Path.of(""));
  private final Map<String, Location> locations = new ConcurrentHashMap<>();
  private volatile boolean interruptRequested;
  private volatile int generation;
  private boolean initialized;
  private Exception lastException;
  private List<String> lastExceptionTraceback = List.of();

  Evaluator() {
    InProcessExecution.Provider provider = new InProcessExecution.Provider();
    this.execution = provider.execution();
    this.shell = JShell.builder().executionEngine(provider, Map.of()).build();
    // Compile against the kernel's classpath; at run time the same classes come from the JVM's -cp.
    shell.addToClasspath(System.getProperty("java.class.path"));
    if (workspace != null) { // a problem set's notebook: cells call the student's current code
      execution.loader().compileOnly(workspace.classes().toString());
    }
    this.analysis = shell.sourceCodeAnalysis();
    String note = DocSources.install(analysis);
    if (note != null) {
      System.err.println(note);
    }
  }

  /** Compiles the default imports, which also warms up javac; safe to call more than once. */
  synchronized void warmUp() {
    if (initialized) {
      return;
    }
    initialized = true;
    for (String name : DEFAULT_IMPORTS) {
      shell.eval("import " + name + ";");
    }
  }

  /**
   * Runs a cell and returns the value of its last snippet if that is an expression, else null.
   *
   * @param cellNumber the execution count, used in messages ("cell [3], line 2")
   */
  synchronized Object eval(String cell, int cellNumber) throws Exception {
    warmUp();
    generation++;
    refreshWorkspace();
    interruptRequested = false;
    execution.takeStopped();
    Object value = null;
    String rest = cell;
    int restStart = 0; // offset of rest within cell
    while (true) {
      if (interruptRequested) {
        throw interrupted();
      }
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      Completeness completeness = info.completeness();
      if (completeness == Completeness.EMPTY) {
        return value;
      }
      String source;
      int consumed;
      if (completeness.isComplete()) {
        source = info.source();
        consumed = rest.length() - info.remaining().length();
      } else if (completeness == Completeness.UNKNOWN) {
        source = rest; // not Java JShell can split: let javac say why
        consumed = rest.length();
      } else {
        throw incomplete(cell, restStart + firstNonBlank(rest), cellNumber);
      }
      source = source.stripLeading();
      int start = restStart + startOf(source, rest.substring(0, consumed));
      value = evalSnippet(source, new Location(cellNumber, lineOf(cell, start)));
      restStart += consumed;
      rest = rest.substring(consumed);
    }
  }

  /** Recompiles the problem set's code if a file changed; new cells then call the new classes. */
  private void refreshWorkspace() throws Exception {
    Map<String, byte[]> classes = workspace == null ? null : workspace.refresh();
    if (classes != null) {
      execution.loader().useStudentClasses(classes);
      // Also starts a fresh javac context, so cells compile against the new signatures too.
      shell.addToClasspath(workspace.classes().toString());
      redeclareMethodsUsing(classes.keySet());
    }
  }

  /**
   * Declares again the cell methods that mention the student's classes, so that calling them runs
   * the new version too (a method's compiled code stays bound to the classes it first ran with).
   */
  private void redeclareMethodsUsing(java.util.Set<String> classNames) {
    List<String> simple =
        classNames.stream().map(n -> n.substring(n.lastIndexOf('.') + 1)).distinct().toList();
    List<MethodSnippet> methods =
        shell
            .methods()
            .filter(m -> shell.status(m).isDefined())
            .filter(m -> simple.stream().anyMatch(m.source()::contains))
            .toList();
    for (MethodSnippet m : methods) {
      Location location = locations.get(m.id());
      // JShell keeps a declaration whose compiled bytes are unchanged: a leading comment line
      // (added or removed) moves its line numbers, which makes the bytes new.
      boolean marked = m.source().startsWith(RECOMPILED);
      String source = marked ? m.source().substring(RECOMPILED.length()) : RECOMPILED + m.source();
      if (location != null) {
        location = new Location(location.cell(), location.line() + (marked ? 1 : -1));
      }
      for (SnippetEvent e : shell.eval(source)) {
        if (location != null) {
          locations.put(e.snippet().id(), location);
        }
      }
    }
  }

  /** Stops the running cell; called from another thread. */
  void interrupt() {
    interruptRequested = true;
    shell.stop();
  }

  /** Tab completion: the replacements and the start of the text they replace. */
  synchronized List<String> complete(String code, int cursor, int[] anchor) {
    return analysis.completionSuggestions(code, cursor, anchor).stream()
        .map(SourceCodeAnalysis.Suggestion::continuation)
        .distinct()
        .collect(Collectors.toList());
  }

  /** Signatures (and Javadoc) of the element at the end of {@code code}: Shift-Tab. */
  synchronized List<SourceCodeAnalysis.Documentation> documentation(String code, boolean javadoc) {
    warmUp();
    return analysis.documentation(code, code.length(), javadoc);
  }

  /** Whether {@code code} is one or more whole snippets: JShell's own split of a cell. */
  synchronized SourceCodeAnalysis.CompletionInfo analyzeCompletion(String code) {
    return analysis.analyzeCompletion(code);
  }

  /** Counts cells run; what Shift-Tab finds can change only when it does. */
  int generation() {
    return generation;
  }

  /** The formatted traceback if {@code e} is the exception the last cell threw, else null. */
  List<String> tracebackOf(Exception e) {
    if (e instanceof CellError cellError) {
      return cellError.traceback();
    }
    return e == lastException ? lastExceptionTraceback : null;
  }

  @Override
  public void close() {
    shell.close();
  }

  private Object evalSnippet(String source, Location location) throws Exception {
    // JShell counts a snippet's stack-trace lines from its first non-blank character.
    List<SnippetEvent> events = shell.eval(ExitGuard.rewrite(source.stripLeading()));
    if (execution.takeStopped()) {
      throw interrupted();
    }
    Object value = null;
    for (SnippetEvent event : events) {
      if (event.causeSnippet() != null) {
        continue; // a change to an older snippet caused by this one
      }
      Snippet snippet = event.snippet();
      locations.put(snippet.id(), location);
      if (event.status() == Snippet.Status.REJECTED) {
        throw compilationError(snippet, location);
      }
      if (event.exception() != null) {
        throw runtimeError(event.exception());
      }
      if (!event.status().isDefined() || event.status() == Snippet.Status.RECOVERABLE_DEFINED) {
        noteUnresolved(snippet);
      }
      value = isExpression(snippet.subKind()) ? execution.lastValue() : null;
    }
    return value;
  }

  private static boolean isExpression(Snippet.SubKind kind) {
    return kind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
        || kind == Snippet.SubKind.VAR_VALUE_SUBKIND
        || kind == Snippet.SubKind.OTHER_EXPRESSION_SUBKIND;
  }

  private CellError compilationError(Snippet snippet, Location location) {
    String source = snippet.source();
    List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).toList();
    List<String> lines = new ArrayList<>();
    String summary = null;
    for (Diag diag : errors) {
      int pos = (int) (diag.getStartPosition() >= 0 ? diag.getStartPosition() : diag.getPosition());
      pos = Math.max(0, Math.min(pos, source.length()));
      int end = (int) Math.max(pos + 1, Math.min(diag.getEndPosition(), source.length()));
      int lineInSnippet = lineOf(source, pos);
      int lineStart = source.lastIndexOf('\n', pos - 1) + 1;
      int lineEnd = source.indexOf('\n', pos);
      String text = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
      String reason = javacMessage(diag);
      String where = location.at(lineInSnippet);
      if (summary == null) {
        summary = where + ": " + reason.lines().findFirst().orElse(reason);
      }
      lines.add(RED + "Compilation error in " + where + ":" + RESET);
      lines.add("    " + text);
      int width = Math.max(1, Math.min(end, lineStart + text.length()) - pos);
      lines.add("    " + " ".repeat(pos - lineStart) + "^".repeat(width));
      reason.lines().forEach(lines::add);
    }
    if (summary == null) {
      summary = location.at(1) + ": JShell rejected this code without a message";
      lines.add(RED + "Compilation error in " + location.at(1) + RESET + ": " + source.strip());
    }
    return new CellError.CompilationError(summary, lines);
  }

  /** javac's message without the lines that name JShell's generated wrapper classes. */
  private static String javacMessage(Diag diag) {
    return diag.getMessage(null)
        .lines()
        .filter(line -> !line.contains("$JShell$") && !line.strip().equals("location: class"))
        .collect(Collectors.joining("\n"));
  }

  private Exception runtimeError(JShellException exception) {
    if (exception instanceof UnresolvedReferenceException unresolved) {
      return unresolvedReference(unresolved.getSnippet());
    }
    Throwable thrown = execution.lastThrown();
    if (thrown instanceof ExitGuard.ExitCalled exit) {
      String message =
          "System.exit("
              + exit.status()
              + ") was called. A notebook cell cannot end the kernel: the rest of this cell was"
              + " skipped, and the kernel keeps running with all your variables.";
      return new CellError.SystemExit(message, List.of(RED + "SystemExit: " + RESET + message));
    }
    List<String> lines = new ArrayList<>();
    if (exception instanceof EvalException evalException) {
      describe(evalException, "", lines);
    } else {
      lines.add(RED + exception + RESET);
    }
    if (thrown instanceof Exception thrownException) {
      lastException = thrownException;
      lastExceptionTraceback = List.copyOf(lines);
      return thrownException; // the student's own exception object: its name and message
    }
    String name = thrown == null ? "Error" : thrown.getClass().getSimpleName();
    String message = thrown == null ? exception.getMessage() : thrown.getMessage();
    return new CellError.ThrownError(name + ": " + message, lines);
  }

  /** One exception and its causes, with snippet frames as notebook lines. */
  private void describe(EvalException exception, String prefix, List<String> lines) {
    String name = ReloadingLoaderDelegate.originalName(exception.getExceptionClassName());
    if (name.startsWith("java.lang.") && name.lastIndexOf('.') == "java.lang".length()) {
      name = name.substring("java.lang.".length());
    }
    String message = exception.getMessage();
    lines.add(RED + prefix + name + RESET + (message == null ? "" : ": " + message));
    int libraryRun = 0;
    for (StackTraceElement frame : exception.getStackTrace()) {
      String file = frame.getFileName();
      Location location =
          file != null && file.startsWith("#") ? locations.get(file.substring(1)) : null;
      if (location != null) {
        libraryRun = 0;
        String method = frame.getMethodName();
        String owner = frame.getClassName();
        String name0 = (owner.isEmpty() ? "" : owner + ".") + method;
        String where = location.at(frame.getLineNumber());
        lines.add("    at " + (method.isEmpty() ? where : name0 + " (" + where + ")"));
      } else if (++libraryRun <= LIBRARY_FRAMES_SHOWN) {
        lines.add("    at " + ReloadingLoaderDelegate.originalName(frame.toString()));
      } else if (libraryRun == LIBRARY_FRAMES_SHOWN + 1) {
        lines.add("    ...");
      }
    }
    if (exception.getCause() instanceof EvalException cause) {
      describe(cause, "Caused by: ", lines);
    }
  }

  private CellError unresolvedReference(DeclarationSnippet snippet) {
    List<String> missing = shell.unresolvedDependencies(snippet).toList();
    Location location = locations.get(snippet.id());
    String message =
        describe(snippet)
            + (location == null ? "" : " (" + location.at(1) + ")")
            + " cannot run yet: it uses "
            + String.join(", ", missing)
            + (missing.size() == 1 ? ", which is" : ", which are")
            + " not defined. Define "
            + (missing.size() == 1 ? "it" : "them")
            + " in a cell, then run this cell again.";
    return new CellError.UnresolvedReference(
        message, List.of(RED + "Unresolved reference: " + RESET + message));
  }

  private void noteUnresolved(Snippet snippet) {
    if (snippet instanceof DeclarationSnippet declaration) {
      List<String> missing = shell.unresolvedDependencies(declaration).toList();
      if (!missing.isEmpty()) {
        System.err.println(
            "Note: "
                + describe(declaration)
                + " uses "
                + String.join(", ", missing)
                + ", not defined yet; define "
                + (missing.size() == 1 ? "it" : "them")
                + " before calling it.");
      }
    }
  }

  private static String describe(DeclarationSnippet snippet) {
    if (snippet instanceof MethodSnippet method) {
      return "method " + method.name() + "(" + method.parameterTypes() + ")";
    }
    return switch (snippet.kind()) {
      case TYPE_DECL -> "class " + snippet.name();
      case VAR -> "variable " + snippet.name();
      default -> snippet.name();
    };
  }

  private CellError interrupted() {
    String message =
        "the cell was stopped. Variables assigned before the stop keep their values;"
            + " the kernel is ready for the next cell.";
    return new CellError.Interrupted(message, List.of(RED + "Interrupted: " + RESET + message));
  }

  private static CellError incomplete(String cell, int start, int cellNumber) {
    int line = lineOf(cell, start);
    String text = cell.substring(start).lines().findFirst().orElse("").strip();
    String message =
        "cell ["
            + cellNumber
            + "], line "
            + line
            + ": the cell ends in the middle of the statement that starts with `"
            + text
            + "`. Is a closing }, ) or ; missing?";
    return new CellError.IncompleteCell(
        message, List.of(RED + "Incomplete cell: " + RESET + message));
  }

  /** 1-based line of position {@code pos} in {@code text}. */
  static int lineOf(String text, int pos) {
    int line = 1;
    for (int i = 0; i < pos && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** Where JShell's (possibly trimmed) snippet source starts within the text it was cut from. */
  static int startOf(String source, String region) {
    String first = source.strip().lines().findFirst().orElse("");
    if (first.endsWith(";") && !region.contains(first)) {
      first = first.substring(0, first.length() - 1); // JShell added the final semicolon
    }
    int at = first.isEmpty() ? -1 : region.indexOf(first);
    if (at < 0) {
      return firstNonBlank(region);
    }
    // Line numbers inside a snippet count from its first character, which may be blank lines.
    return Math.max(0, at - Math.max(0, source.indexOf(first)));
  }

  private static int firstNonBlank(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
