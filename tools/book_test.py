#!/usr/bin/env python3
"""Tests of tools/book.py on small made-up notebooks and pages (./course test runs it; no kernel).

Prints PASS/FAIL lines and ends with 'N passed, N failed'.
"""
import contextlib
import io
import os
import shutil
import sys
import tempfile

import nbformat

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import book  # noqa: E402

results = []
# A 1x1 PNG.
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def record(name, ok, reason=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + reason), flush=True)


def lesson_notebook(failed_check=False):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 09 · A made-up lesson\n\n**Learning goals.** After this notebook you can\n"
                                      "- fit a `line` to\n  two points;\n- read *its* slope;\n- predict.\n\n"
                                      "Some text with $x^2$."),
        nbformat.v4.new_code_cell("plot()", outputs=[nbformat.v4.new_output(
            "display_data", data={"image/png": PNG, "text/plain": "image"})]),
        nbformat.v4.new_code_cell("checks()", outputs=[nbformat.v4.new_output(
            "stream", name="stdout", text="PASS slope = 2.0000 (required: >= 1.0000)\nnot a check\n")]),
    ]
    if failed_check:
        nb.cells.append(nbformat.v4.new_code_cell("more()", outputs=[nbformat.v4.new_output(
            "error", ename="AssertionError", evalue="FAILED: intercept = 3.0000 (required: <= 1.0000)",
            traceback=[])]))
    nb.metadata["dlcourse"] = {"mode": "smoke", "seconds": 12.3, "ok": not failed_check}
    return nb


def quietly(fn, *args):
    """Runs fn(*args) with its printed lines captured; returns (result, text)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        result = fn(*args)
    return result, out.getvalue()


def main():
    scratch = tempfile.mkdtemp(prefix="dlcourse-book-test-")
    try:
        nb = lesson_notebook()
        title, description = book.title_and_description(nb)
        record("the title is the first heading", title == "09 · A made-up lesson", title)
        record("the description is the first two learning goals, continued lines joined",
               description == "fit a line to two points; read its slope; …", description)

        executed = os.path.join(scratch, "executed")
        os.makedirs(executed)
        nbformat.write(nb, os.path.join(executed, "09-made-up.ipynb"))
        nbformat.write(lesson_notebook(failed_check=True), os.path.join(executed, "10-failing.ipynb"))
        out = os.path.join(scratch, "book")
        status, _ = quietly(book.build, executed, out)
        index = open(os.path.join(out, "index.html"), encoding="utf-8").read()
        record("the index lists each lesson with its run time and check results",
               status == 0 and index.count('href="09-made-up.html"') == 1 and "1 of 1 passed" in index
               and "12 s" in index and "1 of 2 passed" in index, f"status {status}")
        page = open(os.path.join(out, "09-made-up.html"), encoding="utf-8").read()
        record("a page takes its image from a file beside it and MathJax from the book's assets",
               'src="09-made-up_files/' in page and "assets/mathjax/MathJax.js" in page
               and "cdn" not in page.lower() and "require.js" not in page, "see " + out)
        failing = open(os.path.join(out, "10-failing.html"), encoding="utf-8").read()
        record("a failed check is shown on its page", "FAILED intercept = 3.0000" in failing, "no FAILED line")

        status, text = quietly(book.check, out)
        record("the link check passes on a complete book", status == 0, text)

        os.remove(os.path.join(out, "09-made-up_files", os.listdir(os.path.join(out, "09-made-up_files"))[0]))
        with open(os.path.join(out, "10-failing.html"), "a", encoding="utf-8") as f:
            f.write('<script src="https://cdn.example.org/x.js"></script><a href="https://example.org">cite</a>')
        status, text = quietly(book.check, out)
        record("the link check fails on a missing image and on a script from the network",
               status == 1 and "FAIL 09-made-up.html" in text and "cdn.example.org" in text
               and "FAIL 10-failing.html" in text, text)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
