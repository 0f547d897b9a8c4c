#!/usr/bin/env bash
# schemathesis (--checks all) against the live app: a server on a free loopback port over a
# copy of seeds/ (hash embedder: no model download) with a test admin key; stopped at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
MAX_EXAMPLES="${MAX_EXAMPLES:-100}"
work="$(mktemp -d)"
port="$($BIN/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
key="ci-$($BIN/python -c 'import secrets; print(secrets.token_hex(8))')"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cp -r seeds "$work/docs"
export LIXIA_MODEL=hash LIXIA_DOCS_DIR="$work/docs" LIXIA_INDEX_DIR="$work/index" \
  LIXIA_FEEDBACK_DB="$work/feedback.sqlite" LIXIA_ADMIN_KEY="$key" GRADIO_ANALYTICS_ENABLED=False
$BIN/lixia-qa ingest "$work/docs" --index "$work/index" >/dev/null
$BIN/lixia-qa serve --host 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 120); do
  if curl -sf "http://127.0.0.1:$port/api/health" >/dev/null; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$work/server.log"; exit 1; fi
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/api/health" >/dev/null || { cat "$work/server.log"; exit 1; }
# one worker: hypothesis describes lambdas with ast.parse, which CPython 3.11 can fail
# from two threads at once ("AST constructor recursion depth mismatch")
$BIN/schemathesis --config-file .ci/schemathesis.toml run \
  "http://127.0.0.1:$port/openapi.json" --checks all --max-examples "$MAX_EXAMPLES" \
  --workers 1 -H "Authorization: Bearer $key" --seed "${SEED:-1}" --no-color
if grep -q " 500 Internal Server Error" "$work/server.log"; then
  echo "the server logged a 500:"; grep -B2 -A20 "500 Internal" "$work/server.log" | head -60
  exit 1
fi
