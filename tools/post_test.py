#!/usr/bin/env python3
"""Tests of ./course post and the final project (./course test runs them).

Part 1 exports made-up executed notebooks with tools/post.py (no kernel). Part 2 (unless --no-kernel)
runs the project's template and worked example through `./course post --smoke`, as a student does,
and checks the posts; it also sets up `./course start project` in a scratch copy of the launcher.
Prints PASS/FAIL lines and ends with 'N passed, N failed'.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from html.parser import HTMLParser

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import post  # noqa: E402

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
results = []


def record(name, ok, reason=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + reason), flush=True)


class Refs(HTMLParser):
    """Every src/href, and the tags seen."""

    def __init__(self):
        super().__init__()
        self.refs, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.refs.append((tag, value))


def parse(page):
    refs = Refs()
    refs.feed(page)
    return refs


def made_up_notebook():
    nb = nbformat.v4.new_notebook()
    new_out = nbformat.v4.new_output
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "# A *made-up* post\n\nInline $x^2 + y_1$ and display\n$$\\sum_{i=1}^{n} w_i \\frac{a}{b}$$\n"
            "and \\(\\eta\\); money: it costs 5$ and 6$ today; code `$notmath$`.\n\n"
            "```java\nString s = \"$also not math$\";\n```\n\n[a link](https://example.org/paper)"),
        nbformat.v4.new_code_cell("int secretCode = 42;", outputs=[
            new_out("stream", name="stdout", text="first line\n"),
            new_out("stream", name="stdout", text="second line\n"),
            new_out("stream", name="stderr", text="SLF4J: noisy logging\n"),
            new_out("display_data", data={"image/png": PNG, "text/plain": "Plot[...]"})]),
        nbformat.v4.new_code_cell("dropped()", metadata={"tags": ["remove-cell"]},
                                  outputs=[new_out("stream", name="stdout", text="REMOVED CELL OUTPUT\n")]),
        nbformat.v4.new_code_cell("hiddenInput()", metadata={"tags": ["remove-input"]},
                                  outputs=[new_out("execute_result", data={"text/plain": "kept <output> & escaped"},
                                                   execution_count=3)]),
    ]
    return nb


def write(nb, directory, name):
    path = os.path.join(directory, name)
    nbformat.write(nb, path)
    return path


def unit_tests(scratch):
    src = write(made_up_notebook(), scratch, "made-up.ipynb")
    out = os.path.join(scratch, "made-up.html")
    errors = post.export(src, out)
    page = open(out, encoding="utf-8").read()
    refs = parse(page)
    record("a notebook without errors reports none", errors == [], str(errors))
    record("the title is the first heading", "<title>A made-up post</title>" in page, page[:300])
    formulas, display = page.count('class="katex"'), page.count('class="katex-display"')
    record("three formulas rendered by KaTeX ($…$, $$…$$ displayed, \\(…\\)); prices and code untouched",
           formulas == 3 and display == 1, f"katex spans: {formulas}, displayed: {display}")
    record("no TeX source left in the page", "x^2" not in page and "\\sum" not in page and "\\frac" not in page,
           "TeX source found")
    record("prices with $ and code spans stay as written", "5$ and 6$" in page and "$notmath$" in page
           and "$also not math$" in page, "a dollar sign was taken for math")
    record("KaTeX fonts are embedded (no font file to fetch)", "url(fonts/" not in page
           and "data:font/woff2;base64," in page, "a font is referenced by file")
    nonlocal_refs = [(t, u) for t, u in refs.refs
                     if not (u.startswith("data:") or u.startswith("#") or (t == "a" and u.startswith("http")))]
    record("one self-contained file: every src/href is inline data, an anchor or a citation link",
           not nonlocal_refs and "<script" not in page, f"external: {nonlocal_refs[:5]}")
    record("the figure is inline as a data: URI", any(t == "img" and u.startswith("data:image/png;base64,")
                                                      for t, u in refs.refs), str(refs.refs[:5]))
    record("code is folded under 'Show code'", "<details" in page and "Show code" in page
           and "secretCode" in page, "no <details> with the code")
    record("consecutive printed lines form one block", re.search(r"first line\s*\nsecond line", page) is not None,
           "the two stream pieces were not joined")
    record("stderr (library logging) is left out", "SLF4J" not in page, "stderr text found")
    record("remove-cell drops the cell; remove-input keeps the output only",
           "REMOVED CELL OUTPUT" not in page and "dropped()" not in page and "hiddenInput" not in page
           and "kept &lt;output&gt; &amp; escaped" in page, "tags not honoured or output not escaped")

    hidden = os.path.join(scratch, "hidden.html")
    post.export(src, hidden, "hidden")
    text = open(hidden, encoding="utf-8").read()
    record("--code hidden leaves the code out", "secretCode" not in text and "<details" not in text, "code present")

    nb = made_up_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("boom()", outputs=[nbformat.v4.new_output(
        "error", ename="IllegalStateException", evalue="boom", traceback=["\x1b[31mIllegalStateException: boom"])]))
    broken = write(nb, scratch, "broken.ipynb")
    done = subprocess.run([sys.executable, os.path.join(HERE, "post.py"), broken, "--out",
                           os.path.join(scratch, "broken.html")], capture_output=True, text=True)
    record("a notebook with an error is exported, shown in red, and the command exits 1 naming the cell",
           done.returncode == 1 and "code cell 4" in done.stderr and os.path.isfile(os.path.join(scratch, "broken.html"))
           and "\x1b[" not in open(os.path.join(scratch, "broken.html"), encoding="utf-8").read(),
           f"rc={done.returncode} stderr={done.stderr[-300:]}")

    not_nb = os.path.join(scratch, "notes.ipynb")
    with open(not_nb, "w") as f:
        f.write("these are my notes, not JSON")
    done = subprocess.run([sys.executable, os.path.join(HERE, "post.py"), not_nb, "--out",
                           os.path.join(scratch, "notes.html")], capture_output=True, text=True)
    record("a file that is not a notebook gets a clear error and no post",
           done.returncode != 0 and "not a notebook" in done.stderr and not os.path.exists(
               os.path.join(scratch, "notes.html")), f"rc={done.returncode} {done.stderr[-300:]}")


def course(*args, cwd=ROOT):
    env = dict(os.environ)
    jupyter_path = env.get("JUPYTER_PATH", "").split(os.pathsep)[0]
    if jupyter_path and os.path.isdir(os.path.join(jupyter_path, "kernels")):
        # under ./course test: the tests' own kernelspec folder, never the user's installed one
        env.setdefault("DLCOURSE_KERNELS_DIR", os.path.join(jupyter_path, "kernels"))
    return subprocess.run([os.path.join(cwd, "course"), *args], capture_output=True, text=True, env=env, cwd=cwd)


def kernel_tests(scratch):
    for name, images in (("template", 0), ("example", 2)):
        out = os.path.join(scratch, f"{name}.html")
        done = course("post", f"problem-sets/project/{name}.ipynb", "--smoke", "--out", out)
        ok = done.returncode == 0 and os.path.isfile(out)
        page = open(out, encoding="utf-8").read() if ok else ""
        refs = parse(page)
        figures = sum(1 for t, u in refs.refs if t == "img" and u.startswith("data:image/png"))
        record(f"./course post problem-sets/project/{name}.ipynb --smoke runs it and writes one file "
               f"({figures} figures)", ok and figures >= images and "<script" not in page,
               f"rc={done.returncode} figures={figures} output: {(done.stdout + done.stderr)[-800:]}")
        if name == "example":
            record("the example's conclusion is printed by its code (not written in markdown)",
                   "the best learning rate" in page and re.search(r"slope -?\d+\.\d\d", page) is not None
                   and 'class="katex"' in page, "summary sentence or formulas missing")

    # ./course start project, in a scratch copy of the launcher and the project folder
    copy = os.path.join(scratch, "checkout")
    os.makedirs(os.path.join(copy, "problem-sets"))
    os.makedirs(os.path.join(copy, "notebooks"))
    shutil.copy(os.path.join(ROOT, "course"), copy)
    shutil.copytree(os.path.join(ROOT, "problem-sets", "project"), os.path.join(copy, "problem-sets", "project"))
    first = course("start", "project", cwd=copy)
    mine = os.path.join(copy, "workspace", "project", "project.ipynb")
    record("./course start project copies the template and the rubric into workspace/project",
           first.returncode == 0 and os.path.isfile(mine)
           and os.path.isfile(os.path.join(copy, "workspace", "project", "rubric.md"))
           and os.path.islink(os.path.join(copy, "notebooks", "workspace")),
           f"rc={first.returncode} {first.stdout}{first.stderr}")
    with open(mine, "a") as f:
        f.write(" ")  # the student's edit
    before = open(mine).read()
    again = course("start", "project", cwd=copy)
    record("a second ./course start project changes nothing the student wrote",
           again.returncode == 0 and open(mine).read() == before and "nothing was changed" in again.stdout,
           f"rc={again.returncode} {again.stdout}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-kernel", action="store_true", help="only the exporter's own tests")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="dlcourse-post-test-")
    try:
        unit_tests(scratch)
        if not args.no_kernel:
            kernel_tests(scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
