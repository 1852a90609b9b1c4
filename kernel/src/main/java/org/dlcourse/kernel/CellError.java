package org.dlcourse.kernel;

import java.util.List;

/**
 * Why a cell failed, already worded for a student; its simple class name is the error's name in the
 * notebook.
 */
class CellError extends Exception {

  private final List<String> traceback;

  CellError(String message, List<String> traceback) {
    super(message, null, false, false);
    this.traceback = List.copyOf(traceback);
  }

  /** The lines shown under the cell. */
  List<String> traceback() {
    return traceback;
  }

  /** The cell does not compile; names the line and javac's reason. */
  static final class CompilationError extends CellError {
    CompilationError(String message, List<String> traceback) {
      super(message, traceback);
    }
  }

  /** The cell ends in the middle of a statement. */
  static final class IncompleteCell extends CellError {
    IncompleteCell(String message, List<String> traceback) {
      super(message, traceback);
    }
  }

  /** Code calls a method or class that refers to something not defined yet. */
  static final class UnresolvedReference extends CellError {
    UnresolvedReference(String message, List<String> traceback) {
      super(message, traceback);
    }
  }

  /** The student pressed stop (interrupt). */
  static final class Interrupted extends CellError {
    Interrupted(String message, List<String> traceback) {
      super(message, traceback);
    }
  }

  /** The cell called {@code System.exit}; the kernel keeps running. */
  static final class SystemExit extends CellError {
    SystemExit(String message, List<String> traceback) {
      super(message, traceback);
    }
  }

  /** The cell threw an {@link Error} (e.g. StackOverflowError), which is not an Exception. */
  static final class ThrownError extends CellError {
    ThrownError(String message, List<String> traceback) {
      super(message, traceback);
    }
  }
}
