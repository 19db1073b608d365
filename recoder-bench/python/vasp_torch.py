#!/usr/bin/env python3
"""VASP (Vancura & Kordik, ICANN 2021) trained as the authors' TF2 notebook (zombak79/vasp) does, in PyTorch, at the
configuration of issue 13's speed check: hidden 1024, latent 1024, 7 encoder and 5 decoder dense-residual swish +
LayerNorm(eps 1e-3) layers, items_sampling 0.33 (the most popular third of the items), Neural EASE (no bias, zero
diagonal after every step), output = sigmoid(dec_resnet) * sigmoid(dec_latent) * sigmoid(ease); sigmoid focal loss
(alpha 0.25, gamma 2, summed over items, mean over the batch, as tfa) plus the KL mean; Nadam lr 5e-5; per step 1024
users, each giving its split-brain samples A->B and B->A (2048 dense rows).

Used by `recoder bench vae --model vasp --torch` for a side-by-side timing on the same data. Reads a TSV with a header
and columns user, item, value (the split format's train.tsv). Prints one line: `epoch_seconds S1 S2 ...`.
"""
import argparse
import time

import numpy as np
import torch
import torch.nn.functional as F

from multvae_torch import load


class Stack(torch.nn.Module):
    def __init__(self, n_in, hidden, depth, eps=1e-3):
        super().__init__()
        self.fc = torch.nn.ModuleList([torch.nn.Linear(n_in, hidden)] + [torch.nn.Linear(hidden, hidden) for _ in range(depth - 1)])
        self.ln = torch.nn.ModuleList([torch.nn.LayerNorm(hidden, eps=eps) for _ in range(depth)])

    def forward(self, x):
        hs = []
        for fc, ln in zip(self.fc, self.ln):
            h = fc(x if not hs else hs[-1])
            hs.append(ln(F.silu(h + sum(hs)) if hs else F.silu(h)))
        return hs[-1]


class Vasp(torch.nn.Module):
    def __init__(self, s, hidden=1024, latent=1024):
        super().__init__()
        self.encoder = Stack(s, hidden, 7)
        self.mu = torch.nn.Linear(hidden, latent)
        self.logvar = torch.nn.Linear(hidden, latent)
        self.decoder = Stack(latent, hidden, 5)
        self.resnet = torch.nn.Linear(hidden, s)
        self.latent = torch.nn.Linear(latent, s)
        self.ease = torch.nn.Linear(s, s, bias=False)

    def forward(self, x):
        e = self.encoder(x)
        mu, logvar = self.mu(e), self.logvar(e)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        kl = -0.5 * torch.mean(1 + logvar - mu.pow(2) - logvar.exp())
        p = torch.sigmoid(self.resnet(self.decoder(z))) * torch.sigmoid(self.latent(z)) * torch.sigmoid(self.ease(x))
        return p, kl


def focal(y, p, alpha=0.25, gamma=2.0, eps=1e-7):
    pc = p.clamp(eps, 1 - eps)
    ce = -(y * torch.log(pc + eps) + (1 - y) * torch.log(1 - pc + eps))
    p_t = y * p + (1 - y) * (1 - p)
    a = y * alpha + (1 - y) * (1 - alpha)
    return (a * (1 - p_t).pow(gamma) * ce).sum(dim=-1).mean()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=1024)
    ap.add_argument("--items-sampling", type=float, default=0.33)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    indptr, cols, n_users, n_items = load(args.train)
    s = int(n_items * args.items_sampling)
    degree = np.bincount(cols, minlength=n_items)
    order = sorted(range(n_items), key=lambda i: (-degree[i], i))
    column = np.full(n_items, -1, dtype=np.int64)
    column[np.asarray(order[:s])] = np.arange(s)
    model = Vasp(s)
    with torch.no_grad():
        model.ease.weight.fill_diagonal_(0)
    opt = torch.optim.NAdam(model.parameters(), lr=5e-5)
    rng = np.random.default_rng(1)
    seconds = []
    for _ in range(args.epochs):
        t0 = time.time()
        perm = rng.permutation(n_users)
        for start in range(0, n_users, args.batch):
            idx = perm[start:start + args.batch]
            x = np.zeros((2 * len(idx), s), dtype=np.float32)
            y = np.zeros((2 * len(idx), s), dtype=np.float32)
            for r, u in enumerate(idx):
                items = column[rng.permutation(cols[indptr[u]:indptr[u + 1]])]
                half = len(items) // 2
                a, b = items[:half], items[half:]
                a, b = a[a >= 0], b[b >= 0]
                x[2 * r, b], y[2 * r, a] = 1, 1
                x[2 * r + 1, a], y[2 * r + 1, b] = 1, 1
            xt, yt = torch.from_numpy(x), torch.from_numpy(y)
            opt.zero_grad()
            p, kl = model(xt)
            loss = focal(yt, p) + kl
            loss.backward()
            opt.step()
            with torch.no_grad():
                model.ease.weight.fill_diagonal_(0)
        seconds.append(time.time() - t0)
    print("epoch_seconds " + " ".join(f"{v:.1f}" for v in seconds), flush=True)


if __name__ == "__main__":
    main()
