"""`./course lab` for a test: its own port, token, Jupyter runtime, kernelspec and config folders
(under a scratch folder), so a lab the user has open and the user's settings are never touched.

    lab = LabServer(scratch)           # lab.env: the environment for other ./course commands too
    if lab.start():                    # waits until the server answers (up to 300 s)
        lab.api("GET", "/api/kernelspecs")
    lab.stop()                         # always, e.g. in a finally block

Used by lab_test.py and student_loop_test.py.
"""
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base, token, method, path, body=None):
    """One call of the Jupyter REST API, as the browser makes it; returns the decoded JSON."""
    request = urllib.request.Request(
        f"{base}{path}", method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


class LabServer:
    def __init__(self, scratch):
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        inherited = os.environ.get("JUPYTER_PATH")
        self.env = dict(os.environ, DLCOURSE_PORT=str(self.port),
                        JUPYTER_RUNTIME_DIR=os.path.join(scratch, "runtime"),
                        DLCOURSE_KERNELS_DIR=os.path.join(scratch, "kernels"),
                        JUPYTER_CONFIG_DIR=os.path.join(scratch, "config"),  # not the user's own settings
                        JUPYTER_PATH=scratch + (":" + inherited if inherited else ""))
        self.log_path = os.path.join(scratch, "lab.log")
        self.process = None
        self._log = None

    def start(self, timeout=300):
        """Starts `./course lab`; True once it answers on its port, False if it exits or times out."""
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(["./course", "lab", f"--NotebookApp.token={self.token}"], env=self.env,
                                        stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        started = time.time()
        while time.time() - started < timeout and self.process.poll() is None:
            try:
                self.api("GET", "/api/status")
                return True
            except Exception:
                time.sleep(0.5)
        return False

    def api(self, method, path, body=None):
        return api(self.base, self.token, method, path, body)

    def stop(self):
        """Stops the server and everything it started (its kernels), if it was started."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        if self._log is not None:
            self._log.close()


def summarise(results, scratch):
    """Prints 'N passed, N failed' for [(name, ok)] and returns the exit status; the scratch folder
    is removed when everything passed, else kept (its lab.log says why)."""
    failed = sum(1 for _, ok in results if not ok)
    if not failed:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0
