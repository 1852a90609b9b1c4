"""PyTorch references for bench/run's charlstm and gan rows (called by torch_ref.py).

charlstm: notebook 12's character LSTM (full mode), as bench/CharLstmBench.java builds it with
  RecurrentNets.tagger(Cell.LSTM, V, 128, V, ...): one-hot [B, T, V] -> LSTM(128) -> linear -> softmax
  over V at every step; loss summed over the T steps and averaged over the batch (DL4J's RNN output
  layer with MCXENT); Adam lr 0.01 (betas 0.9, 0.999); gradients clipped element-wise at 1; DL4J's
  Xavier init for the LSTM (normal, std sqrt(2 / (V + 2 H)) for input and recurrent weights, forget
  gate bias 1) and the output layer (std sqrt(2 / (fan_in + fan_out)), bias 0). DL4J's LSTM has one
  bias vector, PyTorch's two (b_ih + b_hh): b_hh is held at zero and frozen, so both train the same
  4 H (V + H + 1) + (H + 1) V parameters. Text: notebook 12's training fortunes encoded with its
  vocabulary, exported by `java Bench charlstm export FILE` (bench/run does it); a step is 64 random
  windows of 64 characters, one-hot built per step; one sample = one window (sequence).
gan: notebook 15's Fashion-MNIST GAN, as bench/GanBench.java builds it with GanNets and Gan:
  G 64 -> 256 -> 512 -> 784 (leaky ReLU 0.2, sigmoid), Adam(1e-3, betas 0.5, 0.999); D 784 -> 512 -> 256
  -> 1 (leaky ReLU 0.2, sigmoid), Adam(2e-4, betas 0.5, 0.999); Xavier normal init, zero biases; binary
  cross-entropy. A step: D on 64 real images (label 0.9) drawn with replacement from the first 10,000
  training images plus 64 generated ones (label 0), one update; then G on the non-saturating loss
  -mean log D(G(z)) for the same z, one update (D's weight gradients are computed and discarded, as
  the course's Gan does). One sample = one real image (plus one generated).
"""
import math
import os
import struct
import time

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

BATCH = 64
SEQ_LENGTH = 64
HIDDEN = 128
LATENT = 64
NUM_IMAGES = 10_000
HERE = os.path.dirname(os.path.abspath(__file__))
CHAR_TEXT = os.environ.get("BENCH_CHAR_TEXT", os.path.join(HERE, "..", "build", "bench", "charlstm-text.bin"))


def trainable(*modules):
    """Parameters an optimiser updates (batch norm's running statistics are buffers, not counted)."""
    return sum(p.numel() for m in modules for p in m.parameters() if p.requires_grad)


# ------------------------------------------------------------------------------------ charlstm

class CharLstm(nn.Module):
    """[B, T, V] one-hot -> [B, T, V] logits."""

    def __init__(self, vocab, hidden):
        super().__init__()
        self.lstm = nn.LSTM(vocab, hidden, batch_first=True)
        self.out = nn.Linear(hidden, vocab)
        std = math.sqrt(2.0 / (vocab + 2 * hidden))  # DL4J LSTM Xavier: fanIn = H, fanOut = V + H
        nn.init.normal_(self.lstm.weight_ih_l0, 0, std)
        nn.init.normal_(self.lstm.weight_hh_l0, 0, std)
        with torch.no_grad():
            self.lstm.bias_ih_l0.zero_()
            self.lstm.bias_ih_l0[hidden:2 * hidden] = 1.0  # PyTorch's gate order i, f, g, o
            self.lstm.bias_hh_l0.zero_()
        self.lstm.bias_hh_l0.requires_grad_(False)  # DL4J has one bias vector
        nn.init.xavier_normal_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, x):
        return self.out(self.lstm(x)[0])


def read_text(path):
    """(ids as int64 tensor, V) from the file `java Bench charlstm export` writes."""
    if not os.path.exists(path):
        raise SystemExit(f"torch_seq_gan: {path} is missing; write it with "
                         "`java -cp ... Bench charlstm export {path}` (bench/run does it)")
    with open(path, "rb") as f:
        vocab, n = struct.unpack(">ii", f.read(8))
        ids = np.frombuffer(f.read(n), np.uint8)
    if len(ids) != n:
        raise SystemExit(f"torch_seq_gan: {path} holds {len(ids)} characters, its header says {n}; rerun bench/run")
    return torch.from_numpy(ids.astype(np.int64)), vocab


