#!/usr/bin/env python3
"""Export an executed notebook as one self-contained HTML blog post (./course post).

Usage: post.py EXECUTED.ipynb --out POST.html [--code folded|hidden|shown]

The post is a single file a student can publish anywhere or open offline from file://:
- markdown rendered; LaTeX ($…$, $$…$$, \\(…\\), \\[…\\]) rendered to HTML by KaTeX at export time
  (tools/post/render_math.js, katex from npm), its fonts embedded as data: URIs, so no script runs
  and nothing loads from the network;
- code folded under "Show code" by default (--code hidden drops it, --code shown prints it);
- figures (PNG/JPEG/SVG) inline; printed text kept; stderr (library logging) dropped;
- cell tags as in Jupyter Book: remove-cell, remove-input, remove-output.

A notebook with an error output is still written (the error shows in red where it happened), but
the command names the cell and exits 1, so an unfinished post is never published by accident.
"""
import argparse
import base64
import html
import json
import os
import re
import subprocess
import sys

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
KATEX_DIR = os.path.join(HERE, "post", "node_modules", "katex", "dist")
RENDER_MATH = os.path.join(HERE, "post", "render_math.js")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# Math in markdown text, in the order tried: display forms first so "$$" is never read as two "$".
MATH = re.compile(
    r"\$\$(?P<d1>.+?)\$\$"  # $$ … $$ (may span lines)
    r"|\\\[(?P<d2>.+?)\\\]"  # \[ … \]
    r"|\\\((?P<i1>.+?)\\\)"  # \( … \)
    r"|(?<![\\$\w])\$(?P<i2>[^\s$](?:[^$\n]*?[^\s$\\])?)\$(?!\d)",  # $x$: no space inside the $s
    re.S)
# Code in markdown, never searched for math: fenced blocks and `inline code`.
CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]+`)", re.S)


class Post:
    """Collects the formulas of a notebook, renders them in one node call, fills them in."""

    def __init__(self):
        self.formulas = []  # [{"tex": str, "display": bool}]

    def protect_math(self, markdown):
        """Markdown with each formula replaced by a placeholder that markdown leaves alone."""
        parts = CODE.split(markdown)
        for i in range(0, len(parts), 2):  # even parts are text, odd parts are code
            parts[i] = MATH.sub(self._placeholder, parts[i])
        return "".join(parts)

    def _placeholder(self, match):
        display = match.group("d1") is not None or match.group("d2") is not None
        tex = next(g for g in match.group("d1", "d2", "i1", "i2") if g is not None)
        self.formulas.append({"tex": tex.strip(), "display": display})
        return f"KATEXPLACEHOLDER{len(self.formulas) - 1}X"

    def fill_math(self, page):
        if not self.formulas:
            return page
        rendered = render_math(self.formulas)
        return re.sub(r"KATEXPLACEHOLDER(\d+)X", lambda m: rendered[int(m.group(1))], page)


def render_math(formulas):
    if not os.path.isfile(os.path.join(KATEX_DIR, "katex.min.js")):
        raise SystemExit("error: KaTeX is missing (tools/post/node_modules); install it: "
                         "(cd tools/post && npm ci) — ./course post does this on its first run")
    done = subprocess.run(["node", RENDER_MATH], input=json.dumps(formulas), capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"error: rendering the formulas failed: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout)


def katex_css():
    """KaTeX's stylesheet with its woff2 fonts embedded (the woff/ttf fallbacks dropped)."""
    with open(os.path.join(KATEX_DIR, "katex.min.css"), encoding="utf-8") as f:
        css = f.read()

    def embed(match):
        with open(os.path.join(KATEX_DIR, "fonts", match.group(1)), "rb") as font:
            data = base64.b64encode(font.read()).decode("ascii")
        return f'src:url(data:font/woff2;base64,{data}) format("woff2")'

    return re.sub(r'src:url\(fonts/([\w-]+\.woff2)\) format\("woff2"\)(?:,url\([^)]*\) format\("[a-z]+"\))*',
                  embed, css)


def tags(cell):
    return set(cell.get("metadata", {}).get("tags", []))


def code_html(source, mode):
    if mode == "hidden" or not source.strip():
        return ""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import JavaLexer
    block = highlight(source, JavaLexer(), HtmlFormatter(noclasses=True, nowrap=False, style="friendly"))
    if mode == "shown":
        return f'<div class="code">{block}</div>'
    return f'<details class="code"><summary>Show code</summary>{block}</details>'


def output_html(output):
    kind = output.get("output_type")
    if kind == "stream":
        if output.get("name") == "stderr":
            return ""  # logging of the libraries, not part of the story
        return f'<pre class="out">{html.escape(ANSI.sub("", output.get("text", "")))}</pre>'
    if kind == "error":
        text = ANSI.sub("", "\n".join(output.get("traceback", [])) or f"{output.get('ename')}: {output.get('evalue')}")
        return f'<pre class="error">{html.escape(text)}</pre>'
    data = output.get("data", {})
    for mime in ("image/png", "image/jpeg"):
        if mime in data:
            payload = "".join(data[mime].split())
            return f'<figure><img alt="figure" src="data:{mime};base64,{payload}"></figure>'
    if "image/svg+xml" in data:
        return f'<figure>{data["image/svg+xml"]}</figure>'
    if "text/html" in data:
        return f'<div class="out">{data["text/html"]}</div>'
    if "text/plain" in data:
        return f'<pre class="out">{html.escape(ANSI.sub("", data["text/plain"]))}</pre>'
    return ""


def merged_streams(outputs):
    """The outputs with consecutive pieces of the same stream joined (a kernel sends text in pieces)."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
            merged[-1] = dict(previous, text=previous.get("text", "") + output.get("text", ""))
        else:
            merged.append(output)
    return merged


def title_of(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if match:
                return re.sub(r"[*`$]", "", match.group(1)).strip()
    return fallback


