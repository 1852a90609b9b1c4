"""Protocol tests of the course kernel over the real Jupyter protocol (jupyter_client).

Run:  /usr/bin/python3 kernel/tests/test_kernel.py
Needs the kernel module built (mvn -q -B install -DskipTests, or a -Ddlcourse.build.dir build with
DLCOURSE_KERNEL_BUILD_DIR pointing there). The kernelspec is installed into a temp dir found
through JUPYTER_PATH, so nothing in ~/.local is touched.

Env: KERNEL_STARTS (default 50) kernel starts in a row, each must answer kernel_info.
Prints one line per test, PASS name / FAIL name: reason, then "N passed, N failed" last.
Timings go to stderr as lines starting with "#".
"""
import base64
import os
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
KERNEL_DIR = os.path.dirname(HERE)
TMP = tempfile.mkdtemp(prefix="dlcourse-kernel-test-")
os.environ["JUPYTER_PATH"] = TMP
os.environ.setdefault("JUPYTER_RUNTIME_DIR", os.path.join(TMP, "runtime"))

from jupyter_client import KernelManager  # noqa: E402  (after JUPYTER_PATH is set)

sys.path.insert(0, os.path.join(os.path.dirname(KERNEL_DIR), "tools"))
import kernel_messages  # noqa: E402  (the one execute-and-collect helper, in tools/)

KERNEL = "dlcourse-java"
TIMEOUT = 60
results = []


def note(text):
    print("# " + text, file=sys.stderr, flush=True)


def check(cond, reason):
    if not cond:
        raise AssertionError(reason)


def test(name):
    def wrap(fn):
        def run(*args):
            try:
                fn(*args)
                results.append((name, None))
                print("PASS " + name, flush=True)
            except Exception as e:  # noqa: BLE001 - any failure is reported, the rest still runs
                reason = str(e) or type(e).__name__
                if not isinstance(e, AssertionError):
                    reason = type(e).__name__ + ": " + reason
                    traceback.print_exc(file=sys.stderr)
                results.append((name, reason))
                print("FAIL " + name + ": " + reason.replace("\n", " | ")[:400], flush=True)

        return run

    return wrap


def start():
    km = KernelManager(kernel_name=KERNEL)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    return km, kc


def stop(km, kc):
    try:
        kc.stop_channels()
    finally:
        km.shutdown_kernel(now=True)


def execute(kc, code, timeout=TIMEOUT):
    """Runs code; returns (reply content, [iopub messages of this request, in order])."""
    return kernel_messages.execute(kc, code, timeout)


of_type = kernel_messages.of_type


def result_data(messages):
    results_ = of_type(messages, "execute_result")
    check(len(results_) == 1, "expected 1 execute_result but got %d: %s" % (len(results_), summary(messages)))
    return results_[0]["content"]["data"]


def error_of(reply, messages):
    check(reply["status"] == "error", "expected an error but the cell succeeded: %s" % summary(messages))
    errors = of_type(messages, "error")
    check(len(errors) == 1, "expected 1 error message but got %d" % len(errors))
    content = errors[0]["content"]
    return content["ename"], content["evalue"], "\n".join(content["traceback"])


def summary(messages):
    return [(m["msg_type"], str(m["content"])[:160]) for m in messages]


def png_size(b64):
    raw = base64.b64decode(b64)
    check(raw[:8] == b"\x89PNG\r\n\x1a\n", "image/png is not a PNG")
    return struct.unpack(">II", raw[16:24])


# ---------------------------------------------------------------- tests


@test("kernelspec_fails_clearly_when_not_built")
def kernelspec_fails_clearly_when_not_built():
    env = dict(os.environ, DLCOURSE_KERNEL_BUILD_DIR=os.path.join(TMP, "no-such-build"))
    proc = subprocess.run([os.path.join(KERNEL_DIR, "install-kernelspec.sh"), os.path.join(TMP, "x")],
                          env=env, capture_output=True, text=True)
    check(proc.returncode != 0, "install succeeded without a build")
    check("not built" in proc.stderr and "mvn" in proc.stderr, "unclear message: " + proc.stderr)


