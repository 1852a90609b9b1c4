#!/usr/bin/env python3
"""The student's loop with a released problem set, end to end through `./course lab`.

release (instructor) -> the student has only the zip -> `./course start NAME --from ZIP` ->
`./course lab` serves workspace/NAME beside the lessons -> the notebook calls the student's code ->
the student edits the .java file (saved through the lab's contents API, as the browser's editor
does) -> re-running the cell runs the new code, no restart -> Grader.check passes on exactly that
code -> `./course submit` zips exactly those bytes and prints the public score. Student commands
never reach the instructor source.

Usage: student_loop_test.py   (run from the repository root; ./course test runs it)
Uses a problem-set folder with a unique name under workspace/ and removes it afterwards, so a
student's own workspace is never touched. Prints PASS/FAIL lines and 'N passed, N failed' last.
"""
import asyncio
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kernel_messages import execute_ws as execute  # noqa: E402  (the one iopub helper)
from lab_server import LabServer, api, summarise  # noqa: E402  (./course lab on its own port and folders)

from tornado.websocket import websocket_connect  # noqa: E402

results = []
PKG = "src/main/java/org/dlcourse/ps/sample/"
RELU = """    double[] out = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      out[i] = Math.max(0, z[i]);
    }
    return out;"""


def record(name, ok, reason=""):
    results.append((name, ok))
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + str(reason)[:600]), flush=True)


def course(*args, env=None):
    p = subprocess.run(["./course", *args], capture_output=True, text=True, env=env)
    return p.returncode, p.stdout + p.stderr


def text_of(messages):
    out = []
    for m in messages:
        c = m["content"]
        if m["msg_type"] == "stream":
            out.append(c.get("text", ""))
        elif m["msg_type"] in ("execute_result", "display_data"):
            out.append(c["data"].get("text/plain", ""))
        elif m["msg_type"] == "error":
            out.append(c["ename"] + ": " + c["evalue"] + "\n" + "\n".join(c["traceback"]))
    return "\n".join(out)


def save(base, token, path, text):
    """What the browser's text editor does on Ctrl-S."""
    api(base, token, "PUT", f"/api/contents/{path}", {"type": "file", "format": "text", "content": text})


async def notebook_loop(base, token, kernel_id, name, stub):
    ws = await websocket_connect(base.replace("http", "ws") + f"/api/kernels/{kernel_id}/channels?token={token}")
    session = uuid.uuid4().hex
    java = f"workspace/{name}/{PKG}Activations.java"
    try:
        await execute(ws, session, "import org.dlcourse.grading.Grader;\nimport org.dlcourse.ps.sample.*;")
        reply, messages = await execute(ws, session, "Activations.relu(new double[] {-2, 3})")
        record("the notebook calls the student's released stub",
               reply["status"] == "error" and "not implemented yet" in text_of(messages), text_of(messages))
        reply, messages = await execute(ws, session, 'Grader.check("q1")', timeout=180)
        record("Grader.check fails on the stub", "q1: 0 / 1" in text_of(messages), text_of(messages))

        implemented = stub.replace('    throw new UnsupportedOperationException("Activations.relu is not implemented yet");', RELU)
        assert implemented != stub, "the stub's relu line changed; update this test"
        save(base, token, java, implemented)
        reply, messages = await execute(ws, session, "Activations.relu(new double[] {-2, 3})")
        record("after saving the file, re-running the cell runs the new code (no restart)",
               reply["status"] == "ok" and "[0.0, 3.0]" in text_of(messages), text_of(messages))
        reply, messages = await execute(ws, session, 'Grader.check("q1")', timeout=180)
        record("Grader.check passes on exactly that code", "q1: 1 / 1" in text_of(messages), text_of(messages))

        save(base, token, java, implemented.replace("return out;", "return out"))
        reply, messages = await execute(ws, session, "Activations.relu(new double[] {-2, 3})")
        shown = text_of(messages)
        record("a compile error shows the student's javac message only",
               reply["status"] == "error" and "Activations.java:" in shown and "';' expected" in shown
               and "Autograder" not in shown and "at org.dlcourse" not in shown, shown)
        save(base, token, java, implemented)
        reply, messages = await execute(ws, session, "Grader.checkAll()", timeout=180)
        record("Grader.checkAll shows the public total", "public tests: 1 / 5 points" in text_of(messages),
               text_of(messages))
        return implemented
    finally:
        ws.close()


