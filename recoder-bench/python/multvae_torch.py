#!/usr/bin/env python3
"""Mult-VAE [I-600-200-600-I] trained the way the published code does (dawenl/vae_cf, as ported to PyTorch by
most follow-ups): each minibatch of 500 users is made a dense |I|-wide float tensor, L2-normalized, dropped out
(0.5), encoded, sampled, decoded, and scored with the multinomial log-likelihood plus beta-annealed KL; Adam 1e-3.

Used by `recoder bench vae --torch` for a side-by-side timing on the same data. Reads a TSV with a header and
columns user, item, value (the split format's train.tsv). Prints one line: `epoch_seconds S1 S2 ...`.
"""
import argparse
import time

import numpy as np
import torch
import torch.nn.functional as F


def load(path):
    users, items = {}, {}
    rows, cols = [], []
    with open(path) as f:
        next(f)
        for line in f:
            u, i = line.split("\t")[:2]
            rows.append(users.setdefault(u, len(users)))
            cols.append(items.setdefault(i, len(items)))
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    order = np.argsort(rows, kind="stable")
    rows, cols = rows[order], cols[order]
    indptr = np.zeros(len(users) + 1, dtype=np.int64)
    np.add.at(indptr, rows + 1, 1)
    return np.cumsum(indptr), cols, len(users), len(items)


class MultVAE(torch.nn.Module):
    def __init__(self, n_items, hidden=600, latent=200):
        super().__init__()
        self.latent = latent
        self.q1 = torch.nn.Linear(n_items, hidden)
        self.q2 = torch.nn.Linear(hidden, 2 * latent)
        self.p1 = torch.nn.Linear(latent, hidden)
        self.p2 = torch.nn.Linear(hidden, n_items)
        for layer in (self.q1, self.q2, self.p1, self.p2):
            torch.nn.init.xavier_uniform_(layer.weight)
            torch.nn.init.trunc_normal_(layer.bias, std=0.001)

    def forward(self, x):
        h = F.dropout(F.normalize(x), 0.5, training=self.training)
        h = torch.tanh(self.q1(h))
        h = self.q2(h)
        mu, logvar = h[:, :self.latent], h[:, self.latent:]
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar) if self.training else mu
        return self.p2(torch.tanh(self.p1(z))), mu, logvar


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=500)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    indptr, cols, n_users, n_items = load(args.train)
    model = MultVAE(n_items)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    updates, seconds = 0, []
    rng = np.random.default_rng(1)
    for _ in range(args.epochs):
        model.train()
        t0 = time.time()
        perm = rng.permutation(n_users)
        for start in range(0, n_users, args.batch):
            idx = perm[start:start + args.batch]
            x = np.zeros((len(idx), n_items), dtype=np.float32)
            for r, u in enumerate(idx):
                x[r, cols[indptr[u]:indptr[u + 1]]] = 1.0
            x = torch.from_numpy(x)
            beta = min(0.2, updates / 200000)
            logits, mu, logvar = model(x)
            nll = -torch.mean(torch.sum(F.log_softmax(logits, 1) * x, -1))
            kl = torch.mean(torch.sum(0.5 * (-logvar + torch.exp(logvar) + mu ** 2 - 1), dim=1))
            loss = nll + beta * kl
            opt.zero_grad()
            loss.backward()
            opt.step()
            updates += 1
        seconds.append(time.time() - t0)
    print("epoch_seconds " + " ".join(f"{s:.1f}" for s in seconds), flush=True)


if __name__ == "__main__":
    main()