def body(nb, post, code_mode):
    from nbconvert.filters.markdown import markdown2html
    parts, errors, number = [], [], 0
    for cell in nb.cells:
        t = tags(cell)
        number += cell.cell_type == "code"  # as the notebook counts its code cells, removed ones too
        if "remove-cell" in t:
            continue
        if cell.cell_type == "markdown":
            parts.append(f'<section class="text">{markdown2html(post.protect_math(cell.source))}</section>')
        elif cell.cell_type == "code":
            if "remove-input" not in t:
                parts.append(code_html(cell.source, code_mode))
            if "remove-output" not in t:
                for output in merged_streams(cell.get("outputs", [])):
                    parts.append(output_html(output))
                    if output.get("output_type") == "error":
                        errors.append((number, f"{output.get('ename', '')}: {output.get('evalue', '')}"))
    return "\n".join(p for p in parts if p), errors


STYLE = """
body{margin:0;background:#fff;color:#1f2328;font:17px/1.6 Georgia,"DejaVu Serif",serif}
main{max-width:46rem;margin:2.5rem auto;padding:0 1.2rem}
h1,h2,h3{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;line-height:1.25}
h1{font-size:2rem;margin-top:0}
a.anchor-link{display:none}
pre,code{font:13.5px/1.45 "DejaVu Sans Mono",Menlo,monospace}
pre.out{background:#f6f8fa;padding:.6rem .8rem;white-space:pre-wrap;border-radius:4px}
pre.error{background:#ffebe9;color:#82071e;padding:.6rem .8rem;white-space:pre-wrap;border-radius:4px}
details.code,div.code{margin:.6rem 0}
details.code summary{cursor:pointer;color:#57606a;font:14px "DejaVu Sans",Helvetica,Arial,sans-serif}
details.code pre,div.code pre{background:#f6f8fa!important;padding:.6rem .8rem;overflow-x:auto;border-radius:4px}
figure{margin:1rem 0;text-align:center}
figure img,figure svg{max-width:100%;height:auto}
table{border-collapse:collapse;margin:1rem 0}
td,th{border:1px solid #d0d7de;padding:.25rem .6rem}
blockquote{color:#57606a;border-left:3px solid #d0d7de;margin-left:0;padding-left:1rem}
.katex-display{overflow-x:auto;overflow-y:hidden}
footer{color:#57606a;font-size:14px;margin-top:3rem;border-top:1px solid #d0d7de;padding-top:.6rem}
"""


def export(notebook, out, code_mode="folded"):
    """Writes the post; returns the list of (code cell number, error) found in the notebook."""
    nb = nbformat.read(notebook, as_version=4)
    post = Post()
    main_html, errors = body(nb, post, code_mode)
    main_html = post.fill_math(main_html)
    css = katex_css() if post.formulas else ""
    title = title_of(nb, os.path.splitext(os.path.basename(notebook))[0])
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{html.escape(title)}</title><style>{css}{STYLE}</style></head>\n'
            f'<body><main>\n{main_html}\n<footer>Written as a Jupyter notebook in Java with the course '
            f'library; exported with <code>./course post</code>.</footer></main></body></html>\n')
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(page)
    os.replace(tmp, out)
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("--out", required=True)
    parser.add_argument("--code", choices=["folded", "hidden", "shown"], default="folded")
    args = parser.parse_args()
    if not os.path.isfile(args.notebook):
        raise SystemExit(f"error: no notebook at {args.notebook}")
    try:
        errors = export(args.notebook, args.out, args.code)
    except nbformat.reader.NotJSONError as e:
        raise SystemExit(f"error: {args.notebook} is not a notebook (not JSON): {e}")
    print(f"The post: file://{os.path.abspath(args.out)} ({os.path.getsize(args.out) // 1024} KB, one file)")
    if errors:
        for number, text in errors:
            print(f"error: code cell {number} ended with {text}; the post shows it — fix the cell "
                  f"(or tag it remove-cell) and export again", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
