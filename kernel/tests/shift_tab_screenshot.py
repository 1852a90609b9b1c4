"""Manual check: Shift-Tab in the real classic notebook, screenshotted by headless Chromium.

    JUPYTER_PATH=build/jp /usr/bin/python3 kernel/tests/shift_tab_screenshot.py OUT.png [PORT]

Starts `jupyter notebook` (classic UI) on 127.0.0.1:PORT in a temporary folder with a notebook of two
cells (an import; `MultiLayerNetwork net = null;` and `net.fit(`), runs the first, puts the cursor
after `net.fit(`, presses Shift-Tab through the Chrome DevTools protocol (a real key event), waits
for the tooltip and saves a screenshot. Prints the tooltip's text; exits 1 if none appeared.
Needs /usr/bin/chromium and the kernelspec "dlcourse-java" where JUPYTER_PATH points.
"""

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request

from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect

OUT = sys.argv[1] if len(sys.argv) > 1 else "shift-tab.png"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 8931
CDP_PORT = PORT + 1
TOKEN = secrets.token_hex(16)
CELLS = [
    "import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;",
    "MultiLayerNetwork net = null;\nnet.fit(",
]


def notebook(folder):
    nb = {
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                   "source": c} for c in CELLS],
        "metadata": {"kernelspec": {"name": "dlcourse-java", "display_name": "Java (DL course)",
                                    "language": "java"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    with open(os.path.join(folder, "shift-tab.ipynb"), "w") as f:
        json.dump(nb, f)


def wait_http(url, seconds):
    end = time.time() + seconds
    while time.time() < end:
        try:
            return urllib.request.urlopen(url, timeout=2).read()
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"nothing answered at {url} within {seconds} s")


async def drive():
    targets = json.loads(wait_http(f"http://127.0.0.1:{CDP_PORT}/json", 60))
    page = next(t for t in targets if t["type"] == "page")
    ws = await websocket_connect(page["webSocketDebuggerUrl"], max_message_size=64 << 20)
    ids = iter(range(1, 1 << 30))

    async def call(method, **params):
        msg_id = next(ids)
        ws.write_message(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            reply = json.loads(await ws.read_message())
            if reply.get("id") == msg_id:
                return reply.get("result", {})

    async def js(expr):
        result = await call("Runtime.evaluate", expression=expr, returnByValue=True)
        return result.get("result", {}).get("value")

    await call("Emulation.setDeviceMetricsOverride", width=1200, height=800, deviceScaleFactor=1,
               mobile=False)
    await call("Page.navigate",
               url=f"http://127.0.0.1:{PORT}/notebooks/shift-tab.ipynb?token={TOKEN}")
    for _ in range(240):  # the kernel starts and reports idle
        if await js("!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel"
                    " && Jupyter.notebook.kernel.is_connected())"):
            break
        time.sleep(0.5)
    await js("Jupyter.notebook.execute_cells([0])")
    for _ in range(240):
        if await js("Jupyter.notebook.get_cell(0).get_text() && "
                    "Jupyter.notebook.get_cell(0).input_prompt_number > 0"):
            break
        time.sleep(0.5)
    await js("(function(){var c = Jupyter.notebook.get_cell(1); Jupyter.notebook.select(1);"
             " c.edit_mode(); c.code_mirror.focus(); c.code_mirror.setCursor({line: 1, ch: 8});})()")
    for kind in ("rawKeyDown", "keyUp"):
        await call("Input.dispatchKeyEvent", type=kind, key="Tab", code="Tab",
                   windowsVirtualKeyCode=9, nativeVirtualKeyCode=9, modifiers=8)
    text = ""
    for _ in range(360):  # Javadoc from sources can take seconds on a busy machine
        text = await js("(function(){var t = document.getElementById('tooltip');"
                        " return t && t.offsetParent !== null ? t.innerText : '';})()") or ""
        if text.strip():
            break
        time.sleep(0.5)
    time.sleep(1)
    shot = await call("Page.captureScreenshot", format="png")
    import base64
    with open(OUT, "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    return text


def main():
    folder = tempfile.mkdtemp(prefix="shift-tab-")
    notebook(folder)
    server = subprocess.Popen(
        ["/usr/bin/jupyter", "notebook", "--no-browser", "--allow-root", f"--port={PORT}", "--ip=127.0.0.1",
         f"--NotebookApp.token={TOKEN}", f"--notebook-dir={folder}"],
        stdout=subprocess.DEVNULL, stderr=open(os.path.join(folder, "server.log"), "w"),
        env=dict(os.environ, DLCOURSE_KERNEL_HISTORY="off"))
    browser = None
    try:
        wait_http(f"http://127.0.0.1:{PORT}/api?token={TOKEN}", 60)
        browser = subprocess.Popen(
            ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
             f"--remote-debugging-port={CDP_PORT}", f"--user-data-dir={folder}/chrome",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        text = IOLoop.current().run_sync(drive, timeout=600)
    finally:
        if browser:
            browser.terminate()
        server.terminate()
        server.wait(30)
    print(text)
    print(f"screenshot: {OUT}")
    return 0 if text.strip() else 1


if __name__ == "__main__":
    sys.exit(main())
