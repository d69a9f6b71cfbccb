#!/usr/bin/env bash
# Gantry vs PyTorch training speed on this machine, side by side, for every seed model.
#
#   bench/run.sh                      # all six seed models, all cores
#   bench/run.sh 001-mlp-keras 002-minimal
#   THREADS=1 bench/run.sh 000-dcgan-tf
#
# Gantry side: `./gantry bench` on experiments/seeds/<model>.yaml (gantry run's code path, tracking on
# into bench/results/mlruns, quality evaluation off). PyTorch side: bench/torch_reference.py, the same
# model, init, batch, loss, optimizer and iteration, installed into bench/.venv from PyPI on first use.
# Both run on $THREADS threads with the same warm-up and measured steps. Results and a Markdown table
# go to bench/results/<date-time>/.
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS="${THREADS:-$(nproc)}"
ALL="000-baseline-fnn 000-dcgan-tf 001-mlp-keras 002-minimal 003-dcgan-d2l 004-dcgan-upsample"
MODELS="${*:-$ALL}"

# warm-up and measured steps per model: small models need many steps for a stable figure, the DCGANs
# take seconds a step
steps_for() {
  case "$1" in
    000-dcgan-tf) echo "3 15" ;;
    003-dcgan-d2l) echo "2 4" ;;
    004-dcgan-upsample) echo "5 30" ;;
    002-minimal) echo "100 1000" ;;
    *) echo "20 300" ;;
  esac
}

if ! bench/.venv/bin/python -c "import torch, numpy" >/dev/null 2>&1; then
  echo "bench: installing PyTorch into bench/.venv (PyPI; a few GB on first use) ..." >&2
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install --quiet --upgrade pip
  bench/.venv/bin/pip install --quiet torch numpy
fi

./gantry --version >/dev/null                        # builds Gantry on first use
./gantry data experiments/seeds/002-minimal.yaml >/dev/null   # MNIST for both sides

OUT="bench/results/$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
if [[ " $MODELS " == *" 003-dcgan-d2l "* ]]; then
  # Seed 003's Pokemon sprites cannot be downloaded here: 721 random 64x64 RGB PNGs stand in (speed
  # does not depend on the pixels).
  bench/.venv/bin/python bench/make_images.py bench/work/sprites 721 64
fi

export OMP_NUM_THREADS="$THREADS" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
for m in $MODELS; do
  read -r warmup steps <<<"$(steps_for "$m")"
  extra=()
  [ "$m" = "003-dcgan-d2l" ] && extra=(--set "dataset.path=$PWD/bench/work/sprites")
  echo "bench: $m, Gantry ($warmup warm-up + $steps steps, $THREADS threads) ..." >&2
  ./gantry bench "experiments/seeds/$m.yaml" --warmup "$warmup" --steps "$steps" \
      --tracking-uri bench/results/mlruns --json "$OUT/$m.gantry.json" "${extra[@]}" >"$OUT/$m.gantry.log" 2>&1 \
    || { echo "bench: Gantry failed on $m, see $OUT/$m.gantry.log" >&2; tail -5 "$OUT/$m.gantry.log" >&2; }
  echo "bench: $m, PyTorch ..." >&2
  bench/.venv/bin/python bench/torch_reference.py "$m" --warmup "$warmup" --steps "$steps" --threads "$THREADS" \
      --json "$OUT/$m.torch.json" >"$OUT/$m.torch.log" 2>&1 \
    || { echo "bench: PyTorch failed on $m, see $OUT/$m.torch.log" >&2; tail -5 "$OUT/$m.torch.log" >&2; }
done
bench/.venv/bin/python bench/report.py "$OUT" | tee "$OUT/results.md"
