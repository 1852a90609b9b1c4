#!/usr/bin/env python3
"""PyTorch reference for bench/run: the same models, batch size, optimiser, data and threads.

Usage: torch_ref.py MODEL STEPS WARMUP_STEPS REPS THREADS
       torch_ref.py --check charlstm|gan FILE   (FILE from `java Bench MODEL check FILE`)
Prints one line: RESULT model=... path=torch ... unit=... params=N ... sps=s1,s2,...
(params: trainable parameters, compared by bench/run and report.py with the course's count)

A reference only (Debian's python3-torch); never a dependency of the course.
mlp, mlp-dropout, lenet, alexnet: the first STEPS * 128 Fashion-MNIST training images, pixels / 255 as float32,
held in memory; each epoch a new random order (torch.randperm), as the course's Trainer does. Adam
lr 1e-3, cross-entropy on logits (softmax + cross-entropy in one op, as DL4J's softmax output layer
with MCXENT), He init.
charlstm and gan: see bench/torch_seq_gan.py (the character LSTM of notebook 12, the GAN of
notebook 15).
"""
import gzip
import os
import sys
import time

import numpy as np
import torch
from torch import nn

sys.dont_write_bytecode = True  # no bench/__pycache__ in the working tree
import torch_seq_gan  # noqa: E402
from torch_seq_gan import trainable  # noqa: E402

BATCH_SIZE = 128
DATA = os.environ.get("DLCOURSE_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def he(module):
    if isinstance(module, (nn.Linear, nn.Conv2d)):
        nn.init.kaiming_normal_(module.weight, nonlinearity="relu")
        nn.init.zeros_(module.bias)


# Add a model: one entry here (same name and architecture as in Bench.java's MODELS).
MODELS = {
    "mlp": (lambda: nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                                  nn.Linear(128, 10)), (784,)),
    # MlpBuilder.dropout(0.5): every hidden layer's output dropped (DL4J: dropout on the next
    # layer's input), never the input pixels
    "mlp-dropout": (lambda: nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.5),
                                          nn.Linear(256, 128), nn.ReLU(), nn.Dropout(0.5),
                                          nn.Linear(128, 10)), (784,)),
    "lenet": (lambda: nn.Sequential(
        nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(20, 50, 5), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Flatten(), nn.Linear(800, 500), nn.ReLU(), nn.Linear(500, 10)), (1, 28, 28)),
    # Cnns.alexNetStyle(10): each block is DL4J's conv 3x3 pad 1 with ReLU, batch norm, max pool;
    # DL4J's dropout acts on the dense layer's input, as nn.Dropout before nn.Linear
    "alexnet": (lambda: nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.BatchNorm2d(32), nn.MaxPool2d(2, 2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.BatchNorm2d(64), nn.MaxPool2d(2, 2),
        nn.Flatten(), nn.Dropout(0.5), nn.Linear(3136, 256), nn.ReLU(), nn.Linear(256, 10)), (1, 28, 28)),
}


def load(n):
    with gzip.open(os.path.join(DATA, "train-images-idx3-ubyte.gz")) as f:
        images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)[:n]
    with gzip.open(os.path.join(DATA, "train-labels-idx1-ubyte.gz")) as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)[:n]
    return torch.from_numpy(images.astype(np.float32) / 255), torch.from_numpy(labels.astype(np.int64))


def epoch(model, optimiser, loss_fn, X, y, seed):
    generator = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(X), generator=generator)
    for start in range(0, len(X), BATCH_SIZE):
        idx = order[start:start + BATCH_SIZE]
        optimiser.zero_grad()
        loss = loss_fn(model(X[idx]), y[idx])
        loss.backward()
        optimiser.step()


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--check":  # torch_ref.py --check charlstm|gan FILE
        return torch_seq_gan.check(sys.argv[2], sys.argv[3])
    if len(sys.argv) != 6 or sys.argv[1] not in list(MODELS) + list(torch_seq_gan.WORKLOADS):
        print(__doc__, file=sys.stderr)
        return 2
    name, steps, warmup, reps, threads = sys.argv[1], *map(int, sys.argv[2:])
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    if name in torch_seq_gan.WORKLOADS:
        return torch_seq_gan.main(name, steps, warmup, reps, load)
    build, shape = MODELS[name]
    X, y = load(max(steps, warmup) * BATCH_SIZE)
    X = X.reshape(-1, *shape)
    model = build()
    model.apply(he)
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    epoch(model, optimiser, loss_fn, X[:warmup * BATCH_SIZE], y[:warmup * BATCH_SIZE], 0)
    Xt, yt = X[:steps * BATCH_SIZE], y[:steps * BATCH_SIZE]
    sps = []
    for rep in range(1, reps + 1):
        start = time.perf_counter()
        epoch(model, optimiser, loss_fn, Xt, yt, rep)
        sps.append(f"{len(Xt) / (time.perf_counter() - start):.1f}")
    print(f"RESULT model={name} path=torch steps={steps} batch={BATCH_SIZE} unit=images "
          f"params={trainable(model)} threads={torch.get_num_threads()} helpers=- sps={','.join(sps)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
