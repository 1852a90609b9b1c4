#!/usr/bin/env python3
"""Start the course kernel once, run one Java snippet, print its text result (used by `./course doctor`).

Usage: kernel_probe.py [JAVA_EXPRESSION]   exit 0 with the value on stdout, 1 with the reason.
"""
import sys
import time

from jupyter_client.manager import start_new_kernel

CODE = sys.argv[1] if len(sys.argv) > 1 else (
    'org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName() + " on " + '
    'org.nd4j.linalg.factory.Nd4j.getExecutioner().getEnvironmentInformation().get("backend")'
    ' + ", sum(ones(2,2)) = " + org.nd4j.linalg.factory.Nd4j.ones(2, 2).sumNumber()')


def main():
    started = time.time()
    try:
        km, kc = start_new_kernel(kernel_name="dlcourse-java", startup_timeout=60)
    except Exception as e:
        print(f"kernel did not start: {e}")
        return 1
    try:
        msg_id = kc.execute(CODE)
        text, error = None, None
        deadline = time.time() + 120
        while time.time() < deadline:
            msg = kc.get_iopub_msg(timeout=deadline - time.time())
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "execute_result":
                text = content["data"].get("text/plain")
            elif kind == "error":
                error = f"{content['ename']}: {content['evalue']}"
            elif kind == "status" and content["execution_state"] == "idle":
                break
        if error or text is None:
            print(error or "no result")
            return 1
        print(f"{text} ({time.time() - started:.1f} s from kernel start)")
        return 0
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    sys.exit(main())
