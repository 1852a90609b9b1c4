#!/usr/bin/env python3
"""Writes bench/RESULTS.md from bench/run's raw measurements (called by bench/run)."""
import argparse
import datetime
import os
import platform
import statistics
import subprocess


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:
        return ""


def read_tsv(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def fields(result):
    return dict(kv.split("=", 1) for kv in result.split()[1:])


# What is timed for each model beyond the Fashion-MNIST classifiers (one sentence per row).
SETUP = {
    "charlstm": (
        "**charlstm**: notebook 12's character LSTM (full-mode sizes) on the `fortunes` corpus of the data "
        "catalogue (its training split and vocabulary: V = the characters seen at least 5 times + unknown), built with "
        "`RecurrentNets.tagger(Cell.LSTM, V, 128, V, …)`: one-hot windows of 64 characters → LSTM(128) → softmax "
        "over V at every step, Adam lr 0.01, gradients clipped at 1, batches of 64 random windows (one-hot built "
        "per step); the course path is `CharTraining.fit` (one epoch of the timed steps, then the validation loss "
        "on one window), plain is a bare `network.fit(randomBatch)` loop, PyTorch `nn.LSTM` + `nn.Linear` with "
        "DL4J's init and one bias vector (the second frozen at 0); **its samples/s are sequences (windows of 64 "
        "characters) per second**."),
    "gan": (
        "**gan**: one step of notebook 15's Fashion-MNIST GAN — G 64→256→512→784 (leaky ReLU, sigmoid; Adam 1e-3, "
        "β1 0.5), D 784→512→256→1 (leaky ReLU, sigmoid; Adam 2e-4, β1 0.5), batch 64, real label 0.9 — through the "
        "course's `Gan.fit`: one D update on 64 real images (drawn with replacement from 10,000) and 64 generated "
        "ones, then one G update through the frozen D (non-saturating loss); PyTorch runs the same step in the usual "
        "way (`fake.detach()` for D, then `D(fake)` for G). No sample snapshots are timed. **One sample = one real "
        "image per step (with one generated image)**; there is no plain DL4J loop for a GAN, so its plain column "
        "is –."),
}


def params_lines(runs, order):
    """The trainable parameter counts of the course's and PyTorch's models, and a warning if they differ."""
    counts, differ = [], []
    for model in order:
        course = {r[3].get("params") for r in runs.get((model, "course"), [])} - {None}
        torch = {r[3].get("params") for (m, c), rs in runs.items() if m == model and c.startswith("torch")
                 for r in rs} - {None}
        if not course or not torch:
            counts.append(f"{model} {'/'.join(sorted(course or torch)) or '?'} (not compared)")
            continue
        c, t = ", ".join(sorted(course)), ", ".join(sorted(torch))
        counts.append(f"{model} {int(c):,} / {int(t):,}" if c.isdigit() and t.isdigit() else f"{model} {c} / {t}")
        if course != torch:
            differ.append(f"{model} (course {c}, PyTorch {t})")
    if not counts:
        return []
    lines = ["**Trainable parameters** (course / PyTorch; batch norm's running statistics not counted): "
             + "; ".join(counts) + "."]
    if differ:
        lines.append(f"**WARNING: the course's and PyTorch's models differ in size for {', '.join(differ)}; "
                     "their rows do not compare the same model.**")
    return lines + [""]


def check_lines(path):
    """bench/run's cross-check of charlstm and gan: PyTorch redoing the course's numbers from its weights."""
    if not path or not os.path.exists(path):
        return []
    with open(path) as f:
        found = [line.strip() for line in f if line.strip()]
    if not found:
        return []
    failed = [line for line in found if "DIFFERENT" in line or line.startswith("WARNING")]
    lines = ["**Same model, same numbers** (charlstm, gan): the course wrote its untrained weights, a batch and",
             "its losses before and after one training step (for the GAN also G's images); PyTorch loaded the",
             "weights and redid the step (`torch_ref.py --check`; tolerance 1e-3 × max(1, |value|) in float32):", ""]
    lines += [f"    {line}" for line in found]
    if failed:
        lines += ["", "**WARNING: the cross-check failed; the PyTorch model or step is not the course's.**"]
    return lines + [""]


def gru_lines(path):
    """bench/run's gru rows (GruBench): the course's GRU layer beside DL4J's LSTM, ms per training step."""
    rows = read_tsv(path) if path else []
    if not rows:
        return []
    per_cell = {}
    for _, cell, l0, l1, result in rows:
        f = fields(result)
        per_cell.setdefault(cell, ([], [], f))
        per_cell[cell][0].extend(float(v) for v in f["ms"].split(","))
        per_cell[cell][1].extend((float(l0), float(l1)))
    any_f = next(iter(per_cell.values()))[2]
    lines = ["**GRU layer step time** (bench/GruBench.java): notebook 11's memory-race classifier built by "
             f"`MemoryNets.classifier` for both cells — one recurrent layer of {any_f['units']} units on one-hot "
             f"sequences [batch {any_f['batch']}, {any_f['nIn']}, T {any_f['T']}] (last step only), softmax over 4, "
             "Adam, clipping; a step is one `network.fit(minibatch)`. The course's `Gru` is a layer of its own with a "
             "hand-written backward pass (DL4J 1.0.0-M2.1 has no GRU); `gru-samediff` is its first version, a SameDiff "
             "layer unrolled over time; the LSTM is DL4J's own layer.", "",
             "| layer | ms per training step | sequences/s | parameters | threads | load |", "|---|---|---|---|---|---|"]
    names = {"gru": "course `Gru`", "gru-samediff": "course `Gru`, first version (SameDiff)", "lstm": "DL4J `LSTM`"}
    medians = {}
    for cell, (ms, loads, f) in per_cell.items():
        medians[cell] = statistics.median(ms)
        lines.append(f"| {names.get(cell, cell)} | {medians[cell]:,.1f} ({min(ms):,.1f}–{max(ms):,.1f}) | "
                     f"{int(f['batch']) * 1000 / medians[cell]:,.0f} | {int(f['params']):,} | {f['threads']} | "
                     f"{min(loads):.1f}–{max(loads):.1f} |")
    if "gru" in medians and "lstm" in medians:
        lines += ["", f"Median over all rounds and repetitions (min–max in brackets): the GRU step takes "
                      f"{medians['gru'] / medians['lstm']:.2f}× the LSTM's."]
    return lines + [""]


def lesson_lines(path):
    """Full-mode wall time per lesson with the fast paths on and off (bench/run --lessons)."""
    rows = read_tsv(path) if path else []
    if not rows:
        return []
    by = {}
    for name, trainpath, secs, l0, l1, ok in rows:
        by.setdefault(name, {})[trainpath] = (int(secs), l0, l1, ok == "1")
    lines = ["**Lessons in full mode** (tools/run_notebook.py, one run each way, back to back; `fit`: "
             "DLCOURSE_FASTPATH=false, every network trained by DL4J's own fit):", "",
             "| lesson | fast paths (s) | DL4J's `fit` (s) | fit / fast | checks passed | load |",
             "|---|---|---|---|---|---|"]
    for name, runs in by.items():
        fast, fit = runs.get("fast"), runs.get("fit")
        ratio = f"{fit[0] / fast[0]:.2f}×" if fast and fit and fast[0] > 0 else "–"
        passed = " / ".join("yes" if r[3] else "NO" for r in (fast, fit) if r)
        loads = [float(x) for r in (fast, fit) if r for x in r[1:3]]
        lines.append(f"| {name} | {fast[0] if fast else '–'} | {fit[0] if fit else '–'} | {ratio} | {passed} | "
                     f"{min(loads):.1f}–{max(loads):.1f} |")
    lines.append("")
    return lines


def main():
    p = argparse.ArgumentParser()
    for a in ("raw", "gru", "kernel", "notebooks", "lessons", "threads", "rounds", "quick", "checks", "analysis",
              "out"):
        p.add_argument("--" + a)
    args = p.parse_args()

    runs = {}  # (model, config) -> list of (sps values, load0, load1)
    order = []
    for round_, config, l0, l1, result in read_tsv(args.raw):
        f = fields(result)
        key = (f["model"], config)
        if f["model"] not in order:
            order.append(f["model"])
        runs.setdefault(key, []).append(([float(s) for s in f["sps"].split(",")], float(l0), float(l1), f))

    def cell(model, config):
        rs = runs.get((model, config))
        if not rs:
            return None, "–", ""
        values = [v for r in rs for v in r[0]]
        loads = [l for r in rs for l in r[1:3]]
        med = statistics.median(values)
        return med, f"{med:,.0f} ({min(values):,.0f}–{max(values):,.0f})", f"{min(loads):.1f}–{max(loads):.1f}"

    def best_torch(model):
        """The fastest PyTorch configuration by median (the default run included)."""
        found = []
        for (m, config) in runs:
            if m == model and config.startswith("torch"):
                med, text, loads = cell(model, config)
                found.append((med, text, loads, config))
        if not found:
            return None, "–", "", ""
        med, text, loads, config = max(found)
        how = " — default" if config == "torch" else f" — tuned, {config.rsplit('-', 1)[1][:-1]} thread(s)"
        return med, text, loads, how

    cpu = sh("lscpu | sed -n 's/^Model name: *//p'") or platform.processor()
    flags = sh("grep -m1 -o -w avx2 /proc/cpuinfo") or "no AVX2"
    mem = sh("free -g | awk '/Mem:/{print $2}'")
    java = sh("java -version 2>&1 | head -1")
    torch = sh("/usr/bin/python3 -c 'import torch; print(torch.__version__)' 2>/dev/null") or "not installed"
    loadavg = sh("cut -d' ' -f1-3 /proc/loadavg")
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    lines = [
        "# Training-speed benchmark: course library vs PyTorch",
        "",
        "Generated by `./course bench` (bench/run); rerun it to regenerate this file. The analysis below",
        "the tables (from bench/ANALYSIS.md) was written from the measurements it names.",
        "",
        f"- **Date**: {now}",
        f"- **Machine**: {cpu}, {os.cpu_count()} logical CPUs ({flags}), {mem} GB memory, "
        f"{platform.system()} {platform.release()}",
        f"- **Software**: {java}; DL4J/ND4J 1.0.0-M2.1; PyTorch {torch} (Debian `python3-torch`, reference only)",
        f"- **Load average** when the report was written: {loadavg} (uptime; the ranges in the tables are",
        "  the 1-minute load seen at the start and end of the runs behind each figure)",
        f"- **Setup** (mlp, mlp-dropout, lenet, alexnet; charlstm and gan below the table): Fashion-MNIST training images in memory (float32, pixels / 255), batch 128, Adam lr 1e-3,",
        f"  softmax + cross-entropy, He init; {args.threads} thread(s) for course, plain and PyTorch "
        f"(`OMP_NUM_THREADS`, `torch.set_num_threads`); warm-up, then timed passes;",
        f"  {args.rounds} round(s), runs interleaved (before, course, plain, PyTorch default and tuned per model per round)"
        + (" — `--quick`, fewer steps" if args.quick == "1" else "") + ".",
        "",
        "| model | before (samples/s) | course (samples/s) | plain `fit` loop | PyTorch default | PyTorch best | course / before | course / PyTorch default | **course / PyTorch best** | load |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for model in order:
        b, bs, bl = cell(model, "before")
        c, cs, cl = cell(model, "course")
        pl, ps, pll = cell(model, "plain")
        t, ts, tl = cell(model, "torch")
        best, bts, btl, how = best_torch(model)
        loads = [x for x in (bl, cl, pll, tl, btl) if x]
        lo = min(float(x.split("–")[0]) for x in loads) if loads else 0
        hi = max(float(x.split("–")[1]) for x in loads) if loads else 0
        speedup = f"{c / b:.2f}×" if b and c else "–"
        ratio = f"{c / t:.2f}" if c and t else "–"
        best_ratio = f"**{c / best:.2f}**" if c and best else "–"
        f = runs.get((model, "course"), [([], 0, 0, {})])[0][3]
        unit = f.get("unit", "samples").replace("-", " ")
        desc = f"{model} ({f.get('steps', '?')} steps of {f.get('batch', '?')} {unit})"
        lines.append(
            f"| {desc} | {bs} | {cs} | {ps} | {ts} | {bts}{how} | {speedup} | {ratio} | {best_ratio} "
            f"| {lo:.1f}–{hi:.1f} |")
    lines += [
        "",
        "Median over all rounds and repetitions (min–max in brackets). **before**: the build before the",
        "speed work (plain OpenBLAS native jar, DL4J layer helpers off, 2 threads: the old kernel default;",
        "not run for charlstm and gan outside `--quick`, where one pass of the old build takes about ten minutes);",
        "**course**: `Trainer.fit` as students run it — for the MLPs that is the fast dense path, for LeNet",
        "and the AlexNet-style CNN the fast convolutional path (`org.dlcourse.train.fast`, proven equal to",
        "DL4J's training by `DenseStepperTests` and `ConvStepperTests`; the RESULT line's `trainpath` names",
        "the path taken), charlstm and gan train with DL4J's `fit`; **plain**: the same",
        "network trained by a bare `network.fit(minibatch)` loop, DL4J's own training (for charlstm and gan",
        "the difference is the training loop's per-batch metrics and bookkeeping). **before** runs with",
        "`-Ddlcourse.fastpath=false`.",
        "**PyTorch default**: `bench/torch_ref.py` as a user runs it, with the course's thread count;",
        "**PyTorch best**: the fastest of that and the tuned runs — glibc's allocator told to keep freed",
        "memory (`GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824`),",
        "`OPENBLAS_CORETYPE` unset, 1 thread or every logical CPU. The course is judged against the best.",
        "",
    ]
    lines += params_lines(runs, order)
    lines += check_lines(args.checks)
    lines += gru_lines(args.gru)
    extra = [SETUP[m] for m in order if m in SETUP]
    if extra:
        lines += ["**The sequence and generative rows.** " + " ".join(extra), ""]
    k = read_tsv(args.kernel)
    if k:
        secs = [float(r[0]) for r in k]
        lines.append(
            f"**Kernel start to first DL4J result** (tools/kernel_probe.py: start the kernel, build an MLP and "
            f"predict): median {statistics.median(secs):.1f} s over {len(secs)} starts "
            f"({', '.join(f'{s:.1f}' for s in secs)} s; load {min(float(r[1]) for r in k):.1f}–"
            f"{max(float(r[2]) for r in k):.1f}).")
        lines.append("")
    n = read_tsv(args.notebooks)
    if n:
        secs, l0, l1, ok, count = n[-1]
        lines.append(
            f"**Smoke-mode notebook suite** ({count} notebooks, tools/run_notebook.py, DLCOURSE_SMOKE=1): "
            f"{secs} s in total, {'all passed' if ok == '1' else 'SOME FAILED'} (load {l0}–{l1}).")
        lines.append("")
    lines += lesson_lines(args.lessons)
    if args.analysis and os.path.exists(args.analysis):
        with open(args.analysis) as f:
            lines += ["", f.read().rstrip(), ""]
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
