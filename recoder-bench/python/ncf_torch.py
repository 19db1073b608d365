#!/usr/bin/env python3
"""GMF, MLP or NeuMF (He et al., "Neural Collaborative Filtering", WWW 2017) in PyTorch, trained as the authors'
Keras code and `recoder train` do: every epoch each training interaction (u, i) is a positive and is followed by
`--negatives` items drawn uniformly from those u never interacted with (drawn afresh each epoch), the pairs
shuffled, minibatches of `--batch` pairs, sigmoid output and binary cross-entropy, Adam 1e-3. Embeddings
N(0, 0.01^2); GMF 8 factors; MLP user and item embeddings of layers[0]/2 each, then the 64-32-16-8 ReLU tower; NeuMF
both, the GMF vector and the last MLP layer concatenated into the output layer.

Adam is the reference code's dense Adam by default (every embedding row moves every step, through its moments);
--sparse uses sparse embedding gradients with torch.optim.SparseAdam for the tables and Adam for the rest, which is
what Recoder's lazy row-sparse Adam computes (only the rows of the batch move).

Used by `recoder bench ncf --torch` for a side-by-side throughput on the same interactions. Reads a TSV with a
header and columns user, item, ... (the split format's train.tsv). Times the negative sampling and the training
steps of one epoch separately; with --max-pairs, only the first that many pairs of the epoch are trained (the rate
per pair is steady after the first batches). Prints
`ncf_torch pairs P of ALL sample_seconds S train_seconds T pairs_per_second R ...` (R = P / (S·P/ALL + T), the
sampling charged for the pairs trained).
"""
import argparse
import time

import numpy as np
import torch


def load(path):
    users, items = {}, {}
    rows, cols = [], []
    with open(path) as f:
        next(f)
        for line in f:
            u, i = line.split("\t")[:2]
            rows.append(users.setdefault(u, len(users)))
            cols.append(items.setdefault(i, len(items)))
    user = np.asarray(rows, dtype=np.int64)
    item = np.asarray(cols, dtype=np.int64)
    return user, item, len(users), len(items)


def sample(user, item, n_items, negatives, rng):
    """Every positive followed by its negatives, uniform over the user's non-items (rejection, vectorised)."""
    seen = np.unique(user * n_items + item)
    neg_user = np.repeat(user, negatives)
    neg_item = rng.integers(0, n_items, size=neg_user.shape[0])
    redraw = np.arange(neg_user.shape[0])
    while redraw.shape[0] > 0:
        key = neg_user[redraw] * n_items + neg_item[redraw]
        at = np.minimum(np.searchsorted(seen, key), seen.shape[0] - 1)
        redraw = redraw[seen[at] == key]
        neg_item[redraw] = rng.integers(0, n_items, size=redraw.shape[0])
    u = np.concatenate([user, neg_user])
    i = np.concatenate([item, neg_item])
    y = np.concatenate([np.ones(user.shape[0], np.float32), np.zeros(neg_user.shape[0], np.float32)])
    order = rng.permutation(u.shape[0])
    return u[order], i[order], y[order]


class Ncf(torch.nn.Module):
    def __init__(self, model, n_users, n_items, factors, layers, sparse):
        super().__init__()
        self.gmf = model in ("gmf", "neumf")
        self.mlp = model in ("mlp", "neumf")
        emb = lambda n, d: torch.nn.Embedding(n, d, sparse=sparse)
        width = 0
        if self.gmf:
            self.gmf_user, self.gmf_item = emb(n_users, factors), emb(n_items, factors)
            width += factors
        if self.mlp:
            self.mlp_user, self.mlp_item = emb(n_users, layers[0] // 2), emb(n_items, layers[0] // 2)
            self.tower = torch.nn.Sequential(*[m for a, b in zip(layers, layers[1:])
                                               for m in (torch.nn.Linear(a, b), torch.nn.ReLU())])
            width += layers[-1]
        for m in self.modules():
            if isinstance(m, torch.nn.Embedding):
                torch.nn.init.normal_(m.weight, std=0.01)
        self.out = torch.nn.Linear(width, 1)

    def forward(self, u, i):
        parts = []
        if self.gmf:
            parts.append(self.gmf_user(u) * self.gmf_item(i))
        if self.mlp:
            parts.append(self.tower(torch.cat([self.mlp_user(u), self.mlp_item(i)], dim=1)))
        return self.out(torch.cat(parts, dim=1) if len(parts) > 1 else parts[0]).squeeze(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--model", default="neumf", choices=["gmf", "mlp", "neumf"])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--factors", type=int, default=8)
    ap.add_argument("--layers", default="64-32-16-8")
    ap.add_argument("--negatives", type=int, default=4)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--sparse", action="store_true")
    ap.add_argument("--max-pairs", type=int, default=0)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    rng = np.random.default_rng(1)
    user, item, n_users, n_items = load(args.train)
    net = Ncf(args.model, n_users, n_items, args.factors, [int(x) for x in args.layers.split("-")], args.sparse)
    if args.sparse:
        tables = [p for n, p in net.named_parameters() if n.endswith(("_user.weight", "_item.weight"))]
        rest = [p for n, p in net.named_parameters() if not n.endswith(("_user.weight", "_item.weight"))]
        opts = [torch.optim.SparseAdam(tables, lr=args.lr), torch.optim.Adam(rest, lr=args.lr)]
    else:
        opts = [torch.optim.Adam(net.parameters(), lr=args.lr)]
    loss_fn = torch.nn.BCEWithLogitsLoss()

    t0 = time.perf_counter()
    u, i, y = sample(user, item, n_items, args.negatives, rng)
    sample_seconds = time.perf_counter() - t0
    total = u.shape[0]
    pairs = total if args.max_pairs <= 0 else min(total, args.max_pairs)
    u, i, y = torch.from_numpy(u[:pairs]), torch.from_numpy(i[:pairs]), torch.from_numpy(y[:pairs])
    t0 = time.perf_counter()
    for start in range(0, pairs, args.batch):
        end = min(pairs, start + args.batch)
        for o in opts:
            o.zero_grad()
        loss = loss_fn(net(u[start:end], i[start:end]), y[start:end])
        loss.backward()
        for o in opts:
            o.step()
    train_seconds = time.perf_counter() - t0
    rate = pairs / (sample_seconds * pairs / total + train_seconds)
    print(f"ncf_torch pairs {pairs} of {total} sample_seconds {sample_seconds:.2f} train_seconds {train_seconds:.2f} "
          f"pairs_per_second {rate:.0f} loss {loss.item():.4f} torch {torch.__version__} threads {torch.get_num_threads()}",
          flush=True)


if __name__ == "__main__":
    main()
