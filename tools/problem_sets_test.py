#!/usr/bin/env python3
"""The problem sets through the real grader (./course test runs it).

For every problem-sets/psN that has a mutants/expected.properties:
1. `./course release psN` — validates that the reference scores full marks and the released stubs
   score at most the floor, and writes the student zip;
2. `./course grade psN SUBS` on a folder of deliberately wrong solutions (the reference with
   mutants/NAME.patch applied, or with whole files from mutants/NAME/ laid over it) — each must be
   graded to exactly the total the instructor expected in mutants/expected.properties, in the sandbox, with the judge and the hidden tests.
Prints PASS/FAIL lines and ends with 'N passed, N failed'. Also prints, for information only (never
asserted), each graded submission's `execution_time` from its results.json as 'TIME psN NAME S s'.

Usage: problem_sets_test.py [psN ...]   (default: every problem set with mutants)
"""
import csv
import json
import glob
import os
import re
import shutil
import subprocess
import sys

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


def test_problem_set(ps_dir, scratch):
    name = os.path.basename(ps_dir)
    released = course("release", name)
    out = released.stdout + released.stderr
    record(f"{name}: released — the reference scores full marks, the stubs at most the floor",
           released.returncode == 0 and "full marks" in out, out[-1500:])
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
    if sys.argv[1:]:
        unknown = set(sys.argv[1:]) - {os.path.basename(d) for d in problem_sets}
        if unknown:
            print(f"no problem set with mutants named {sorted(unknown)}; have "
                  f"{[os.path.basename(d) for d in problem_sets]}")
            return 2
        problem_sets = [d for d in problem_sets if os.path.basename(d) in sys.argv[1:]]
    if not problem_sets:
        record("at least one problem set has deliberately wrong solutions to grade", False,
               "no problem-sets/psN/mutants/expected.properties")
    # Under build/: the sandbox's user must be able to reach the output folder (a mkdtemp folder is 0700).
    scratch = os.path.join(ROOT, "build", "problem-sets-test")
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    for ps_dir in problem_sets:
        test_problem_set(ps_dir, scratch)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
