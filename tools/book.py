#!/usr/bin/env python3
"""The course book: a static site of executed notebooks that works offline (file://) and can be
published as-is.

Usage:
  book.py build EXECUTED_DIR --out build/book   one page per DIR/*.ipynb (executed by run_notebook.py)
                                                plus index.html, the lesson table
  book.py check build/book                      every link, script, stylesheet and image resolves
                                                locally; prints PASS/FAIL and 'N passed, N failed'

The pages use nbconvert's 'lab' template without require.js, with MathJax copied from Debian's
libjs-mathjax into build/book/assets/mathjax (no CDN). Images are written next to each page
(<name>_files/). Run time and mode come from the metadata run_notebook.py records; the closing
checks are the lines org.dlcourse.Check printed (PASS ...) or raised (FAILED: ...).
"""
import argparse
import glob
import html
import os
import re
import shutil
import sys
import urllib.parse
from html.parser import HTMLParser

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
MATHJAX_SRC = "/usr/share/javascript/mathjax"  # Debian libjs-mathjax (MathJax 2.7)
# The parts of MathJax that the TeX-AMS_CHTML-full configuration loads, about 1.3 MB of 54 MB.
MATHJAX_PARTS = ["MathJax.js", "config/TeX-AMS_CHTML-full.js", "config/Safe.js", "extensions",
                 "jax/input/TeX", "jax/output/CommonHTML", "jax/element", "fonts/HTML-CSS/TeX/woff"]
MATHJAX_URL = "assets/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"


# ---------------------------------------------------------------- reading an executed notebook


def title_and_description(nb):
    """The first '# ' heading, and one line about the lesson: metadata dlcourse.description, else
    its first two learning goals, else the first sentence of the opening cell's first paragraph."""
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    source = first.source if first is not None else ""
    title = next((line[2:].strip() for line in source.splitlines() if line.startswith("# ")), "untitled")
    description = nb.metadata.get("dlcourse", {}).get("description")
    goals = learning_goals(source)
    if not description and goals:
        description = "; ".join(goals[:2]) + ("; …" if len(goals) > 2 else ".")
    if not description:
        paragraphs = [p for p in source.split("\n\n") if p.strip() and not p.lstrip().startswith("#")]
        description = first_sentence(plain(paragraphs[0])) if paragraphs else ""
    return title, description


def learning_goals(markdown):
    """The bullets after '**Learning goals.**', as plain text without the closing ';' or '.'."""
    part = markdown.split("**Learning goals.**", 1)
    if len(part) < 2:
        return []
    goals = []
    for line in part[1].split("\n\n", 1)[0].splitlines():
        if line.startswith("- "):
            goals.append(line[2:])
        elif goals and line.startswith(" "):
            goals[-1] += " " + line.strip()  # a bullet continued on the next line
    return [plain(g).rstrip(";.") for g in goals]