def main():
    name = "looptest-" + secrets.token_hex(4)
    scratch = tempfile.mkdtemp(prefix="dlcourse-student-loop-")
    workspace = os.path.abspath("workspace")
    had_workspace, had_link = os.path.isdir(workspace), os.path.lexists("notebooks/workspace")
    lab = LabServer(scratch)
    env = lab.env
    try:
        status, out = course("release", "sample", env=env)
        zip_path = os.path.join(scratch, "sample.zip")  # all the student has
        shutil.copy("build/release/sample.zip", zip_path)
        status, out = course("start", name, "--from", zip_path, env=env)
        copy = os.path.join(workspace, name)
        record("./course start sets up workspace/NAME from the zip", status == 0 and os.path.isfile(
            os.path.join(copy, "sample.ipynb")), out)
        leaked = [os.path.join(d, f) for d, _, fs in os.walk(copy) for f in fs
                  if "BEGIN SOLUTION" in open(os.path.join(d, f), errors="replace").read()]
        record("the student's copy has no solution and no hidden tests",
               not leaked and not os.path.exists(os.path.join(copy, "tests/hidden")), leaked)
        status, out = course("check", "sample", "--dir", "problem-sets/sample", env=env)
        record("a student command refuses the instructor source", status != 0 and "./course start sample" in out, out)

        lab.start()
        listing = lab.api("GET", f"/api/contents/workspace/{name}")
        names = [c["name"] for c in listing["content"]]
        lessons = lab.api("GET", "/api/contents")
        record("the lab serves workspace/NAME beside the lessons", "sample.ipynb" in names and any(
            c["name"] == "00-setup.ipynb" for c in lessons["content"]), names)
        edit = lab.api("GET", "/api/config/edit").get("Editor", {}).get("codemirror_options", {})
        cells = lab.api("GET", "/api/config/notebook").get("CodeCell", {}).get("cm_config", {})
        record("the lab's editors indent by 2 spaces like the course's Java",
               edit.get("indentUnit") == 2 and cells.get("indentUnit") == 2, (edit, cells))
        with open(os.path.join(copy, PKG, "Activations.java")) as f:
            stub = f.read()
        session = lab.api("POST", "/api/sessions", {
            "path": f"workspace/{name}/sample.ipynb", "type": "notebook", "kernel": {"name": "dlcourse-java"}})
        try:
            implemented = asyncio.run(notebook_loop(lab.base, lab.token, session["kernel"]["id"], name, stub))
        finally:
            lab.api("DELETE", f"/api/sessions/{session['id']}")

        status, out = course("submit", name, "--student", "looptest", env=env)
        zip_out = os.path.join(workspace, "submissions", f"{name}-looptest.zip")
        record("./course submit writes the zip into the workspace and prints the public score",
               status == 0 and os.path.isfile(zip_out) and "public tests: 1 / 5 points" in out, out)
        if os.path.isfile(zip_out):
            import zipfile
            with zipfile.ZipFile(zip_out) as z:
                packed = z.read(PKG + "Activations.java").decode()
            record("the submission holds exactly the code the notebook ran", packed == implemented,
                   "the zipped Activations.java differs from the saved one")
            record("the submission zip is readable by the instructor (0644)",
                   oct(os.stat(zip_out).st_mode & 0o777) == "0o644", oct(os.stat(zip_out).st_mode))
    except Exception as e:  # noqa: BLE001 - reported as a failure, cleanup still runs
        record("the student loop runs to the end", False, repr(e))
    finally:
        lab.stop()
        shutil.rmtree(os.path.join(workspace, name), ignore_errors=True)
        sub = os.path.join(workspace, "submissions", f"{name}-looptest.zip")
        if os.path.exists(sub):
            os.remove(sub)
        if not had_workspace:
            shutil.rmtree(workspace, ignore_errors=True)
        if not had_link and os.path.islink("notebooks/workspace"):
            os.remove("notebooks/workspace")
    return summarise(results, scratch)


if __name__ == "__main__":
    sys.exit(main())