@test("starts_answer_kernel_info")
def starts_answer_kernel_info(n):
    times = []
    for i in range(n):
        t0 = time.time()
        km, kc = start()
        try:
            # Sent at once, before the kernel has bound its sockets: ZMQ queues it, and the kernel
            # must answer it (handlers are registered before it listens).
            reply = kc.kernel_info(reply=True, timeout=TIMEOUT)
            check(reply["msg_type"] == "kernel_info_reply", "start %d: no kernel_info_reply" % i)
            check(reply["content"]["language_info"]["name"] == "java", "start %d: language not java" % i)
            times.append(time.time() - t0)
        finally:
            stop(km, kc)
    note("starts: %d, start -> kernel_info_reply seconds: mean %.2f, median %.2f, max %.2f"
         % (n, statistics.mean(times), statistics.median(times), max(times)))


@test("first_nd4j_result")
def first_nd4j_result():
    t0 = time.time()
    km, kc = start()
    try:
        kc.kernel_info(reply=True, timeout=TIMEOUT)
        t_info = time.time() - t0
        reply, messages = execute(kc, "org.nd4j.linalg.factory.Nd4j.ones(2,2).sumNumber()")
        check(reply["status"] == "ok", "ND4J cell failed: %s" % summary(messages))
        check(result_data(messages)["text/plain"] == "4.0", "expected 4.0 but got %s" % result_data(messages))
        note("fresh kernel: start -> kernel_info %.2f s, start -> first ND4J result %.2f s"
             % (t_info, time.time() - t0))
    finally:
        stop(km, kc)


@test("last_expression_is_the_result")
def last_expression_is_the_result(kc):
    reply, messages = execute(kc, "int x = 20;\nint y = 22;\nx + y")
    check(reply["status"] == "ok", "cell failed: %s" % summary(messages))
    check(result_data(messages)["text/plain"] == "42", "expected 42: %s" % summary(messages))
    reply, messages = execute(kc, "int z = 5;")
    check(not of_type(messages, "execute_result"), "a declaration must not produce a result")


@test("printf_at_the_end_shows_no_print_stream")
def printf_at_the_end_shows_no_print_stream(kc):
    reply, messages = execute(kc, 'System.out.printf("accuracy %.2f%n", 0.875)')
    check(reply["status"] == "ok", "cell failed: %s" % summary(messages))
    check(not of_type(messages, "execute_result"), "printf's PrintStream was shown: %s" % summary(messages))
    text = "".join(m["content"]["text"] for m in of_type(messages, "stream"))
    check("accuracy 0.88" in text, "printed text missing: %r" % text)


@test("a_print_loop_arrives_whole_in_few_messages")
def a_print_loop_arrives_whole_in_few_messages(kc):
    reply, messages = execute(kc, "for (int i = 0; i < 20000; i++) System.out.println(i);")
    check(reply["status"] == "ok", "cell failed: %s" % summary(messages))
    streams = of_type(messages, "stream")
    lines = "".join(m["content"]["text"] for m in streams).splitlines()
    check(lines == [str(i) for i in range(20000)], "text lost or reordered: %d lines" % len(lines))
    check(len(streams) < 200, "%d stream messages for one loop (a flood for the browser)" % len(streams))


@test("imports_methods_and_classes_in_one_cell")
def imports_methods_and_classes_in_one_cell(kc):
    code = ("import java.util.List;\n"
            "int square(int a) { return a * a; }\n"
            "record Point(int x, int y) {}\n"
            "List.of(square(3), new Point(1, 2).y())")
    reply, messages = execute(kc, code)
    check(reply["status"] == "ok", "cell failed: %s" % summary(messages))
    check(result_data(messages)["text/plain"] == "[9, 2]", "got %s" % result_data(messages))


