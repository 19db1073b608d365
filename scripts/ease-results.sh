#!/usr/bin/env bash
# Reproduces docs/results.md: EASE (and popularity / item-kNN for context) on Liang strong-generalization splits of
# the shared datasets. λ is chosen on the validation users from the grid below by NDCG@100, then the test users
# are scored once. Usage: [ONLY=ml-100k] scripts/ease-results.sh [DATA_DIR] [RUN_DIR]   (defaults: ../shared/data, runs/results)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
runs=${2:-runs/results}
mkdir -p "$runs"
lambdas="50 100 200 500 1000"

metric() { python3 -c 'import json,sys; d=json.load(sys.stdin); k=sys.argv[1]; print("%.4f ± %.4f" % (d[k], d["stderr"][k]) if len(sys.argv) < 3 else d[k])' "$@"; }

row() { # dataset model-label json
  local j=$3
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$(metric ndcg@100 <<<"$j")" "$(metric recall@20 <<<"$j")" \
    "$(metric recall@50 <<<"$j")" "$(metric users x <<<"$j")"
}

run() { # name format path threshold-args...
  local name=$1 format=$2 path=$3; shift 3
  if [ -n "${ONLY:-}" ] && [ "$name" != "$ONLY" ]; then return 0; fi
  local split=$runs/$name
  ./recoder split strong --input "$path" --format "$format" "$@" --heldout-users 0.1 --seed 98765 --out "$split" --force >&2
  local best="" bestScore=-1
  for l in $lambdas; do
    ./recoder train ease --lambda "$l" --split "$split" --out "$runs/ease.recoder" --force >&2
    local v; v=$(./recoder evaluate --model "$runs/ease.recoder" --split "$split" --on validation --json | metric ndcg@100 x)
    echo "$name lambda $l validation ndcg@100 $v" >&2
    if python3 -c "import sys; sys.exit(0 if float('$v') > float('$bestScore') else 1)"; then best=$l; bestScore=$v; fi
  done
  for model in popularity itemknn; do
    ./recoder train $model --split "$split" --out "$runs/$model.recoder" --force >&2
    row "$name" "$model" "$(./recoder evaluate --model "$runs/$model.recoder" --split "$split" --json)"
  done
  ./recoder train ease --lambda 500 --split "$split" --out "$runs/ease.recoder" --force >&2
  row "$name" "EASE λ=500 (default)" "$(./recoder evaluate --model "$runs/ease.recoder" --split "$split" --json)"
  ./recoder train ease --lambda 500 --set precision=float64 --split "$split" --out "$runs/ease.recoder" --force >&2
  row "$name" "EASE λ=500, float64" "$(./recoder evaluate --model "$runs/ease.recoder" --split "$split" --json)"
  ./recoder train ease --lambda "$best" --split "$split" --out "$runs/ease.recoder" --force >&2
  row "$name" "EASE λ=$best (validation)" "$(./recoder evaluate --model "$runs/ease.recoder" --split "$split" --json)"
  rm -f "$runs/ease.recoder"
}

echo '| dataset | model | NDCG@100 | Recall@20 | Recall@50 | test users |'
echo '|---|---|---|---|---|---|'
run ml-100k ml-100k "$data/ml-100k/u.data" --threshold 3.5
run ml-latest-small ml-latest-small "$data/ml-latest-small/ml-latest-small/ratings.csv" --threshold 3.5
run lastfm hetrec2011-lastfm-2k "$data/hetrec2011-lastfm-2k/user_artists.dat"
run citeulike-a citeulike-a "$data/citeulike-a/users.dat"
