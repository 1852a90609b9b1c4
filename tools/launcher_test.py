#!/usr/bin/env python3
"""Tests of the launcher's one-source-of-truth promises (./course test runs it; needs the build).

- `./course --help` prints grading/src/main/resources/dlcourse-usage.txt, and the grading CLI's
  usage is the same text;
- every command the launcher dispatches is in that text, and every command in it is dispatched;
- the launcher's data-set question to Java (DataCli debian-packages) answers.
Prints PASS/FAIL lines and ends with 'N passed, N failed'.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
USAGE = os.path.join(ROOT, "grading", "src", "main", "resources", "dlcourse-usage.txt")
results = []


def record(name, ok, reason=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + reason), flush=True)


def run(*args):
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)


def classpath(module):
    with open(os.path.join(ROOT, module, "target", "classpath.txt")) as f:
        return os.path.join(ROOT, module, "target", "classes") + ":" + f.read().strip()


def dispatched_commands():
    """The commands in the launcher's main() case statement."""
    source = open(os.path.join(ROOT, "course")).read()
    body = source[source.index("\nmain() {"):]
    commands = set()
    for pattern in re.findall(r"^\s+([a-z][a-z|-]*)\)", body, re.M):
        commands.update(c for c in pattern.split("|") if c != "help")
    return commands


def documented_commands(text):
    """The first word of every indented command line of the usage text."""
    return set(re.findall(r"^  ([a-z][a-z-]*)\b", text, re.M))


def main():
    text = open(USAGE, encoding="utf-8").read()
    help_ = run("./course", "--help")
    record("./course --help prints the shared usage text", help_.returncode == 0 and help_.stdout == text,
           f"exit {help_.returncode}, {len(help_.stdout)} chars against {len(text)}")

    grading = run("java", "-cp", classpath("grading"), "org.dlcourse.grading.cli.Cli", "--help")
    record("the grading CLI's usage is the same text", grading.returncode == 0 and grading.stdout == text,
           f"exit {grading.returncode}: {grading.stdout[:200]!r} {grading.stderr[-300:]!r}")

    dispatched, documented = dispatched_commands(), documented_commands(text)
    record(f"every command the launcher runs is in --help ({len(dispatched)} commands)",
           dispatched <= documented, f"not in --help: {sorted(dispatched - documented)}")
    record("every command in --help is one the launcher runs", documented <= dispatched,
           f"in --help but not dispatched: {sorted(documented - dispatched)}")
    for command in ("validate", "gradebook", "book"):
        record(f"--help shows '{command}'", command in documented, f"documented: {sorted(documented)}")

    data = run("java", "-cp", classpath("kernel"), "org.dlcourse.data.DataCli", "debian-packages")
    record("Java names the Debian packages of missing data sets (DataCli debian-packages)",
           data.returncode == 0 and all(re.fullmatch(r"[a-z0-9.+-]+", p) for p in data.stdout.split()),
           f"exit {data.returncode}: {data.stdout!r} {data.stderr[-300:]!r}")

    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
