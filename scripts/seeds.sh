#!/usr/bin/env bash
# Means over 5 split seeds (strong generalization, 10% validation / 10% test users) for every model, with the
# defaults of `recoder train` (EASE λ = 500). Small test sets are noisy; this averages the split away.
# Usage: [MODELS="..."] scripts/seeds.sh DATASET FORMAT INPUT [threshold args...]   e.g.
#   scripts/seeds.sh ml-100k ml-100k ../shared/data/ml-100k/u.data --threshold 3.5
# A model may carry train options after a colon, commas for spaces: MODELS="ease:--lambda,200 cdae:--batch-size,128".
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1 format=$2 input=$3; shift 3
runs=${RUNS:-runs/seeds}
models=${MODELS:-popularity itemknn ease multdae multvae recvae}
mkdir -p "$runs"
out=$runs/$name.jsonl
: > "$out"
for seed in 98765 1 2 3 4; do
  split=$runs/$name-$seed
  ./recoder split strong --input "$input" --format "$format" "$@" --heldout-users 0.1 --seed "$seed" --out "$split" --force >&2
  for spec in $models; do
    model=${spec%%:*} args=()
    if [ "$spec" != "$model" ]; then IFS=, read -r -a args <<<"${spec#*:}"; fi
    ./recoder train "$model" "${args[@]}" --split "$split" --out "$runs/$name.recoder" --force >&2
    ./recoder evaluate --model "$runs/$name.recoder" --split "$split" --json \
      | python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps({"seed": int(sys.argv[1]), "model": sys.argv[2], "ndcg@100": d["ndcg@100"], "recall@20": d["recall@20"], "recall@50": d["recall@50"], "users": d["users"]}))' "$seed" "$spec" >> "$out"
  done
  rm -f "$runs/$name.recoder"
done
python3 - "$out" "$name" <<'PY'
import json, sys, statistics as st
rows = [json.loads(l) for l in open(sys.argv[1])]
models = list(dict.fromkeys(r["model"] for r in rows))
print(f"| {sys.argv[2]} (5 split seeds) | NDCG@100 | Recall@20 | Recall@50 |")
print("|---|---|---|---|")
for m in models:
    rs = [r for r in rows if r["model"] == m]
    cell = lambda k: f'{st.mean(r[k] for r in rs):.4f} ± {st.stdev(r[k] for r in rs):.4f}'
    print(f"| {m} | {cell('ndcg@100')} | {cell('recall@20')} | {cell('recall@50')} |")
PY
