#!/usr/bin/env bash
# VASP rows of docs/results.md: the strong-generalization splits of scripts/ease-results.sh (seed 98765 unless SEED is
# set), VASP and its ablations (FLVAE alone, Neural EASE alone with each of the three losses), one test run each.
# Each variant is NAME:SETTINGS, the settings being train --set NAME=VALUE pairs separated by '+'.
# Usage: [ONLY=ml-100k] [SEED=98765] [VARIANTS="vasp: flvae:paths=FLVAE"] scripts/vasp-results.sh [DATA_DIR] [RUN_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
runs=${2:-runs/vasp}
seed=${SEED:-98765}
mkdir -p "$runs"
variants=${VARIANTS:-"vasp: flvae:paths=FLVAE nease-focal:paths=EASE nease-cosine:paths=EASE+loss=COSINE nease-squared:paths=EASE+loss=SQUARED"}

metric() { python3 -c 'import json,sys; d=json.load(sys.stdin); k=sys.argv[1]; print("%.4f ± %.4f" % (d[k], d["stderr"][k]))' "$@"; }

run() { # name format path threshold-args...
  local name=$1 format=$2 path=$3; shift 3
  if [ -n "${ONLY:-}" ] && [ "$name" != "$ONLY" ]; then return 0; fi
  local split=$runs/$name-$seed
  ./recoder split strong --input "$path" --format "$format" "$@" --heldout-users 0.1 --seed "$seed" --out "$split" --force >&2
  for v in $variants; do
    local label=${v%%:*} settings=${v#*:} args=()
    if [ -n "$settings" ]; then
      IFS='+' read -r -a pairs <<<"$settings"
      for p in "${pairs[@]}"; do args+=(--set "$p"); done
    fi
    local t0=$SECONDS
    ./recoder train vasp "${args[@]}" --split "$split" --out "$runs/$label.recoder" --force >&2
    local j; j=$(./recoder evaluate --model "$runs/$label.recoder" --split "$split" --json)
    printf '| %s | %s | %s | %s | %s | %s | %s s |\n' "$name" "$seed" "$label ${settings:-(defaults)}" "$(metric ndcg@100 <<<"$j")" \
      "$(metric recall@20 <<<"$j")" "$(metric recall@50 <<<"$j")" "$((SECONDS - t0))"
    rm -f "$runs/$label.recoder"
  done
}

echo '| dataset | split seed | model | NDCG@100 | Recall@20 | Recall@50 | train + evaluate |'
echo '|---|---|---|---|---|---|---|'
run ml-100k ml-100k "$data/ml-100k/u.data" --threshold 3.5
run ml-latest-small ml-latest-small "$data/ml-latest-small/ml-latest-small/ratings.csv" --threshold 3.5
run lastfm hetrec2011-lastfm-2k "$data/hetrec2011-lastfm-2k/user_artists.dat"
run citeulike-a citeulike-a "$data/citeulike-a/users.dat"
