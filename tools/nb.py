#!/usr/bin/env python3
"""Convert a notebook between .ipynb and a plain 'percent' script for reviewing and authoring.

Usage:
  nb.py to-ipynb SCRIPT.java.txt NOTEBOOK.ipynb   cells start with '//%% md' (markdown) or '//%%' (code)
  nb.py to-script NOTEBOOK.ipynb                  prints the script form

The .ipynb file in notebooks/ is the source of truth; the script form is only a convenience.
"""
import sys

import nbformat

KERNELSPEC = {"name": "dlcourse-java", "display_name": "Java (DL course)", "language": "java"}
LANGUAGE = {"name": "java", "file_extension": ".jshell", "mimetype": "text/x-java-source",
            "codemirror_mode": "java"}


def to_ipynb(script, target):
    cells, kind, lines = [], None, []

    def flush():
        if kind is None:
            return
        text = "\n".join(lines).strip("\n")
        if kind == "md":
            text = "\n".join(l[3:] if l.startswith("// ") else l.lstrip("/") for l in text.splitlines())
            cells.append(nbformat.v4.new_markdown_cell(text))
        else:
            cells.append(nbformat.v4.new_code_cell(text))

    for line in open(script, encoding="utf-8").read().splitlines():
        if line.startswith("//%%"):
            flush()
            kind, lines = ("md" if line[4:].strip() == "md" else "code"), []
        else:
            lines.append(line)
    flush()
    for index, cell in enumerate(cells):
        cell["id"] = f"cell-{index:02d}"  # stable ids keep notebook diffs small
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata["language_info"] = LANGUAGE
    nbformat.write(nb, target)


def to_script(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            print("//%% md")
            print("\n".join("// " + l if l else "//" for l in cell.source.splitlines()))
        else:
            print("//%%")
            print(cell.source)
        print()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "to-ipynb":
        to_ipynb(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "to-script":
        to_script(sys.argv[2])
    else:
        print(__doc__)
        sys.exit(2)
