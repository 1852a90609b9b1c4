"""Protocol test: a problem set's notebook calls the student's CURRENT code (real Jupyter protocol).

Run:  /usr/bin/python3 kernel/tests/test_workspace.py   (needs the kernel module built)
The kernel starts in a small problem-set folder (assignment.properties + src/main/java), as Jupyter
starts it in a notebook's folder. The test edits the Java file between cells and checks that
re-running a cell runs the edited code, with no restart, and that variables survive.
Prints PASS/FAIL lines and "N passed, N failed" last.
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_kernel as tk  # noqa: E402  (sets JUPYTER_PATH to its own temp folder)

from jupyter_client import KernelManager  # noqa: E402

CALC = """package demo.ps;

/** The student's file. */
public final class Calc {
  private Calc() {}

  public static int twice(int x) {
%s
  }
%s}
"""
CALL = "demo.ps.Calc.twice(21)"


def write_calc(folder, body, extra=""):
    path = os.path.join(folder, "src/main/java/demo/ps/Calc.java")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(CALC % (body, extra))
    # An editor's save can land within the file system's timestamp granularity: the kernel must
    # notice by content, not by modification time. Keep the old mtime to prove it.
    os.utime(path, (1_000_000_000, 1_000_000_000))


def value(kc, code):
    reply, messages = tk.execute(kc, code)
    if reply["status"] != "ok":
        raise AssertionError("cell failed: %s" % tk.summary(messages))
    return tk.result_data(messages)["text/plain"]


def main():
    subprocess.run([os.path.join(tk.KERNEL_DIR, "install-kernelspec.sh"), os.path.join(tk.TMP, "kernels")],
                   check=True, stdout=subprocess.DEVNULL)
    folder = tempfile.mkdtemp(prefix="dlcourse-workspace-test-")
    with open(os.path.join(folder, "assignment.properties"), "w") as f:
        f.write("title=workspace test\n")
    os.makedirs(os.path.join(folder, "notebooks"))
    write_calc(folder, '    throw new UnsupportedOperationException("Calc.twice is not implemented yet");')
    km = KernelManager(kernel_name=tk.KERNEL)
    # Started in a subfolder: the problem set is found at or above the notebook's folder.
    km.start_kernel(cwd=os.path.join(folder, "notebooks"))
    kc = km.client()
    kc.start_channels()
    killed_pid = -1
    try:
        kc.kernel_info(reply=True, timeout=tk.TIMEOUT)

        @tk.test("the stub runs and says it is not implemented")
        def stub(kc):
            tk.check(tk.execute(kc, "int kept = 42;")[0]["status"] == "ok", "int kept = 42; failed")
            reply, messages = tk.execute(kc, CALL)
            ename, evalue, _ = tk.error_of(reply, messages)
            tk.check("not implemented yet" in evalue, "expected the stub's message, got %s: %s" % (ename, evalue))

        @tk.test("after editing the file, re-running the cell runs the new code")
        def edited(kc):
            write_calc(folder, "    return 2 * x;")
            got = value(kc, CALL)
            tk.check(got == "42", "expected 42 from the edited twice(21), got %r" % got)

        @tk.test("a method declared in a cell calls the edited code too")
        def cell_method(kc):
            tk.check(tk.execute(kc, "int viaCell() { return demo.ps.Calc.twice(21); }")[0]["status"] == "ok",
                     "declaring viaCell failed")
            before = value(kc, "viaCell()")
            write_calc(folder, "    return 4 * x;")
            after = value(kc, "viaCell()")
            tk.check((before, after) == ("42", "84"), "expected 42 then 84, got %r then %r" % (before, after))

        @tk.test("a method added to the file can be called at once; variables survive")
        def added(kc):
            write_calc(folder, "    return x + x + 1;", "\n  public static int half(int x) {\n    return x / 2;\n  }\n")
            got = value(kc, CALL + " + demo.ps.Calc.half(10) + kept")
            tk.check(got == str(43 + 5 + 42), "expected 90 (new twice, new half, kept=42), got %r" % got)

        @tk.test("a compile error shows the student's javac message, no grader or kernel frames")
        def broken(kc):
            write_calc(folder, "    return 2 * x")  # missing ;
            reply, messages = tk.execute(kc, CALL)
            ename, evalue, traceback = tk.error_of(reply, messages)
            tk.check("src/main/java/demo/ps/Calc.java:8" in traceback, "no file:line in %r" % traceback)
            tk.check("';' expected" in traceback, "javac's reason missing: %r" % traceback)
            for frame in ("Autograder", "Workspace.java", "at org.dlcourse", folder):
                tk.check(frame not in traceback, "%r leaks into %r" % (frame, traceback))

        @tk.test("fixing the error makes the same cell run the fixed code")
        def fixed(kc):
            write_calc(folder, "    return 3 * x;")
            got = value(kc, CALL)
            tk.check(got == "63", "expected 63 from 3 * 21, got %r" % got)

        @tk.test("an exception from the edited code names the student's class as written")
        def thrown(kc):
            write_calc(folder, '    throw new IllegalStateException("boom " + x);')
            reply, messages = tk.execute(kc, CALL)
            ename, evalue, traceback = tk.error_of(reply, messages)
            tk.check("boom 21" in evalue, "expected the student's message, got %s: %s" % (ename, evalue))
            tk.check("at demo.ps.Calc.twice(Calc.java:8)" in traceback, "no student frame in %r" % traceback)

        for t in (stub, edited, cell_method, added, broken, fixed, thrown):
            t(kc)
        killed_pid = km.provisioner.process.pid if hasattr(km, "provisioner") else km.kernel.pid
    finally:
        tk.stop(km, kc)  # kills the kernel: its shutdown hook does not run

    @tk.test("a killed kernel's compiled classes are removed by the next kernel")
    def leftovers():
        stale = [d for d in os.listdir(tempfile.gettempdir())
                 if d.startswith("dlcourse-notebook-classes-%d-" % killed_pid)]
        tk.check(stale, "the first kernel left no class folder to test with")
        km2 = KernelManager(kernel_name=tk.KERNEL)
        km2.start_kernel(cwd=folder)
        kc2 = km2.client()
        kc2.start_channels()
        try:
            kc2.kernel_info(reply=True, timeout=tk.TIMEOUT)
            left = [d for d in stale if os.path.exists(os.path.join(tempfile.gettempdir(), d))]
            tk.check(not left, "still there: %s" % left)
        finally:
            pid2 = km2.provisioner.process.pid if hasattr(km2, "provisioner") else km2.kernel.pid
            tk.stop(km2, kc2)
            for d in os.listdir(tempfile.gettempdir()):  # the second kernel was killed too
                if d.startswith("dlcourse-notebook-classes-%d-" % pid2):
                    shutil.rmtree(os.path.join(tempfile.gettempdir(), d), ignore_errors=True)

    try:
        leftovers()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(tk.TMP, ignore_errors=True)
    failed = sum(1 for _, reason in tk.results if reason)
    print("%d passed, %d failed" % (len(tk.results) - failed, failed), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