def charlstm(load_images):
    ids, vocab = read_text(CHAR_TEXT)
    model = CharLstm(vocab, HIDDEN)
    params = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.Adam(params, lr=0.01)
    offsets = torch.arange(SEQ_LENGTH + 1)

    def step(generator):
        starts = torch.randint(len(ids) - SEQ_LENGTH, (BATCH,), generator=generator)
        chunk = ids[starts[:, None] + offsets]                   # [B, T + 1]
        x = F.one_hot(chunk[:, :-1], vocab).float()               # [B, T, V]
        lstm_step(model, optimiser, params, x, chunk[:, 1:])

    return step, trainable(model), "sequences"


def lstm_loss(model, x, y):
    """DL4J's score of an RNN output layer: cross-entropy summed over the T steps, mean over the batch."""
    logits = model(x)                                             # [B, T, V]
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1), reduction="sum") / len(x)


def lstm_step(model, optimiser, params, x, y):
    optimiser.zero_grad()
    loss = lstm_loss(model, x, y)
    loss.backward()
    nn.utils.clip_grad_value_(params, 1.0)                        # DL4J: ClipElementWiseAbsoluteValue 1
    optimiser.step()
    return loss.item()


def lstm_from_dl4j(t):
    """A CharLstm holding DL4J's weights: W [V, 4H], RW [H, 4H], b [1, 4H] in DL4J's gate blocks
    (cell input g with tanh, forget f, output o, input gate i) -> PyTorch's [4H, .] rows i, f, g, o."""
    vocab, hidden = t["W"].shape[0], t["RW"].shape[0]
    model = CharLstm(vocab, hidden)
    blocks = lambda a: [a[:, k * hidden:(k + 1) * hidden] for k in range(4)]  # noqa: E731
    order = lambda a: torch.cat([blocks(a)[k] for k in (3, 1, 0, 2)], dim=1)  # noqa: E731
    with torch.no_grad():
        model.lstm.weight_ih_l0.copy_(order(t["W"]).T)
        model.lstm.weight_hh_l0.copy_(order(t["RW"]).T)
        model.lstm.bias_ih_l0.copy_(order(t["b"].reshape(1, -1)).reshape(-1))
        model.out.weight.copy_(t["outW"].T)
        model.out.bias.copy_(t["outb"].reshape(-1))
    return model


def check_charlstm(t):
    model = lstm_from_dl4j(t)
    params = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.Adam(params, lr=0.01)
    x = t["features"].permute(0, 2, 1)                            # [B, V, T] -> [B, T, V]
    y = t["labels"].argmax(1)                                     # [B, T]
    before = lstm_step(model, optimiser, params, x, y)
    with torch.no_grad():
        after = lstm_loss(model, x, y).item()
    return {"loss before the step": before, "loss after one Adam step": after}


# ----------------------------------------------------------------------------------------- gan

def dense(sizes, last):
    layers = []
    for i in range(len(sizes) - 1):
        layers += [nn.Linear(sizes[i], sizes[i + 1]), nn.LeakyReLU(0.2) if i < len(sizes) - 2 else last]
    net = nn.Sequential(*layers)
    for m in net:
        if isinstance(m, nn.Linear):
            nn.init.xavier_normal_(m.weight)
            nn.init.zeros_(m.bias)
    return net


def gan(load_images):
    images = load_images(NUM_IMAGES)[0]                          # [N, 784], pixels / 255
    G = dense([LATENT, 256, 512, 784], nn.Sigmoid())
    D = dense([784, 512, 256, 1], nn.Sigmoid())
    opt_g, opt_d = gan_optimisers(G, D)

    def step(generator):
        real = images[torch.randint(len(images), (BATCH,), generator=generator)]
        gan_step(G, D, opt_g, opt_d, real, torch.randn(BATCH, LATENT, generator=generator))

    return step, trainable(G, D), "real-images"


def gan_optimisers(G, D):
    return (torch.optim.Adam(G.parameters(), lr=1e-3, betas=(0.5, 0.999), eps=1e-8),
            torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-8))


