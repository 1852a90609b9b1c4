#!/usr/bin/env python3
"""The problem sets through the real grader (./course test runs it).

For every problem-sets/psN that has a mutants/expected.properties:
1. `./course gradescope psN` — the same release and validation as `./course release psN` (the
   reference scores full marks, the released stubs at most the floor; it writes the student zip),
   then the Gradescope autograder zip, which must fit the grader's size cap and hold no solution
   region and no hidden-test source;
2. `./course grade psN SUBS` on a folder of deliberately wrong solutions (the reference with
   mutants/NAME.patch applied, or with whole files from mutants/NAME/ laid over it) — each must be
   graded to exactly the total the instructor expected in mutants/expected.properties, in the sandbox, with the judge and the hidden tests.
Prints PASS/FAIL lines and ends with 'N passed, N failed'. Also prints, for information only (never
asserted), each graded submission's `execution_time` from its results.json as 'TIME psN NAME S s'.

With --autograder (by hand, not in ./course test: it grades two submissions per set, minutes for
ps3-ps5), each zip is also set up as Gradescope would (unpacked as /autograder/source, setup.sh's
library fetch, from the local Maven repository instead of Central, and its --prepare) and its
run_autograder grades the reference solution (full marks) and the released stubs (zero).

Usage: problem_sets_test.py [--autograder] [psN ...]   (default: every problem set with mutants)
"""
import csv
import json
import glob
import os
import re
import shutil
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
results = []


def record(name, ok, reason=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + reason), flush=True)


def course(*args):
    return subprocess.run([os.path.join(ROOT, "course"), *args], capture_output=True, text=True, cwd=ROOT)


def read_expected(path):
    expected = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                name, _, total = line.partition("=")
                expected[name.strip()] = float(total)
    return expected


def submission(ps_dir, mutant, dest):
    """The reference sources with the mutant applied: mutants/NAME.patch, a unified diff against the
    problem set (`diff -u` or `git diff`, paths a/src/… b/src/…), or a folder mutants/NAME/ of whole
    files laid over the reference. Returns None, or why the mutant could not be made."""
    shutil.copytree(os.path.join(ps_dir, "src"), os.path.join(dest, "src"))
    patch = os.path.join(ps_dir, "mutants", mutant + ".patch")
    folder = os.path.join(ps_dir, "mutants", mutant)
    if os.path.isfile(patch) == os.path.isdir(folder):
        return f"expected exactly one of {patch} and {folder}/"
    if os.path.isfile(patch):
        return apply_patch(patch, dest)
    for path in glob.glob(os.path.join(folder, "**", "*.java"), recursive=True):
        target = os.path.join(dest, os.path.relpath(path, folder))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy(path, target)
    return None


HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@")


