#!/usr/bin/env python3
"""I-AutoRec [U-500-U] the way the popular ports (gtshs2/Autorec and its PyTorch rewrites) compute it: each batch of
items is made a dense |U|-wide tensor of ratings with a 0/1 mask of the observed entries, h = sigmoid(V r + mu),
out = W h + b (identity), loss = sum(((out - r) * mask)^2) + lambda/2 (|W|^2 + |V|^2) scaled by the batch's share
of the items, as `recoder train iautorec` does. Full-batch RProp (the paper's optimizer and Recoder's default:
the gradient summed over every batch, one step per epoch) or, with --adam, Adam 1e-3 after every batch.

Used by `recoder bench vae --model iautorec --torch` for a side-by-side timing on the same ratings. Reads a TSV
with a header and columns user, item, value (the split format's train.tsv). Prints `epoch_seconds S1 S2 ...`.
"""
import argparse
import time

import numpy as np
import torch


def load(path):
    users, items = {}, {}
    rows, cols, vals = [], [], []
    with open(path) as f:
        next(f)
        for line in f:
            u, i, v = line.split("\t")[:3]
            rows.append(users.setdefault(u, len(users)))
            cols.append(items.setdefault(i, len(items)))
            vals.append(float(v))
    # One sample per item: its ratings by every user.
    item = np.asarray(cols, dtype=np.int64)
    user = np.asarray(rows, dtype=np.int64)
    value = np.asarray(vals, dtype=np.float32)
    order = np.argsort(item, kind="stable")
    item, user, value = item[order], user[order], value[order]
    indptr = np.zeros(len(items) + 1, dtype=np.int64)
    np.add.at(indptr, item + 1, 1)
    return np.cumsum(indptr), user, value, len(users), len(items)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--hidden", type=int, default=500)
    ap.add_argument("--lam", type=float, default=100.0)
    ap.add_argument("--adam", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    indptr, user, value, n_users, n_items = load(args.train)
    enc = torch.nn.Linear(n_users, args.hidden)
    dec = torch.nn.Linear(args.hidden, n_users)
    for layer in (enc, dec):
        torch.nn.init.xavier_uniform_(layer.weight)
        torch.nn.init.zeros_(layer.bias)
    params = list(enc.parameters()) + list(dec.parameters())
    opt = torch.optim.Adam(params, lr=1e-3) if args.adam else torch.optim.Rprop(params, lr=0.01)
    rng = np.random.default_rng(1)
    samples = np.flatnonzero(np.diff(indptr) > 0)
    seconds = []
    for _ in range(args.epochs):
        t0 = time.time()
        perm = rng.permutation(samples) if args.adam else samples
        opt.zero_grad()
        for start in range(0, len(perm), args.batch):
            idx = perm[start:start + args.batch]
            r = np.zeros((len(idx), n_users), dtype=np.float32)
            m = np.zeros((len(idx), n_users), dtype=np.float32)
            for k, i in enumerate(idx):
                lo, hi = indptr[i], indptr[i + 1]
                r[k, user[lo:hi]] = value[lo:hi]
                m[k, user[lo:hi]] = 1.0
            r, m = torch.from_numpy(r), torch.from_numpy(m)
            out = dec(torch.sigmoid(enc(r)))
            share = len(idx) / len(samples)
            loss = torch.sum(((out - r) * m) ** 2) + share * args.lam / 2 * (
                torch.sum(enc.weight ** 2) + torch.sum(dec.weight ** 2))
            loss.backward()
            if args.adam:
                opt.step()
                opt.zero_grad()
        if not args.adam:
            opt.step()
        seconds.append(time.time() - t0)
    print("epoch_seconds " + " ".join(f"{s:.1f}" for s in seconds), flush=True)


if __name__ == "__main__":
    main()
