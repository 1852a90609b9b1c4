#!/usr/bin/env python3
"""End-to-end test of `./course lab`: the server starts, opens a notebook with the course kernel, and
runs cells over the same REST + websocket API the browser uses.

Usage: lab_test.py   (run from the repository root; ./course test runs it)
Prints PASS/FAIL lines and ends with 'N passed, N failed'. Uses its own port, token, Jupyter
runtime folder and kernelspec folder, so a lab the user has open is not touched.
"""
import asyncio
import sys
import tempfile
import urllib.error
import urllib.request
import uuid

from tornado.websocket import websocket_connect

from kernel_messages import execute_ws
from lab_server import LabServer, summarise

results = []


def record(name, ok, reason=""):
    results.append((name, ok))
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + reason), flush=True)


async def run_cells(base, token, kernel_id):
    ws_url = base.replace("http", "ws") + f"/api/kernels/{kernel_id}/channels?token={token}"
    ws = await websocket_connect(ws_url)
    session = uuid.uuid4().hex
    try:
        reply, messages = await execute_ws(ws, session, "import org.dlcourse.*;\nCourse.info()")
        text = [m["content"]["data"].get("text/plain", "") for m in messages if m["msg_type"] == "execute_result"]
        record("a cell runs in the browser's kernel and shows its value",
               reply["status"] == "ok" and text and "ND4J" in text[0], f"reply {reply}, results {text}")
        reply, messages = await execute_ws(
            ws, session, 'org.dlcourse.plot.Plots.line("y = x", "x", "y", new double[] {0, 1}, new double[] {0, 1})')
        images = [m for m in messages if m["msg_type"] == "execute_result" and "image/png" in m["content"]["data"]]
        record("a plot reaches the browser as a PNG", reply["status"] == "ok" and len(images) == 1,
               f"reply {reply.get('status')}, {len(images)} images")
        reply, messages = await execute_ws(ws, session, 'System.out.println("streamed"); int x = 1 / 0;')
        streams = "".join(m["content"].get("text", "") for m in messages if m["msg_type"] == "stream")
        errors = [m for m in messages if m["msg_type"] == "error"]
        record("printed output and an exception reach the browser",
               "streamed" in streams and reply["status"] == "error" and errors
               and errors[0]["content"]["ename"].endswith("ArithmeticException"),
               f"streams {streams!r}, errors {[e['content'].get('ename') for e in errors]}")
    finally:
        ws.close()


def main():
    scratch = tempfile.mkdtemp(prefix="dlcourse-lab-test-")
    lab = LabServer(scratch)
    try:
        up = lab.start()
        record("./course lab serves on 127.0.0.1 with a token", up,
               f"no answer on {lab.base} (exit {lab.process.poll()}); see {lab.log_path}")
        if up:
            specs = lab.api("GET", "/api/kernelspecs")["kernelspecs"]
            display = specs.get("dlcourse-java", {}).get("spec", {}).get("display_name")
            record('the server offers the kernel "Java (DL course)"', display == "Java (DL course)",
                   f"kernelspecs: {list(specs)}")
            try:
                anonymous = urllib.request.urlopen(f"{lab.base}/api/contents", timeout=10).status
            except urllib.error.HTTPError as e:
                anonymous = e.code
            record("the server refuses requests without the token", anonymous == 403, f"status {anonymous}")
            session = lab.api("POST", "/api/sessions",
                              {"path": "00-setup.ipynb", "type": "notebook", "kernel": {"name": "dlcourse-java"}})
            try:
                asyncio.run(run_cells(lab.base, lab.token, session["kernel"]["id"]))
            except Exception as e:
                record("cells run over the browser's websocket", False, repr(e))
            finally:
                lab.api("DELETE", f"/api/sessions/{session['id']}")
    finally:
        lab.stop()
    return summarise(results, scratch)


if __name__ == "__main__":
    sys.exit(main())