def apply_patch(patch, root):
    """Applies a unified diff to the files under root with exact context (a hunk that no longer
    matches the reference is an error that names it, never a fuzzy guess). Returns None or the error."""
    with open(patch, encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    i = 0
    while i < len(lines):
        if not (lines[i].startswith("--- ") and i + 1 < len(lines) and lines[i + 1].startswith("+++ ")):
            i += 1
            continue
        name = lines[i + 1][4:].strip().split("\t")[0]
        name = name[2:] if name.startswith("b/") else name
        target = os.path.join(root, name)
        if not os.path.isfile(target):
            return f"{patch}: {name} is not a file of the reference"
        with open(target, encoding="utf-8") as f:
            old = f.read().splitlines(keepends=True)
        new, at = [], 0
        i += 2
        while i < len(lines) and lines[i].startswith("@@"):
            m = HUNK.match(lines[i])
            start = int(m.group(1)) - (0 if m.group(2) == "0" else 1)
            if start < at:
                return f"{patch}: overlapping hunks in {name}"
            new.extend(old[at:start])
            at = start
            i += 1
            while i < len(lines) and lines[i][:1] in (" ", "-", "+", "\\"):
                tag, text = lines[i][0], lines[i][1:]
                if tag in " -":
                    if at >= len(old) or old[at] != text:
                        return (f"{patch}: the hunk at line {start + 1} no longer matches {name} at line "
                                f"{at + 1}; re-make the patch against the current reference")
                    at += 1
                if tag in " +":
                    new.append(text)
                i += 1
        new.extend(old[at:])
        with open(target, "w", encoding="utf-8") as f:
            f.writelines(new)
    return None


def totals(gradebook):
    with open(gradebook, encoding="utf-8") as f:
        return {row["student"]: float(row["total"]) for row in csv.DictReader(f)}


def notebook_with_reference(name, ps_dir, scratch):
    """The released notebook, run as a student who has finished: released folder + reference code."""
    student = os.path.join(scratch, name + "-student")
    release = os.path.join(ROOT, "build", "release", name)
    if not os.path.isdir(release):
        record(f"{name}: the released notebook runs on a finished solution", False, f"no release at {release}")
        return
    shutil.copytree(release, student)
    shutil.rmtree(os.path.join(student, "src"))
    shutil.copytree(os.path.join(ps_dir, "src"), os.path.join(student, "src"))
    for notebook in sorted(glob.glob(os.path.join(student, "*.ipynb"))):
        done = subprocess.run([sys.executable, os.path.join(HERE, "run_notebook.py"), notebook, "--out",
                               os.path.join(scratch, name + "-executed")], capture_output=True, text=True, cwd=ROOT)
        record(f"{name}: the released {os.path.basename(notebook)} runs top to bottom on a finished solution "
               "(the student's code called from cells, Grader.check through the sandbox)",
               done.returncode == 0, (done.stdout + done.stderr)[-1500:])


def check_autograder_zip(name, zip_path):
    """The zip's size (printed, for information) and contents: no solution region, no hidden-test
    source, no reference. Returns the zip's size in MB."""
    with zipfile.ZipFile(zip_path) as z:
        leaks = [n for n in z.namelist() if "tests/hidden" in n or
                 (n.endswith((".java", ".ipynb")) and b"BEGIN SOLUTION" in z.read(n))]
    size = os.path.getsize(zip_path) / 1e6
    print(f"SIZE {name} autograder zip {size:.1f} MB", flush=True)
    record(f"{name}: the Gradescope zip holds no solution region and no hidden-test source", not leaks,
           f"found {leaks[:5]}")
    return size


def run_autograder(name, zip_path, ps_dir, scratch):
    """--autograder: the zip set up as setup.sh does, then run_autograder on the reference and on the
    released stubs, in bubblewrap mode."""
    root = os.path.join(scratch, name + "-autograder")
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(os.path.join(root, "source"))
    grader = os.path.join(root, "source", "grader")
    java = ["java", "-Xmx512m", "-cp", os.path.join(grader, "lib", "*"), "org.dlcourse.grading.cli.GradescopeCli",
            "--root", root, "--grader", grader]
    env = dict(os.environ, DLCOURSE_RUNTIME_CACHE=os.path.join(scratch, "runtime-cache"))
    local = "file://" + os.path.expanduser("~/.m2/repository")
    for step in (["--fetch-library", "--maven-repo=" + local], ["--prepare"]):
        done = subprocess.run(java + step, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            record(f"{name}: setup.sh's {step[0]} works on the zip", False, (done.stdout + done.stderr)[-1500:])
            return
    release = os.path.join(ROOT, "build", "release", name)
    for who, src, want_full in (("reference", os.path.join(ps_dir, "src"), True),
                                ("stubs", os.path.join(release, "src"), False)):
        submission = os.path.join(root, "submission")
        shutil.rmtree(submission, ignore_errors=True)
        shutil.copytree(src, os.path.join(submission, "src"))
        results = os.path.join(root, "results", "results.json")
        if os.path.exists(results):
            os.remove(results)
        done = subprocess.run(["bash", os.path.join(root, "source", "run_autograder")], capture_output=True,
                              text=True, env=dict(env, AUTOGRADER_ROOT=root))
        if not os.path.isfile(results):
            record(f"{name}: run_autograder grades the {who}", False, (done.stdout + done.stderr)[-1500:])
            continue
        with open(results, encoding="utf-8") as f:
            report = json.load(f)
        best = sum(t.get("max_score", 0) for t in report.get("tests", []))
        want = best if want_full else 0
        print(f"AUTOGRADER {name} {who}: {report.get('score')} / {best} in {report.get('execution_time')} s",
              flush=True)
        record(f"{name}: Gradescope's run_autograder gives the {who} {want:g} / {best:g}",
               best > 0 and abs(report.get("score", -1) - want) < 1e-6, json.dumps(report)[-1500:])


def test_problem_set(ps_dir, scratch, autograder=False):
    name = os.path.basename(ps_dir)
    zip_path = os.path.join(scratch, name + "-autograder.zip")
    released = course("gradescope", name, "--out", zip_path)
    out = released.stdout + released.stderr
    record(f"{name}: released — the reference scores full marks, the stubs at most the floor — and its "
           "Gradescope zip written under the size cap",
           released.returncode == 0 and "full marks" in out and os.path.isfile(zip_path), out[-1500:])
    if os.path.isfile(zip_path):
        check_autograder_zip(name, zip_path)
        if autograder:
            run_autograder(name, zip_path, ps_dir, scratch)
    notebook_with_reference(name, ps_dir, scratch)
    expected = read_expected(os.path.join(ps_dir, "mutants", "expected.properties"))
    subs = os.path.join(scratch, name + "-submissions")
    os.makedirs(subs)
    for mutant in list(expected):
        problem = submission(ps_dir, mutant, os.path.join(subs, mutant))
        if problem:
            record(f"{name}: mutant {mutant} applies to the reference", False, problem)
            shutil.rmtree(os.path.join(subs, mutant))
            del expected[mutant]
    graded = os.path.join(scratch, name + "-graded")
    # Two at a time where there are two cores: the sets' time limits are generous (no verdict depends
    # on load) and each test JVM runs one thread.
    jobs = "2" if (os.cpu_count() or 1) >= 2 else "1"
    done = course("grade", name, subs, "--out", graded, "--jobs", jobs)
    book = os.path.join(graded, "gradebook.csv")
    if not os.path.isfile(book):
        record(f"{name}: the wrong solutions are graded", False, (done.stdout + done.stderr)[-1500:])
        return
    got = totals(book)
    for mutant in expected:
        report = os.path.join(graded, mutant, "results.json")
        if os.path.isfile(report):
            with open(report, encoding="utf-8") as f:
                print(f"TIME {name} {mutant} {json.load(f).get('execution_time')} s", flush=True)
    for mutant, want in expected.items():
        have = got.get(mutant)
        feedback = os.path.join(graded, mutant, "feedback.txt")
        detail = open(feedback, encoding="utf-8").read()[-1200:] if os.path.isfile(feedback) else "(no feedback)"
        record(f"{name}: the wrong solution '{mutant}' is graded {want:g} points",
               have is not None and abs(have - want) < 0.006,  # the gradebook rounds to 0.01
               f"got {have}; feedback:\n{detail}")


def main():
    problem_sets = sorted(d for d in glob.glob(os.path.join(ROOT, "problem-sets", "ps*"))
                          if os.path.isfile(os.path.join(d, "mutants", "expected.properties")))
    args = sys.argv[1:]
    autograder = "--autograder" in args
    args = [a for a in args if a != "--autograder"]
    if args:
        unknown = set(args) - {os.path.basename(d) for d in problem_sets}
        if unknown:
            print(f"no problem set with mutants named {sorted(unknown)}; have "
                  f"{[os.path.basename(d) for d in problem_sets]}")
            return 2
        problem_sets = [d for d in problem_sets if os.path.basename(d) in args]
    if not problem_sets:
        record("at least one problem set has deliberately wrong solutions to grade", False,
               "no problem-sets/psN/mutants/expected.properties")
    # Under build/, like an instructor's output (the grader works in a stand-in the sandbox uid can
    # reach when the checkout is private: WorkDirs).
    scratch = os.path.join(ROOT, "build", "problem-sets-test")
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    for ps_dir in problem_sets:
        test_problem_set(ps_dir, scratch, autograder)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