def plain(markdown):
    """Markdown to one line of plain text (emphasis, code marks and link targets dropped)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*`]", "", text)
    return " ".join(text.split())


def first_sentence(text, limit=200):
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    return sentence if len(sentence) <= limit else sentence[:limit - 1].rstrip() + "…"


def checks(nb):
    """The closing-check lines: [(passed, text)] in the order they ran."""
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if output.get("output_type") == "stream" and output.get("name") == "stdout":
                found += [(True, line[5:]) for line in output.get("text", "").splitlines()
                          if line.startswith("PASS ")]
            elif output.get("output_type") == "error" and output.get("evalue", "").startswith("FAILED: "):
                found.append((False, output["evalue"][8:]))
    return found


def first_error(nb):
    """(code cell number, 'Name: value') of the first error output, or None."""
    number = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        number += 1
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return number, f"{output.get('ename', '')}: {output.get('evalue', '')}".strip()
    return None


class Lesson:
    def __init__(self, path):
        self.nb = nbformat.read(path, as_version=4)
        self.stem = os.path.splitext(os.path.basename(path))[0]
        self.title, self.description = title_and_description(self.nb)
        meta = self.nb.metadata.get("dlcourse", {})
        self.seconds, self.mode, self.ok = meta.get("seconds"), meta.get("mode", "unknown"), meta.get("ok")
        self.checks = checks(self.nb)
        self.error = first_error(self.nb)
        if self.ok is None:  # not run by run_notebook.py: judge by its outputs
            self.ok = self.error is None

    @property
    def page(self):
        return self.stem + ".html"

    def check_summary(self):
        passed = sum(1 for ok, _ in self.checks if ok)
        failed = len(self.checks) - passed
        text = f"{passed} of {len(self.checks)} passed" if self.checks else "no closing checks"
        if not self.ok:
            text += f"; error in code cell {self.error[0]}" if self.error else "; did not finish"
        return text, failed == 0 and self.ok


# ---------------------------------------------------------------- writing the site


def exporter():
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import ExtractOutputPreprocessor
    html_exporter = HTMLExporter(template_name="book", extra_template_basedirs=[os.path.join(HERE, "book_template")])
    html_exporter.mathjax_url = MATHJAX_URL
    html_exporter.register_preprocessor(ExtractOutputPreprocessor(extract_output_types={"image/png", "image/jpeg",
                                                                                        "image/svg+xml"}),
                                        enabled=True)
    return html_exporter


def write_page(lesson, out, html_exporter, lessons):
    files_dir = lesson.stem + "_files"
    resources = {"output_files_dir": files_dir, "unique_key": "output",
                 "metadata": {"name": lesson.title},
                 "book": {"nav": navigation(lesson, lessons), "summary": summary_box(lesson)}}
    body, resources = html_exporter.from_notebook_node(lesson.nb, resources=resources)
    shutil.rmtree(os.path.join(out, files_dir), ignore_errors=True)
    for name, data in resources.get("outputs", {}).items():
        target = os.path.join(out, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(data)
    with open(os.path.join(out, lesson.page), "w", encoding="utf-8") as f:
        f.write(body)


def navigation(lesson, lessons):
    index = lessons.index(lesson)
    links = ['<a href="index.html">All lessons</a>']
    if index > 0:
        links.append(f'<a href="{lessons[index - 1].page}">← {html.escape(lessons[index - 1].title)}</a>')
    if index + 1 < len(lessons):
        links.append(f'<a href="{lessons[index + 1].page}">{html.escape(lessons[index + 1].title)} →</a>')
    return " · ".join(links)


def summary_box(lesson):
    text, good = lesson.check_summary()
    lines = "".join(f'<li class="{"pass" if ok else "fail"}">{"PASS" if ok else "FAILED"} {html.escape(t)}</li>'
                    for ok, t in lesson.checks)
    error = ""
    if lesson.error and not any(not ok for ok, _ in lesson.checks):
        error = f'<p class="fail">Code cell {lesson.error[0]} failed: {html.escape(lesson.error[1])}</p>'
    return (f'<p>Executed in <b>{html.escape(lesson.mode)}</b> mode in {run_time(lesson)}. '
            f'Closing checks: <b class="{"pass" if good else "fail"}">{html.escape(text)}</b>.</p>'
            f'{error}<ul class="checks">{lines}</ul>')


def run_time(lesson):
    return f"{lesson.seconds:.0f} s" if isinstance(lesson.seconds, (int, float)) else "unknown time"


INDEX = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Deep learning in Java: the lessons</title>
<style>
body {{ font-family: sans-serif; max-width: 70em; margin: 2em auto; padding: 0 1em; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; vertical-align: top; padding: 0.5em; border-bottom: 1px solid #ddd; }}
td.num {{ text-align: right; white-space: nowrap; }}
.pass {{ color: #1a7f37; }} .fail {{ color: #c62828; }}
</style>
</head>
<body>
<h1>Deep learning in Java: the lessons</h1>
<p>Every lesson below was executed from top to bottom; each page shows its code, printed results and
figures exactly as they came out. Modes: {modes}. To run them yourself: <code>./course lab</code>.</p>
<table>
<tr><th>Lesson</th><th>You learn to</th><th>Run time</th><th>Closing checks</th></tr>
{rows}
</table>
<p>{total}</p>
</body>
</html>
"""


