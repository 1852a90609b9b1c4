#!/usr/bin/env python3
"""Start the course kernel once, run one Java snippet, print its text result (used by `./course doctor`).

Usage: kernel_probe.py [JAVA_EXPRESSION]   exit 0 with the value on stdout, 1 with the reason.
"""
import sys
import time

from jupyter_client.manager import start_new_kernel

from kernel_messages import execute, of_type, result_text

CODE = sys.argv[1] if len(sys.argv) > 1 else (
    'org.dlcourse.BackendCli.describe() + ", sum(ones(2,2)) = " + org.nd4j.linalg.factory.Nd4j.ones(2, 2).sumNumber()')


def main():
    started = time.time()
    try:
        km, kc = start_new_kernel(kernel_name="dlcourse-java", startup_timeout=60)
    except Exception as e:
        print(f"kernel did not start: {e}")
        return 1
    try:
        try:
            reply, messages = execute(kc, CODE, timeout=120)
        except TimeoutError as e:
            print(e)
            return 1
        errors = of_type(messages, "error")
        text = result_text(messages)
        if errors or text is None:
            print(f"{errors[0]['content']['ename']}: {errors[0]['content']['evalue']}" if errors else "no result")
            return 1
        print(f"{text} ({time.time() - started:.1f} s from kernel start)")
        return 0
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    sys.exit(main())