@test("course_library_is_importable")
def course_library_is_importable(kc):
    reply, messages = execute(kc, "import org.dlcourse.*;\nimport org.dlcourse.display.*;\nSmoke.pick(1, 2)")
    check(reply["status"] == "ok", "cell failed: %s" % summary(messages))
    check(result_data(messages)["text/plain"] in ("1", "2"), "got %s" % result_data(messages))


@test("output_streams_while_the_cell_runs")
def output_streams_while_the_cell_runs(kc):
    code = 'for (int i = 0; i < 4; i++) { System.out.println("tick " + i); Thread.sleep(300); }'
    reply, messages = execute(kc, code)
    check(reply["status"] == "ok", "cell failed: %s" % summary(messages))
    streams = of_type(messages, "stream")
    text = "".join(m["content"]["text"] for m in streams)
    check(text == "tick 0\ntick 1\ntick 2\ntick 3\n", "got %r" % text)
    check(len(streams) >= 3, "output came in %d message(s), not line by line" % len(streams))


@test("stderr_is_a_stream_too")
def stderr_is_a_stream_too(kc):
    reply, messages = execute(kc, 'System.err.println("careful");')
    streams = [m for m in of_type(messages, "stream") if m["content"]["name"] == "stderr"]
    check(streams and "careful" in streams[0]["content"]["text"], "no stderr stream: %s" % summary(messages))


@test("display_and_update_in_place")
def display_and_update_in_place(kc):
    code = 'String id = Display.display("first");\nDisplay.update(id, "second");\nid'
    reply, messages = execute(kc, code)
    check(reply["status"] == "ok", "cell failed: %s" % summary(messages))
    shown = of_type(messages, "display_data")
    updated = of_type(messages, "update_display_data")
    check(len(shown) == 1 and len(updated) == 1, "got %s" % summary(messages))
    display_id = shown[0]["content"]["transient"]["display_id"]
    check(updated[0]["content"]["transient"]["display_id"] == display_id, "update names another display")
    check(shown[0]["content"]["data"]["text/plain"] == "first", "display shows %s" % shown[0]["content"])
    check(updated[0]["content"]["data"]["text/plain"] == "second", "update shows %s" % updated[0]["content"])
    check(result_data(messages)["text/plain"] == display_id, "display returned another id")


@test("image_renders_as_png")
def image_renders_as_png(kc):
    code = "new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB)"
    reply, messages = execute(kc, code)
    check(reply["status"] == "ok", "cell failed: %s" % summary(messages))
    data = result_data(messages)
    check("image/png" in data, "no image/png in %s" % list(data))
    check(png_size(data["image/png"]) == (4, 3), "PNG is not 4x3")


@test("rich_value_renders_html")
def rich_value_renders_html(kc):
    code = ('new org.dlcourse.display.Rich() {\n'
            '  public String html() { return "<b>bold</b>"; }\n'
            '  public String toString() { return "summary"; }\n'
            '}')
    reply, messages = execute(kc, code)
    data = result_data(messages)
    check(data.get("text/html") == "<b>bold</b>", "got %s" % data)
    check(data.get("text/plain") == "summary", "got %s" % data)


@test("table_renders_html_with_shape")
def table_renders_html_with_shape(kc):
    code = ('int[] values = new int[100];\n'
            'for (int i = 0; i < 100; i++) values[i] = i;\n'
            'tech.tablesaw.api.Table.create("t", tech.tablesaw.api.IntColumn.create("a", values))')
    reply, messages = execute(kc, code)
    check(reply["status"] == "ok", "cell failed: %s" % summary(messages))
    html = result_data(messages).get("text/html", "")
    check("<table" in html and "100 rows" in html and "1 columns" in html, "got %s" % html[:300])
    check("<td>0</td>" in html and "<td>99</td>" in html and "<td>50</td>" not in html,
          "a long table should show only its first and last rows")


@test("compile_error_names_line_and_reason")
def compile_error_names_line_and_reason(kc):
    reply, messages = execute(kc, 'int a = 1;\nint b = "text";\nint c = 3;')
    ename, evalue, tb = error_of(reply, messages)
    check(ename == "CompilationError", "ename %s" % ename)
    check("line 2" in tb and "incompatible types" in tb, "traceback: %s" % tb)
    check("$JShell" not in tb, "traceback shows JShell internals: %s" % tb)


