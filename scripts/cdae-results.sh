#!/usr/bin/env bash
# CDAE rows of docs/results.md: the strong-generalization splits of scripts/ease-results.sh (seed 98765), CDAE trained
# on the training users plus the held-out users' fold-in rows (it cannot fold in new users). First RecBole's defaults
# (batch 2048), then the batch size chosen on validation NDCG@100 from 2048, 500 and 128, each scored once on test.
# Usage: [ONLY=ml-100k] scripts/cdae-results.sh [DATA_DIR] [RUN_DIR]   (defaults: ../shared/data, runs/results)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
runs=${2:-runs/results}
mkdir -p "$runs"

metric() { python3 -c 'import json,sys; d=json.load(sys.stdin); k=sys.argv[1]; print("%.4f ± %.4f" % (d[k], d["stderr"][k]))' "$@"; }
value() { python3 -c 'import json,sys; print(json.load(sys.stdin)["ndcg@100"])'; }

run() { # name format path threshold-args...
  local name=$1 format=$2 path=$3; shift 3
  if [ -n "${ONLY:-}" ] && [ "$name" != "$ONLY" ]; then return 0; fi
  local split=$runs/$name best=2048 bestv=-1
  ./recoder split strong --input "$path" --format "$format" "$@" --heldout-users 0.1 --seed 98765 --out "$split" --force >&2
  local valid=()
  for b in 2048 500 128; do
    ./recoder train cdae --batch-size $b --split "$split" --out "$runs/cdae-$b.recoder" --force >&2
    local v; v=$(./recoder evaluate --model "$runs/cdae-$b.recoder" --split "$split" --on validation --json | value)
    valid+=("$b: $(printf '%.4f' "$v")")
    if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) > float(sys.argv[2]) else 1)' "$v" "$bestv"; then best=$b bestv=$v; fi
  done
  for b in 2048 $best; do
    local j; j=$(./recoder evaluate --model "$runs/cdae-$b.recoder" --split "$split" --json)
    local label="CDAE, batch $b"
    if [ "$b" = 2048 ]; then label="$label (RecBole default)"; fi
    if [ "$b" = "$best" ]; then label="$label (chosen on validation: ${valid[*]})"; fi
    printf '| %s | %s | %s | %s | %s |\n' "$name" "$label" "$(metric ndcg@100 <<<"$j")" "$(metric recall@20 <<<"$j")" "$(metric recall@50 <<<"$j")"
    if [ "$best" = 2048 ]; then break; fi
  done
}

echo '| dataset | model | NDCG@100 | Recall@20 | Recall@50 |'
echo '|---|---|---|---|---|'
run ml-100k ml-100k "$data/ml-100k/u.data" --threshold 3.5
run ml-latest-small ml-latest-small "$data/ml-latest-small/ml-latest-small/ratings.csv" --threshold 3.5
run lastfm hetrec2011-lastfm-2k "$data/hetrec2011-lastfm-2k/user_artists.dat"
run citeulike-a citeulike-a "$data/citeulike-a/users.dat"
