#!/usr/bin/env bash
# Relay benchmark: commit -> consumer lag at a steady rate, and relay throughput against the raw append rate,
# against the local PostgreSQL (database ${PG_DB}_test) and RabbitMQ (vhost platform-test) that infra-up.sh starts.
# Arguments go to the benchmark (--rate 100 --seconds 20 --burst-seconds 15 --writers 16, --quick for a smoke run).
# The report (Markdown) is printed and kept in .local/bench/<timestamp>.md; progress goes to stderr.
# Exit code: 0 = report written (targets may be missed), 1 = lost/duplicated/misordered events or an error.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

"$ROOT/deploy/infra-up.sh" >&2

export ConnectionStrings__Events="Host=127.0.0.1;Port=$PG_PORT;Database=${PG_DB}_test;Username=$PG_USER;Password=$PG_PASSWORD"
export ConnectionStrings__RabbitMq="amqp://$RABBIT_USER:$RABBIT_PASSWORD@127.0.0.1:$RABBIT_PORT/platform-test"
export BENCH_RABBITMQ_MANAGEMENT="http://127.0.0.1:$RABBIT_MGMT_PORT/"

project="$ROOT/tests/Platform.Benchmarks/Platform.Benchmarks.csproj"
log "building the benchmark (Release)" >&2
dotnet build "$project" -c Release -nologo -v quiet >&2

out_dir="$LOCAL/bench"
mkdir -p "$out_dir"
report="$out_dir/$(date -u +%Y%m%dT%H%M%SZ).md"
log "running: Platform.Benchmarks $*" >&2
set +e
dotnet "$ROOT/tests/Platform.Benchmarks/bin/Release/net10.0/Platform.Benchmarks.dll" "$@" | tee "$report"
status=${PIPESTATUS[0]}
set -e
if [[ -s "$report" ]]; then
  log "report: $report" >&2
else
  rm -f "$report"
fi
exit "$status"
