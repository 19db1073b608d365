#!/usr/bin/env bash
# Mult-VAE's β chosen as Liang et al. (WWW 2018, §2.2.2) advise: train with β annealed linearly from 0 to 1 over the
# whole run, take β at the epoch with the best validation NDCG@100 (from MODEL.curve.csv), retrain with that cap, and
# score once on the test users. The reference's 200,000 annealing steps suit ML-20M (~230 updates per epoch); on
# these small sets the run has a few hundred updates, so the anneal spans exactly the run's updates.
# Usage: scripts/beta-select.sh SPLIT_DIR [RUN_DIR]   (a split from `recoder split strong`)
set -euo pipefail
cd "$(dirname "$0")/.."
split=$1
runs=${2:-runs/beta}
mkdir -p "$runs"
users=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["counts"]["train"]["users"])' "$split/split.json")
steps=$(( (users + 499) / 500 * 200 ))
./recoder train multvae --set betaCap=1 --set annealSteps="$steps" --split "$split" --out "$runs/anneal.recoder" --force >&2
beta=$(python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
best = max(rows, key=lambda r: float(r["validation_ndcg@100"]))
print("%.4f" % float(best["beta"]))' "$runs/anneal.recoder.curve.csv")
./recoder train multvae --set betaCap="$beta" --set annealSteps="$steps" --split "$split" --out "$runs/chosen.recoder" --force >&2
for m in anneal chosen; do
  ./recoder evaluate --model "$runs/$m.recoder" --split "$split" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print("| %s | %s | %.4f ± %.4f | %.4f ± %.4f | %.4f ± %.4f |" % (sys.argv[1], sys.argv[2],
      d["ndcg@100"], d["stderr"]["ndcg@100"], d["recall@20"], d["stderr"]["recall@20"], d["recall@50"], d["stderr"]["recall@50"]))' \
    "$split" "$([ $m = anneal ] && echo "β annealed 0 → 1 over $steps updates, best epoch" || echo "β capped at $beta (β at that best epoch)")"
done
