#!/usr/bin/env python3
# Runs session-rec's own SKNN and V-SKNN (rn5l/session-rec, algorithms/knn/sknn.py and vsknn.py, unmodified, from a
# checkout given on the command line) over a Recoder session split, with the parameters Recoder's sknn and vsknn
# default to, and scores every next event of the test sessions with Recoder's rule (all training items ranked,
# conservative ties): the same Recall@20 and MRR@20 that `recoder evaluate` prints, from the reference code.
# Needs only numpy: the few pandas calls those two files make (DataFrame rows and columns, Series of scores) are
# stood in for below, as are the psutil and pympler imports they do not use.
# Usage: python3 sessionrec_knn.py SESSION_REC_DIR SPLIT_DIR sknn|vsknn
import sys, types, time
import numpy as np
sys.modules['psutil'] = types.ModuleType('psutil')
pymp = types.ModuleType('pympler'); pymp.asizeof = None; sys.modules['pympler'] = pymp
time.clock = time.perf_counter
class Cols:
    def __init__(self, names): self.names = names
    def get_loc(self, n): return self.names.index(n)
class DataFrame:
    def __init__(self, rows, names): self.rows = rows; self.columns = Cols(names)
    def itertuples(self, index=False): return iter(self.rows)
    def __getitem__(self, col):
        k = self.columns.get_loc(col); vals = [r[k] for r in self.rows]
        return types.SimpleNamespace(max=lambda: max(vals))
class Series:
    def __init__(self, data, index): self.values = np.asarray(data, dtype=float); self.index = index
    def __truediv__(self, x): return Series(self.values / x if x != 0 else self.values * np.nan, self.index)
    def max(self): return self.values.max()
pd = types.ModuleType('pandas'); pd.Series = Series; pd.DataFrame = DataFrame; sys.modules['pandas'] = pd
sys.path.insert(0, sys.argv[1] + '/algorithms/knn')
import sknn, vsknn

def read(f):
    rows = []
    with open(f) as fh:
        next(fh)
        for line in fh:
            u, i, v, t = line.rstrip('\n').split('\t')
            rows.append((u, i, int(t) / 1000.0))
    return rows

split, which = sys.argv[2], sys.argv[3]
train = read(split + '/train.tsv'); test = read(split + '/test_holdout.tsv')
# session-rec reads files sorted by session then time (its preprocessing writes them so); so do the split's files.
model = sknn.ContextKNN(100, sample_size=500, similarity='cosine') if which == 'sknn' else vsknn.VMContextKNN(100)
model.fit(DataFrame(train, ['SessionId', 'ItemId', 'Time']))
items = np.array(sorted({i for _, i, _ in train}), dtype=object)
pos = {x: k for k, x in enumerate(items)}
hit = mrr = n = 0
sessions = {}
for s, i, t in test:
    sessions.setdefault(s, []).append((t, i))
for s, ev in sessions.items():
    ev = [i for _, i in sorted(ev, key=lambda e: e[0])]
    for k in range(len(ev) - 1):
        series = model.predict_next(s, ev[k], items, timestamp=0)
        sc = np.nan_to_num(series.values, nan=0.0)
        target = sc[pos[ev[k + 1]]]
        rank = int((sc > target).sum() + (sc == target).sum())  # conservative: every tie above the target
        n += 1
        if rank <= 20:
            hit += 1; mrr += 1.0 / rank
print('%s: %d events, recall@20 %.4f, mrr@20 %.4f' % (which, n, hit / n, mrr / n))
