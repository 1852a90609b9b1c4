"""The Jupyter project's own kernel test suite (Debian: python3-jupyter-kernel-test) against the
course kernel, plus the course's checks of Shift-Tab documentation, is_complete and history.

    /usr/bin/python3 kernel/tests/test_conformance.py

Needs the kernelspec "dlcourse-java" installed where Jupyter looks (JUPYTER_PATH); `./course test`
installs it into build/test-jupyter. Prints `PASS name` / `FAIL name: reason` / `SKIP name: reason`
per test and `N passed, N failed, N skipped` last. The kernel's history goes to a temporary file
(DLCOURSE_KERNEL_HISTORY), never to the user's.
"""

import os
import sys
import tempfile
import unittest

try:
    import jupyter_kernel_test
except ImportError:
    print("FAIL setup: jupyter_kernel_test is missing; install it: "
          "sudo apt-get install -y python3-jupyter-kernel-test")
    print("0 passed, 1 failed")
    sys.exit(1)
from jupyter_client.manager import start_new_kernel
from jupyter_kernel_test.msgspec_v5 import validate_message

HISTORY_DIR = tempfile.mkdtemp(prefix="dlcourse-history-")
os.environ["DLCOURSE_KERNEL_HISTORY"] = os.path.join(HISTORY_DIR, "history.jsonl")

KERNEL = os.environ.get("DLCOURSE_KERNEL_NAME", "dlcourse-java")
# Reading Javadoc from a 4 MB sources jar for 84 overloads (Nd4j.create) takes seconds on a busy
# machine; the suite's own requests keep its 15 s limit.
DOC_TIMEOUT = 180


