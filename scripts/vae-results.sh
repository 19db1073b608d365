#!/usr/bin/env bash
# Mult-VAE, Mult-DAE and RecVAE rows of docs/results.md: the same strong-generalization splits as scripts/ease-results.sh
# (seed 98765), reference hyperparameters (200 epochs; RecVAE 50; the best validation NDCG@100 epoch kept), one test run
# each.
# Usage: [ONLY=ml-100k] [MODELS="recvae"] scripts/vae-results.sh [DATA_DIR] [RUN_DIR]   (defaults: all three, ../shared/data, runs/results)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
runs=${2:-runs/results}
mkdir -p "$runs"

metric() { python3 -c 'import json,sys; d=json.load(sys.stdin); k=sys.argv[1]; print("%.4f ± %.4f" % (d[k], d["stderr"][k]))' "$@"; }

run() { # name format path threshold-args...
  local name=$1 format=$2 path=$3; shift 3
  if [ -n "${ONLY:-}" ] && [ "$name" != "$ONLY" ]; then return 0; fi
  local split=$runs/$name
  ./recoder split strong --input "$path" --format "$format" "$@" --heldout-users 0.1 --seed 98765 --out "$split" --force >&2
  for model in ${MODELS:-multvae multdae recvae}; do
    local t0=$SECONDS
    ./recoder train $model --split "$split" --out "$runs/$model.recoder" --force >&2
    local j; j=$(./recoder evaluate --model "$runs/$model.recoder" --split "$split" --json)
    printf '| %s | %s | %s | %s | %s | %s s |\n' "$name" "$model" "$(metric ndcg@100 <<<"$j")" "$(metric recall@20 <<<"$j")" \
      "$(metric recall@50 <<<"$j")" "$((SECONDS - t0))"
  done
}

echo '| dataset | model | NDCG@100 | Recall@20 | Recall@50 | train + evaluate |'
echo '|---|---|---|---|---|---|'
run ml-100k ml-100k "$data/ml-100k/u.data" --threshold 3.5
run ml-latest-small ml-latest-small "$data/ml-latest-small/ml-latest-small/ratings.csv" --threshold 3.5
run lastfm hetrec2011-lastfm-2k "$data/hetrec2011-lastfm-2k/user_artists.dat"
run citeulike-a citeulike-a "$data/citeulike-a/users.dat"