def write_index(lessons, out):
    rows = []
    for lesson in lessons:
        text, good = lesson.check_summary()
        rows.append(f'<tr><td><a href="{lesson.page}">{html.escape(lesson.title)}</a></td>'
                    f'<td>{html.escape(lesson.description)}</td><td class="num">{run_time(lesson)}</td>'
                    f'<td class="{"pass" if good else "fail"}">{html.escape(text)}</td></tr>')
    seconds = sum(lesson.seconds or 0 for lesson in lessons)
    passed = sum(1 for lesson in lessons for ok, _ in lesson.checks if ok)
    count = sum(len(lesson.checks) for lesson in lessons)
    total = f"{len(lessons)} lessons, {seconds:.0f} s in total; {passed} of {count} closing checks passed."
    modes = ", ".join(sorted({lesson.mode for lesson in lessons})) or "none"
    with open(os.path.join(out, "index.html"), "w", encoding="utf-8") as f:
        f.write(INDEX.format(rows="\n".join(rows), total=html.escape(total), modes=html.escape(modes)))


def copy_mathjax(out):
    if not os.path.isfile(os.path.join(MATHJAX_SRC, "MathJax.js")):
        raise SystemExit(f"error: MathJax is missing ({MATHJAX_SRC}); install it: sudo apt-get install -y libjs-mathjax")
    target = os.path.join(out, "assets", "mathjax")
    shutil.rmtree(target, ignore_errors=True)
    for part in MATHJAX_PARTS:
        src, dst = os.path.join(MATHJAX_SRC, part), os.path.join(target, part)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        # Debian links some files to other packages' folders: copy the content, not the link.
        (shutil.copytree if os.path.isdir(src) else shutil.copyfile)(src, dst)


def build(executed_dir, out):
    paths = sorted(glob.glob(os.path.join(executed_dir, "*.ipynb")))
    if not paths:
        print(f"error: no executed notebooks in {executed_dir}; run ./course book (or ./course test) first",
              file=sys.stderr)
        return 2
    os.makedirs(out, exist_ok=True)
    for stale in glob.glob(os.path.join(out, "*.html")) + glob.glob(os.path.join(out, "*_files")):
        shutil.rmtree(stale) if os.path.isdir(stale) else os.remove(stale)  # pages of renamed notebooks
    lessons = [Lesson(p) for p in paths]
    html_exporter = exporter()
    for lesson in lessons:
        write_page(lesson, out, html_exporter, lessons)
    write_index(lessons, out)
    copy_mathjax(out)
    print(f"book: {len(lessons)} pages -> {os.path.join(out, 'index.html')}")
    return 0


# ---------------------------------------------------------------- checking the site


class References(HTMLParser):
    """Collects (tag, attribute, url) of every link, script, stylesheet and image of a page."""

    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for attribute in ("href", "src"):
            if attrs.get(attribute):
                self.refs.append((tag, attribute, attrs[attribute]))


def check(book):
    results = []

    def record(name, ok, reason=""):
        results.append(ok)
        print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + reason), flush=True)

    pages = sorted(glob.glob(os.path.join(book, "*.html")))
    record("the book has an index page and lesson pages", os.path.join(book, "index.html") in pages and len(pages) > 1,
           f"pages: {[os.path.basename(p) for p in pages]}")
    for page in pages:
        broken, remote, images, external_links = [], [], 0, 0
        parser = References()
        with open(page, encoding="utf-8") as f:
            parser.feed(f.read())
        for tag, attribute, url in parser.refs:
            parsed = urllib.parse.urlparse(url)
            if parsed.scheme in ("http", "https") or url.startswith("//"):
                if tag == "a":
                    external_links += 1  # a citation the reader may follow; the page does not need it
                else:
                    remote.append(url)
                continue
            if parsed.scheme in ("data", "mailto") or url.startswith("#"):
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(page), urllib.parse.unquote(parsed.path)))
            if not os.path.isfile(target) or os.path.getsize(target) == 0:
                broken.append(url)
            elif tag == "img":
                images += 1
        name = os.path.basename(page)
        record(f"{name}: every link, script and image resolves in the book "
               f"({len(parser.refs) - external_links} local, {images} images, {external_links} external links)",
               not broken and not remote,
               f"missing: {broken[:5]}; loaded from the network: {remote[:5]}")
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("executed_dir")
    b.add_argument("--out", default="build/book")
    c = sub.add_parser("check")
    c.add_argument("book")
    args = parser.parse_args()
    return build(args.executed_dir, args.out) if args.command == "build" else check(args.book)


if __name__ == "__main__":
    sys.exit(main())
