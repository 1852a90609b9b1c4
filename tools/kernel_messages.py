"""Execute code on a Jupyter kernel and collect the messages of that one request.

The one helper behind kernel/tests/test_kernel.py, tools/kernel_probe.py and tools/lab_test.py.
A request is finished when both its shell reply and its iopub 'idle' status have arrived; messages
of other requests are skipped. Two transports feed the same Collector:

    reply, messages = execute(kc, code)                   # jupyter_client's blocking client
    reply, messages = await execute_ws(ws, session, code) # the browser's websocket (one channel)

`reply` is the execute_reply content; `messages` are the request's iopub messages in order,
without the busy/idle status messages.
"""
import asyncio
import json
import queue
import time
import uuid


class Collector:
    """Sorts the messages of one request: feed() every message, done tells when it is finished."""

    def __init__(self, msg_id):
        self.msg_id = msg_id
        self.reply = None
        self.messages = []
        self.idle = False

    def feed(self, msg, channel):
        """Takes one message from `channel` ('shell' or 'iopub'); returns whether the request is done."""
        if msg.get("parent_header", {}).get("msg_id") != self.msg_id:
            return self.done
        if channel == "shell":
            self.reply = msg["content"]
        elif msg["msg_type"] == "status":
            self.idle = self.idle or msg["content"]["execution_state"] == "idle"
        else:
            self.messages.append(msg)
        return self.done

    @property
    def done(self):
        return self.reply is not None and self.idle


def execute(kc, code, timeout=120):
    """Runs `code` on a jupyter_client KernelClient; returns (reply content, iopub messages).

    Raises TimeoutError naming the code when the kernel does not finish within `timeout` seconds.
    """
    msg_id = kc.execute(code)
    collector = Collector(msg_id)
    deadline = time.time() + timeout
    while not collector.idle:
        collector.feed(_next(kc.get_iopub_msg, deadline, code), "iopub")
    while collector.reply is None:
        collector.feed(_next(kc.get_shell_msg, deadline, code), "shell")
    return collector.reply, collector.messages


def _next(get, deadline, code):
    try:
        return get(timeout=max(0.1, deadline - time.time()))
    except queue.Empty:
        raise TimeoutError(f"the kernel did not finish within the time limit running: {code[:200]!r}") from None


async def execute_ws(ws, session, code, timeout=120):
    """Runs `code` over the Notebook server's kernel websocket (tornado); same result as execute()."""
    msg_id = uuid.uuid4().hex
    await ws.write_message(json.dumps({
        "header": {"msg_id": msg_id, "username": "test", "session": session, "msg_type": "execute_request",
                   "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell",
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True}}))
    collector = Collector(msg_id)
    deadline = time.time() + timeout
    while not collector.done:
        raw = await asyncio.wait_for(ws.read_message(), timeout=max(1, deadline - time.time()))
        if raw is None:
            raise RuntimeError("the websocket closed")
        msg = json.loads(raw)
        collector.feed(msg, msg.get("channel"))
    return collector.reply, collector.messages


def of_type(messages, msg_type):
    """The messages of one type, e.g. 'stream', 'execute_result', 'error'."""
    return [m for m in messages if m["msg_type"] == msg_type]


def result_text(messages):
    """The text/plain of the request's execute_result, or None when it had none."""
    results = of_type(messages, "execute_result")
    return results[0]["content"]["data"].get("text/plain") if results else None