def gan_step(G, D, opt_g, opt_d, real, z):
    """One D update on real (label 0.9) + G(z) (label 0), then one G update; returns both losses."""
    n = len(real)
    fake = G(z)                                                    # [n, 784]
    opt_d.zero_grad()
    d_labels = torch.cat([torch.full((n, 1), 0.9), torch.zeros(n, 1)])
    d_loss = F.binary_cross_entropy(D(torch.cat([real, fake.detach()])), d_labels)
    d_loss.backward()
    opt_d.step()
    opt_g.zero_grad()
    g_loss = F.binary_cross_entropy(D(fake), torch.ones(n, 1))    # -mean log D(G(z)), D updated
    g_loss.backward()
    opt_g.step()
    return d_loss.item(), g_loss.item()


def check_gan(t):
    G = dense([LATENT, 256, 512, 784], nn.Sigmoid())
    D = dense([784, 512, 256, 1], nn.Sigmoid())
    with torch.no_grad():
        for name, net in (("G", G), ("D", D)):
            for i, layer in enumerate(m for m in net if isinstance(m, nn.Linear)):
                layer.weight.copy_(t[f"{name}{i}_W"].T)            # DL4J W is [in, out]
                layer.bias.copy_(t[f"{name}{i}_b"].reshape(-1))
    opt_g, opt_d = gan_optimisers(G, D)
    with torch.no_grad():
        fake_before = G(t["z"])
    d_loss, g_loss = gan_step(G, D, opt_g, opt_d, t["real"], t["z"])
    with torch.no_grad():
        fake_after = G(t["z"])
    return {"G(z) before the step": fake_before, "D loss": d_loss, "G loss": g_loss,
            "G(z) after the step": fake_after}


def read_tensors(path):
    """The named float32 arrays `java Bench MODEL check FILE` writes (see bench/Tensors.java)."""
    out = {}
    with open(path, "rb") as f:
        data = f.read()
    pos = 0
    while pos < len(data):
        (length,) = struct.unpack_from(">H", data, pos)
        name = data[pos + 2:pos + 2 + length].decode("utf-8")
        pos += 2 + length
        (rank,) = struct.unpack_from(">i", data, pos)
        shape = struct.unpack_from(f">{rank}i", data, pos + 4)
        pos += 4 + 4 * rank
        count = int(np.prod(shape)) if rank else 1
        values = np.frombuffer(data, ">f4", count, pos).astype(np.float32).reshape(shape)
        pos += 4 * count
        out[name] = torch.from_numpy(values.copy())
    return out


def check(name, path):
    """Redoes the course's numbers in PyTorch from the same weights and inputs; prints one CHECK line
    per quantity with the largest absolute difference. Exit status 1 if one exceeds its tolerance."""
    t = read_tensors(path)
    ours = {"charlstm": check_charlstm, "gan": check_gan}[name](t)
    ok = True
    for quantity, value in ours.items():
        course = t[quantity].reshape(-1)
        torch_value = torch.as_tensor(value, dtype=torch.float32).reshape(-1)
        diff = (course - torch_value).abs().max().item()
        scale = max(1.0, course.abs().max().item())
        good = diff <= 1e-3 * scale  # float32, different summation order and Adam's epsilon placement
        ok &= good
        shown = (f"course {course.item():.6f} torch {torch_value.item():.6f}" if course.numel() == 1
                 else f"{course.numel()} values")
        print(f"CHECK model={name} {quantity.replace(' ', '_')}: {shown}, max |difference| {diff:.2e} "
              f"{'(same)' if good else '(DIFFERENT)'}")
    return 0 if ok else 1


WORKLOADS = {"charlstm": charlstm, "gan": gan}


def main(name, steps, warmup, reps, load_images):
    step, params, unit = WORKLOADS[name](load_images)

    def run(n, seed):
        generator = torch.Generator().manual_seed(seed)
        for _ in range(n):
            step(generator)

    run(max(1, warmup), 0)
    sps = []
    for rep in range(1, reps + 1):
        start = time.perf_counter()
        run(steps, rep)
        sps.append(f"{steps * BATCH / (time.perf_counter() - start):.1f}")
    print(f"RESULT model={name} path=torch steps={steps} batch={BATCH} unit={unit} params={params} "
          f"threads={torch.get_num_threads()} helpers=- sps={','.join(sps)}")
    return 0
