#!/usr/bin/env python3
"""Execute one notebook headless with the course kernel and write the results under build/.

Usage: run_notebook.py NOTEBOOK [--out DIR] [--kernel NAME] [--timeout SECONDS]

Writes DIR/<name>.ipynb (executed) and DIR/<name>.html. On failure prints the failing cell's
source and its error, and exits 1. The environment passes to the kernel untouched: smoke mode is
whatever the library's Smoke class makes of DLCOURSE_SMOKE, and this script asks the kernel for it
(`Smoke.mode()`) rather than parsing the variable itself. The executed notebook's metadata
"dlcourse" records {mode, seconds, ok} for the book (tools/book.py).
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError
from nbclient.util import ensure_async, run_sync
from nbconvert import HTMLExporter


MODE_CODE = "org.dlcourse.Smoke.mode()"
CHECKOUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def foreign_kernel(name):
    """Why the kernelspec `name` that Jupyter finds would not run this checkout's code, or None.

    The course kernel's command line names the checkout it was built in (its jars and sources). Run by
    hand without ./course, Jupyter may find one installed from another clone, which would run that
    clone's library: refuse rather than report another checkout's results as this one's.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        return None  # nbclient reports a missing kernel itself
    if not any("org.dlcourse.kernel" in a for a in spec.argv):
        return None  # not the course kernel: nothing to compare
    homes = {CHECKOUT + os.sep, os.path.realpath(CHECKOUT) + os.sep}
    if any(home in a for a in spec.argv for home in homes):
        return None
    return (f"the '{name}' kernel Jupyter finds ({spec.resource_dir}) was built in another checkout, "
            f"not {CHECKOUT}; run notebooks with: ./course run NOTEBOOK (it installs this checkout's kernel)")


class LessonClient(NotebookClient):
    """nbclient's executor that, before the kernel shuts down, asks it for the mode it ran in."""

    mode = None

    async def async_execute(self, reset_kc=False, **kwargs):
        self.reset_execution_trackers()
        async with self.async_setup_kernel(**kwargs):
            info = await self.async_wait_for_reply(await ensure_async(self.kc.kernel_info()))
            self.nb.metadata["language_info"] = info["content"]["language_info"]
            try:
                for index, cell in enumerate(self.nb.cells):
                    await self.async_execute_cell(cell, index, execution_count=self.code_cells_executed + 1)
            except CellExecutionError:
                self.mode = await self.ask_mode()  # the kernel is idle after a failed cell
                raise
            self.mode = await self.ask_mode()
        return self.nb

    execute = run_sync(async_execute)  # the base class binds its own async_execute here

    async def ask_mode(self):
        """'smoke' or 'full' as the library sees it, or None when the kernel cannot say."""
        probe = nbformat.v4.new_code_cell(MODE_CODE)
        self.nb.cells.append(probe)  # nbclient stores the cell at its index; removed below
        try:
            await self.async_execute_cell(probe, len(self.nb.cells) - 1, store_history=False)
        except Exception:  # noqa: BLE001 - the mode is only reported, never decides anything
            return None
        finally:
            self.nb.cells.pop()  # the probe, appended last
        for output in probe.outputs:
            if output.get("output_type") == "execute_result":
                return output["data"].get("text/plain", "").strip('"')
        return None


def failing_cell(nb):
    """The first code cell whose outputs hold an error, with its index."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return index, cell, output
    return None, None, None


def write_outputs(nb, out_dir, stem):
    os.makedirs(out_dir, exist_ok=True)
    nb_path = os.path.join(out_dir, stem + ".ipynb")
    html_path = os.path.join(out_dir, stem + ".html")
    nbformat.write(nb, nb_path)
    body, _ = HTMLExporter().from_notebook_node(nb)
    with open(html_path, "w", encoding="utf-8") as f:
        f.write(body)
    return nb_path, html_path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("--out", default="build/notebooks")
    parser.add_argument("--kernel", default="dlcourse-java")
    parser.add_argument("--timeout", type=int, default=int(os.environ.get("DLCOURSE_CELL_TIMEOUT", "1800")))
    args = parser.parse_args()

    if not os.path.isfile(args.notebook):
        print(f"error: no notebook at {args.notebook}; list them with: ls notebooks/", file=sys.stderr)
        return 2
    try:
        nb = nbformat.read(args.notebook, as_version=4)
    except Exception as e:  # a corrupt or hand-edited file
        print(f"error: {args.notebook} is not a valid notebook ({e}); restore it with: git checkout -- {args.notebook}",
              file=sys.stderr)
        return 2

    problem = foreign_kernel(args.kernel)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2

    stem = os.path.splitext(os.path.basename(args.notebook))[0]
    client = LessonClient(
        nb,
        kernel_name=args.kernel,
        timeout=args.timeout,
        startup_timeout=120,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.notebook))}},
    )
    started = time.time()
    error = None
    try:
        client.execute()
    except CellExecutionError as e:
        error = e
    except DeadKernelError as e:
        error = e
    except Exception as e:  # kernel could not start, timeout, ...
        error = e
    seconds = time.time() - started
    mode = client.mode or "unknown"
    nb.metadata["dlcourse"] = {"mode": mode, "seconds": round(seconds, 1), "ok": error is None}
    nb_path, html_path = write_outputs(nb, args.out, stem)

    if error is None:
        print(f"ok   {args.notebook} ({mode} mode, {seconds:.1f} s) -> {html_path}")
        return 0

    index, cell, output = failing_cell(nb)
    print(f"FAIL {args.notebook} ({mode} mode, {seconds:.1f} s) -> {html_path}")
    if cell is not None:
        print(f"--- failing cell #{index} ---")
        print(cell.source)
        print("--- error ---")
        print(f"{output.get('ename', '')}: {output.get('evalue', '')}")
        tb = "\n".join(output.get("traceback", []))
        if tb:
            print(tb[-4000:])
    else:
        print(f"--- error ---\n{type(error).__name__}: {str(error)[-4000:]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