class CourseKernelTests(jupyter_kernel_test.KernelTests):
    """The samples below are the course kernel's answers to the suite's questions."""

    kernel_name = KERNEL
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("a warning");'
    completion_samples = [
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
        {"text": "System.out.printl", "matches": {"println("}},
    ]
    complete_code_samples = [
        "int a = 1;",
        "1 + 2",
        "void f() {}",
        "int b = 0;\nfor (int i = 0; i < 3; i++) {\n    b += i;\n}",
    ]
    incomplete_code_samples = [
        "for (int i = 0; i < 3; i++) {",
        "int c = 1 +",
        "class A {\n    void f() {",
    ]
    invalid_code_samples = ["}", "int d = ;", 'String s = "abc']
    code_page_something = "Math?"
    code_inspect_sample = "Math"
    code_display_data = [
        {
            "code": "Display.display(new java.awt.image.BufferedImage(4, 4, "
                    "java.awt.image.BufferedImage.TYPE_INT_RGB));",
            "mime": "image/png",
        },
        {"code": 'Display.display("some text");', "mime": "text/plain"},
    ]
    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": '"deep" + "learning"', "result": "deeplearning"},
        {"code": "Math.max(3, 4)", "result": "4"},
    ]
    code_history_pattern = "6?7*"
    supported_history_operations = ("tail", "range", "search")
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_clear_output = 'System.out.println("soon gone");\nDisplay.clear();'

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The first cell compiles the default imports (javac warms up): not part of any 15 s limit.
        cls.kc.execute_interactive("int warm = 1;", timeout=300)

    # ---- the course's own checks ------------------------------------------------------------

    def inspect(self, code, cursor=None):
        self.flush_channels()
        msg_id = self.kc.inspect(code, len(code) if cursor is None else cursor)
        reply = self.get_non_kernel_info_reply(timeout=DOC_TIMEOUT)
        validate_message(reply, "inspect_reply", msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        return reply["content"]

    def assert_documented(self, code, signature, doc_text, cursor=None):
        content = self.inspect(code, cursor)
        self.assertTrue(content["found"], f"found=false for {code!r}")
        text = content["data"]["text/plain"]
        self.assertIn(signature, text)
        self.assertIn(doc_text, text)
        self.assertIn("text/html", content["data"])
        return content

    def test_inspect_jdk_class(self):
        self.assert_documented("Math", "java.lang.Math",
                               "The class Math contains methods for performing basic")

    def test_inspect_nd4j_method(self):
        # As in a notebook: the import ran in an earlier cell (here it is also repeated in the code).
        self.execute_helper("import org.nd4j.linalg.factory.Nd4j;")
        content = self.assert_documented(
            "import org.nd4j.linalg.factory.Nd4j;\nNd4j.create(", "Nd4j.create(", "Create")
        self.assertIn("overloads", content["data"]["text/plain"])

    def test_inspect_dl4j_method_cursor_inside_name(self):
        self.execute_helper("import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;")
        code = "MultiLayerNetwork net = null;\nnet.fit("
        self.assert_documented(code, "MultiLayerNetwork.fit(", "Perform minibatch training",
                               cursor=len(code) - 2)  # between "fi" and "t("

    def test_inspect_course_library(self):
        content = self.assert_documented("org.dlcourse.Seed.derive(", "Seed.derive(long k)",
                                         "A reproducible seed")
        self.assertIn("<code>k</code>", content["data"]["text/html"])  # {@code k} as HTML

    def test_inspect_unknown_name(self):
        content = self.inspect("noSuchThingAnywhere")
        self.assertFalse(content["found"])

    def test_is_complete_indent(self):
        self.flush_channels()
        self.kc.is_complete("for (int i = 0; i < 3; i++) {")
        reply = self.get_non_kernel_info_reply(timeout=jupyter_kernel_test.TIMEOUT)
        self.assertEqual(reply["content"], {"status": "incomplete", "indent": "    "})

    def test_pager_library_method(self):
        reply, _ = self.execute_helper("Display.clear?", timeout=DOC_TIMEOUT)
        page = reply["content"]["payload"][0]
        self.assertEqual(page["source"], "page")
        self.assertIn("Clears", page["data"]["text/plain"])

    def test_history_survives_restart(self):
        marker = "int remembered = 7;"
        self.execute_helper(marker)
        km, kc = start_new_kernel(kernel_name=self.kernel_name)
        try:
            msg_id = kc.history(hist_access_type="search", pattern="int remembered*",
                                output=False, raw=True)
            reply = kc.get_shell_msg(timeout=60)
            while reply["header"]["msg_type"] != "history_reply":
                reply = kc.get_shell_msg(timeout=60)
            validate_message(reply, "history_reply", msg_id)
            rows = reply["content"]["history"]
            self.assertEqual([r[2] for r in rows], [marker])
            msg_id = kc.history(hist_access_type="range", session=0, start=1, stop=0,
                                output=False, raw=True)
            reply = kc.get_shell_msg(timeout=60)
            self.assertEqual(reply["content"]["history"], [], "the new session ran no cell yet")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


class Report(unittest.TestResult):
    """One line per test: PASS / FAIL / SKIP; subtests that fail count as failures."""

    def __init__(self):
        super().__init__()
        self.passed = self.failed = self.skipped = 0

    def addSuccess(self, test):
        self.passed += 1
        print(f"PASS {test._testMethodName}", flush=True)

    def _fail(self, test, err):
        self.failed += 1
        reason = str(err[1]).strip().splitlines()
        print(f"FAIL {test.id().split('.')[-1]}: {' '.join(reason)[:600]}", flush=True)

    def addFailure(self, test, err):
        self._fail(test, err)

    def addError(self, test, err):
        self._fail(test, err)

    def addSubTest(self, test, subtest, err):
        if err is not None:
            if issubclass(err[0], unittest.SkipTest):
                self.addSkip(subtest, str(err[1]))
            else:
                self._fail(subtest, err)

    def addSkip(self, test, reason):
        self.skipped += 1
        print(f"SKIP {test.id().split('.')[-1]}: {reason or 'no sample'}", flush=True)


def main():
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(CourseKernelTests)
    report = Report()
    suite.run(report)
    line = f"{report.passed} passed, {report.failed} failed"
    print(line + (f", {report.skipped} skipped" if report.skipped else ""))
    return 0 if report.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
