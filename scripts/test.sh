#!/usr/bin/env bash
# Install everything the tests need (Debian packages, a fresh virtualenv), check the code, run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for pkg in chromium fonts-dejavu-core libcairo2 openjdk-17-jdk-headless maven; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi
python3 -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
# The newest releases the bounds in pyproject.toml allow, so a breaking release turns a test red.
python -m pip install -q --upgrade --upgrade-strategy eager -e '.[dev]'
echo "quality: ruff, ruff format, mypy, import contracts"
ruff check .
ruff format --check .
mypy
lint-imports
# The benchmark at a small scale, as a smoke test only: it must run end to end (no timings checked).
# Its pages in Chromium run in tests/e2e/browser/test_bench_browser.py, so not twice here.
python -m netmap bench --scale 200 --repeat 1 --samples 20 --no-browser --quiet --json > /dev/null
echo "netmap bench --scale 200: ran"
# The Neo4j tests start Neo4j Community from the launcher in tests/neo4j: build it once here
# (Maven caches it in tests/neo4j/target and the jars in ~/.m2), so no test worker waits for it.
bash scripts/neo4j-server --build
python -m pytest -n 2 "$@"
