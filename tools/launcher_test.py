#!/usr/bin/env python3
"""Tests of the launcher's one-source-of-truth promises (./course test runs it; needs the build).

- `./course --help` prints grading/src/main/resources/dlcourse-usage.txt, and the grading CLI's
  usage is the same text;
- every command the launcher dispatches is in that text, and every command in it is dispatched;
- the launcher's data-set question to Java (DataCli debian-packages) answers, also compiled on its
  own with the JDK alone (as the launcher compiles it before the build), and `./course test`
  installs the data sets before the unit tests that read them;
- tools/run_notebook.py, run by hand, refuses a course kernel built in another checkout.
Prints PASS/FAIL lines and ends with 'N passed, N failed'.
"""
import os
import re
import json
import subprocess
import sys
import tempfile

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


def kernelspec_at(folder, home):
    """A course kernelspec under folder/kernels whose command line names the checkout `home`."""
    spec = os.path.join(folder, "kernels", "dlcourse-java")
    os.makedirs(spec)
    argv = ["/usr/bin/java", "-cp", home + "/build/kernel-jars/x/dlcourse-kernel.jar",
            "org.dlcourse.kernel.Main", "{connection_file}"]
    with open(os.path.join(spec, "kernel.json"), "w") as f:
        json.dump({"argv": argv, "display_name": "Java (DL course)", "language": "java"}, f)


def foreign_kernelspec_is_refused():
    with tempfile.TemporaryDirectory() as other, tempfile.TemporaryDirectory() as own:
        kernelspec_at(other, "/somewhere/else")
        env = dict(os.environ, JUPYTER_PATH=other)
        r = subprocess.run([sys.executable, "tools/run_notebook.py", "notebooks/00-setup.ipynb", "--out",
                            os.path.join(other, "out")], cwd=ROOT, capture_output=True, text=True,
                           timeout=120, env=env)
        record("run_notebook.py refuses a course kernel built in another checkout",
               r.returncode == 2 and "another checkout" in r.stderr and "./course run" in r.stderr,
               f"exit {r.returncode}: {r.stdout[-300:]!r} {r.stderr[-300:]!r}")
        kernelspec_at(own, ROOT)
        probe = ("import sys; sys.path.insert(0, 'tools'); import run_notebook; "
                 "print(run_notebook.foreign_kernel('dlcourse-java'))")
        r = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                           timeout=120, env=dict(os.environ, JUPYTER_PATH=own))
        record("run_notebook.py accepts this checkout's course kernel",
               r.returncode == 0 and r.stdout.strip() == "None", f"exit {r.returncode}: {r.stdout!r} {r.stderr[-300:]!r}")


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

    with tempfile.TemporaryDirectory() as out:
        src = os.path.join(ROOT, "lib", "src", "main", "java")
        javac = run("javac", "-nowarn", "-implicit:class", "-sourcepath", src, "-d", out,
                    os.path.join(src, "org", "dlcourse", "data", "DataCli.java"))
        alone = run("java", "-cp", out, "org.dlcourse.data.DataCli", "debian-packages")
        record("the data-set catalogue compiles and answers with the JDK alone (no build, no ND4J)",
               javac.returncode == 0 and alone.returncode == 0 and alone.stdout == data.stdout,
               f"javac exit {javac.returncode}: {javac.stderr[-600:]!r}; java exit {alone.returncode}: "
               f"{alone.stdout!r} {alone.stderr[-300:]!r}")
    source = open(os.path.join(ROOT, "course")).read()
    test_body = source[source.index("\ncmd_test() {"):]
    test_body = test_body[:test_body.index("\n}\n")]
    record("./course test installs the data sets before the Maven stage's unit tests read them",
           "ensure_datasets" in test_body and "maven_stage" in test_body
           and test_body.index("ensure_datasets") < test_body.index("maven_stage"),
           "cmd_test must call ensure_datasets before the Maven stage")

    foreign_kernelspec_is_refused()

    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