@test("runtime_exception_shows_student_frames_only")
def runtime_exception_shows_student_frames_only(kc):
    execute(kc, "int divide(int q) {\n  return 10 / q;\n}")
    reply, messages = execute(kc, "int zero = 0;\ndivide(zero)")
    ename, evalue, tb = error_of(reply, messages)
    check(ename == "ArithmeticException", "ename %s" % ename)
    check("/ by zero" in evalue, "evalue %s" % evalue)
    check("line 2)" in tb and "divide" in tb, "no student frames in: %s" % tb)
    for internal in ("jdk.jshell", "org.dlcourse.kernel", "REPL.", "do_it", "java.lang.reflect", "$JShell"):
        check(internal not in tb, "traceback shows %s: %s" % (internal, tb))


@test("unresolved_reference_says_what_is_missing")
def unresolved_reference_says_what_is_missing(kc):
    reply, messages = execute(kc, "void useIt() { new MissingThing(); }")
    check(reply["status"] == "ok", "declaring should succeed: %s" % summary(messages))
    reply, messages = execute(kc, "useIt();")
    ename, evalue, tb = error_of(reply, messages)
    check("MissingThing" in evalue and "useIt" in evalue, "evalue %s" % evalue)


@test("incomplete_cell_says_so")
def incomplete_cell_says_so(kc):
    reply, messages = execute(kc, "int n = 1;\nfor (int i = 0; i < 3; i++) {\n  n++;\n")
    ename, evalue, tb = error_of(reply, messages)
    check(ename == "IncompleteCell" and "line 2" in evalue, "%s: %s" % (ename, evalue))


@test("interrupt_stops_a_tight_loop")
def interrupt_stops_a_tight_loop(km, kc):
    execute(kc, "long spins = 0;")
    msg_id = kc.execute("while (true) { spins++; }")
    time.sleep(1.5)
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=30)
    check(reply["parent_header"]["msg_id"] == msg_id, "unexpected reply")
    check(reply["content"]["status"] == "error", "loop was not stopped: %s" % reply["content"])
    check(reply["content"]["ename"] == "Interrupted", "ename %s" % reply["content"]["ename"])
    reply, messages = execute(kc, "1+1")
    check(result_data(messages)["text/plain"] == "2", "kernel unusable after interrupt")
    reply, messages = execute(kc, "spins > 0")
    check(result_data(messages)["text/plain"] == "true", "loop state lost")


@test("interrupt_stops_a_sleep")
def interrupt_stops_a_sleep(km, kc):
    msg_id = kc.execute("Thread.sleep(600_000);")
    time.sleep(1.0)
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=30)
    check(reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "error",
          "sleep not stopped")
    reply, messages = execute(kc, "1+1")
    check(result_data(messages)["text/plain"] == "2", "kernel unusable after interrupt")


@test("interrupt_stops_a_printing_loop_and_output_still_works")
def interrupt_stops_a_printing_loop_and_output_still_works(km, kc):
    msg_id = kc.execute("long k = 0;\nwhile (true) { System.out.println(k++); }")
    time.sleep(1.5)
    km.interrupt_kernel()
    deadline = time.time() + 60
    reply = None
    while time.time() < deadline:
        reply = kc.get_shell_msg(timeout=max(1, deadline - time.time()))
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    check(reply is not None and reply["content"]["status"] == "error", "loop not stopped")
    reply, messages = execute(kc, 'System.out.println("still here");\n1+1')
    text = "".join(m["content"]["text"] for m in of_type(messages, "stream"))
    check(text == "still here\n", "output after interrupt: %r" % text[:200])
    check(result_data(messages)["text/plain"] == "2", "kernel unusable after interrupt")


