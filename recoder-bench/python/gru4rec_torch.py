#!/usr/bin/env python3
"""GRU4Rec (Hidasi et al., ICLR 2016; Hidasi & Karatzoglou, CIKM 2018) in plain PyTorch, in the configuration
`recoder train gru4rec` trains by default (the official code's best Yoochoose parameters): one GRU layer stepped
one event at a time over session-parallel mini-batches (a slot whose session ends takes the next session, in order
of first event, with a zero state), the item embedding shared between input and output, an output bias, scores
against the mini-batch's own targets plus `--samples` negatives shared by the mini-batch and drawn in proportion to
support^`--alpha`, cross-entropy with the logQ correction, dropout on the hidden state, Adagrad with sparse
gradients for the embedding and bias (only the rows a step touches move, as in the official code's
IndexedAdagradM and in Recoder).

Written for `recoder bench gru4rec --torch` (a side-by-side throughput on the same sessions), not a port of the
official code. Reads a TSV with a header and columns SessionId, ItemId, Time (session-rec's format). Times the
training steps of one epoch; with --max-events, only the first that many events are trained (the rate per event is
steady after the first steps). Prints `gru4rec_torch events E of ALL seconds S events_per_second R threads T ...`.
"""
import argparse
import time

import numpy as np
import torch


def load(path):
    sessions, items = {}, {}
    s_col, i_col, t_col = [], [], []
    with open(path) as f:
        next(f)
        for line in f:
            s, i, t = line.rstrip("\n").split("\t")[:3]
            s_col.append(sessions.setdefault(s, len(sessions)))
            i_col.append(items.setdefault(i, len(items)))
            t_col.append(float(t))
    s_col = np.asarray(s_col, dtype=np.int64)
    i_col = np.asarray(i_col, dtype=np.int64)
    t_col = np.asarray(t_col)
    # Events by session, in time order within it; sessions by their first event.
    order = np.lexsort((np.arange(len(s_col)), t_col, s_col))
    s_col, i_col, t_col = s_col[order], i_col[order], t_col[order]
    starts = np.flatnonzero(np.r_[True, s_col[1:] != s_col[:-1]])
    lengths = np.diff(np.r_[starts, len(s_col)])
    keep = lengths >= 2
    starts, lengths = starts[keep], lengths[keep]
    by_time = np.argsort(t_col[starts], kind="stable")
    return i_col, starts[by_time], lengths[by_time], len(items)


class Gru4Rec(torch.nn.Module):
    def __init__(self, n_items, hidden, dropout):
        super().__init__()
        self.embedding = torch.nn.Embedding(n_items, hidden, sparse=True)
        self.bias = torch.nn.Embedding(n_items, 1, sparse=True)
        self.gru = torch.nn.GRUCell(hidden, hidden)
        self.dropout = torch.nn.Dropout(dropout)
        torch.nn.init.zeros_(self.bias.weight)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--hidden", type=int, default=480)
    ap.add_argument("--batch", type=int, default=48)
    ap.add_argument("--samples", type=int, default=2048)
    ap.add_argument("--alpha", type=float, default=0.2)
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--lr", type=float, default=0.07)
    ap.add_argument("--logq", type=float, default=1.0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--max-events", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    items, starts, lengths, n_items = load(a.train)
    support = np.bincount(items, minlength=n_items).astype(np.float64)
    p = support ** a.alpha
    cdf = np.cumsum(p / p.sum())
    log_support = torch.tensor(np.log(np.maximum(support, 1e-24)), dtype=torch.float32)
    model = Gru4Rec(n_items, a.hidden, a.dropout)
    dense = list(model.gru.parameters())
    opt_dense = torch.optim.Adagrad(dense, lr=a.lr, eps=1e-6)
    opt_sparse = torch.optim.Adagrad(list(model.embedding.parameters()) + list(model.bias.parameters()), lr=a.lr, eps=1e-6)
    total = int((lengths - 1).sum())
    budget = a.max_events if a.max_events > 0 else total
    slots = min(a.batch, len(starts))
    session = np.arange(slots)
    pos = np.zeros(slots, dtype=np.int64)
    nxt = slots
    h = torch.zeros(slots, a.hidden)
    done = 0
    t0 = time.perf_counter()
    while slots > 0 and done < budget:
        at = starts[session] + pos
        inp = torch.from_numpy(items[at])
        tgt = torch.from_numpy(items[at + 1])
        neg = torch.from_numpy(np.minimum(np.searchsorted(cdf, rng.random(a.samples)), n_items - 1))
        cols = torch.cat([tgt, neg])
        x = model.embedding(inp)
        h = model.dropout(model.gru(x, h))
        scores = h @ model.embedding(cols).T + model.bias(cols).T
        if a.logq > 0:
            corr = torch.cat([log_support[tgt], a.alpha * log_support[neg]])
            scores = scores - a.logq * corr
        n = len(session)
        loss = torch.nn.functional.cross_entropy(scores, torch.arange(n), reduction="sum") / a.batch
        opt_dense.zero_grad()
        opt_sparse.zero_grad()
        loss.backward()
        opt_dense.step()
        opt_sparse.step()
        done += n
        # The state is carried without back-propagation through time, as the official code does.
        h = h.detach()
        pos += 1
        finished = pos + 1 >= lengths[session]
        keep = np.ones(n, dtype=bool)
        for b in np.flatnonzero(finished):
            if nxt < len(starts):
                session[b] = nxt
                pos[b] = 0
                nxt += 1
                h[b] = 0
            else:
                keep[b] = False
        if not keep.all():
            session, pos = session[keep], pos[keep]
            h = h[torch.from_numpy(keep)]
            slots = len(session)
    seconds = time.perf_counter() - t0
    print("gru4rec_torch events %d of %d seconds %.3f events_per_second %.1f threads %d loss %.4f torch %s"
          % (done, total, seconds, done / seconds, a.threads, float(loss), torch.__version__))


if __name__ == "__main__":
    main()