@test("system_exit_ends_the_cell_not_the_kernel")
def system_exit_ends_the_cell_not_the_kernel(km, kc):
    execute(kc, "int keep = 7;")
    reply, messages = execute(kc, 'System.out.println("before");\nSystem.exit(3);\nkeep = 8;')
    ename, evalue, tb = error_of(reply, messages)
    check(ename == "SystemExit" and "System.exit(3)" in evalue, "%s: %s" % (ename, evalue))
    check(km.is_alive(), "kernel died")
    reply, messages = execute(kc, "keep")
    check(result_data(messages)["text/plain"] == "7", "state lost or rest of cell ran")


@test("nd4j_works")
def nd4j_works(kc):
    reply, messages = execute(kc, "org.nd4j.linalg.factory.Nd4j.ones(2,2).sumNumber()")
    check(reply["status"] == "ok", "ND4J cell failed: %s" % summary(messages))
    check(result_data(messages)["text/plain"] == "4.0", "got %s" % result_data(messages))


@test("restart_gives_a_fresh_kernel")
def restart_gives_a_fresh_kernel(km, kc):
    execute(kc, "int before = 1;")
    km.restart_kernel(now=False)
    kc.kernel_info(reply=True, timeout=TIMEOUT)
    reply, messages = execute(kc, "1+1")
    check(result_data(messages)["text/plain"] == "2", "kernel unusable after restart")
    reply, messages = execute(kc, "before")
    check(reply["status"] == "error", "state survived the restart")


@test("runtime_exit_in_library_code_says_why_the_kernel_died")
def runtime_exit_in_library_code_says_why_the_kernel_died(km, kc):
    msg_id = kc.execute("Runtime.getRuntime().exit(4);")
    text = ""
    deadline = time.time() + 30
    while time.time() < deadline and "exiting" not in text:
        try:
            msg = kc.get_iopub_msg(timeout=1)
        except Exception:  # noqa: BLE001 - queue.Empty: keep waiting until the deadline
            continue
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            text += msg["content"]["text"]
    check("exiting" in text, "no notice before the kernel died; got %r" % text)
    for _ in range(100):
        if not km.is_alive():
            break
        time.sleep(0.1)
    check(not km.is_alive(), "kernel still alive after Runtime.exit")


def main():
    t_all = time.time()
    build = os.environ.get("DLCOURSE_KERNEL_BUILD_DIR")
    if build:
        note("kernel build dir: " + build)
    subprocess.run([os.path.join(KERNEL_DIR, "install-kernelspec.sh"), os.path.join(TMP, "kernels")],
                   check=True, stdout=subprocess.DEVNULL)
    kernelspec_fails_clearly_when_not_built()
    starts_answer_kernel_info(int(os.environ.get("KERNEL_STARTS", "50")))
    first_nd4j_result()

    km, kc = start()
    try:
        kc.kernel_info(reply=True, timeout=TIMEOUT)
        for t in (last_expression_is_the_result, printf_at_the_end_shows_no_print_stream,
                  a_print_loop_arrives_whole_in_few_messages,
                  imports_methods_and_classes_in_one_cell,
                  course_library_is_importable, output_streams_while_the_cell_runs,
                  stderr_is_a_stream_too, display_and_update_in_place, image_renders_as_png,
                  rich_value_renders_html, table_renders_html_with_shape,
                  compile_error_names_line_and_reason, runtime_exception_shows_student_frames_only,
                  unresolved_reference_says_what_is_missing, incomplete_cell_says_so, nd4j_works):
            t(kc)
        for t in (interrupt_stops_a_tight_loop, interrupt_stops_a_sleep,
                  interrupt_stops_a_printing_loop_and_output_still_works,
                  system_exit_ends_the_cell_not_the_kernel, restart_gives_a_fresh_kernel,
                  runtime_exit_in_library_code_says_why_the_kernel_died):
            t(km, kc)
    finally:
        stop(km, kc)
        shutil.rmtree(TMP, ignore_errors=True)
    note("total %.1f s" % (time.time() - t_all))
    failed = sum(1 for _, reason in results if reason)
    print("%d passed, %d failed" % (len(results) - failed, failed), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
