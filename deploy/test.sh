#!/usr/bin/env bash
# Runs every test of the solution against local PostgreSQL and RabbitMQ (started by infra-up.sh).
# Extra arguments go to `dotnet test` (e.g. --filter FullyQualifiedName~Intake).
# The last line printed is `N passed, M failed`.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

"$ROOT/deploy/infra-up.sh"
ensure_signing_key

export PLATFORM_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Database=${PG_DB}_test;Username=$PG_USER;Password=$PG_PASSWORD"
export PLATFORM_TEST_RABBITMQ="amqp://$RABBIT_USER:$RABBIT_PASSWORD@127.0.0.1:$RABBIT_PORT/platform-test"
export PLATFORM_TEST_RABBITMQCTL="$ROOT/deploy/rabbitmqctl.sh"
export PLATFORM_TEST_PGCTL="$ROOT/deploy/pgctl.sh"
export PLATFORM_ROOT="$ROOT"
export PLATFORM_TEST_RESULTS="$LOCAL/test-results"   # screenshots of the console's browser tests

# The platform ledger queue of the test vhost keeps only this run's events.
"$ROOT/deploy/rabbitmqctl.sh" purge_queue -p platform-test platform-ledger >/dev/null 2>&1 || true

RESULTS="$LOCAL/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

sln="$(solution_file)" || { echo "no Platform.sln in $ROOT"; echo "build failed"; echo "0 passed, 0 failed"; exit 1; }
cd "$ROOT"

log "building $(basename "$sln") (Release)"
if ! dotnet build "$sln" -c Release -nologo; then
  echo "build failed"
  echo "0 passed, 0 failed"
  exit 1
fi

log "running tests"
set +e
# One test project at a time: some tests stop the shared broker or kill a service process.
dotnet test "$sln" -c Release --no-build --nologo -maxcpucount:1 \
  --logger "trx;LogFilePrefix=results" --results-directory "$RESULTS" "$@"
test_rc=$?
set -e

# Sum the <Counters .../> element of every .trx file.
passed=0 failed=0 skipped=0 files=0 broken=0
attr() {  # attr NAME COUNTERS_ELEMENT -> the number, or 0
  local v
  v="$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2" | head -n 1)"
  printf '%s\n' "${v:-0}"
}
while IFS= read -r -d '' trx; do
  files=$((files + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)"
  if [[ -z "$counters" ]]; then
    warn "no <Counters> in $trx (its results are not counted)"
    broken=$((broken + 1))
    continue
  fi
  passed=$((passed + $(attr passed "$counters")))
  for a in failed error timeout aborted; do
    failed=$((failed + $(attr "$a" "$counters")))
  done
  skipped=$((skipped + $(attr total "$counters") - $(attr executed "$counters")))
done < <(find "$RESULTS" -name '*.trx' -print0)

status=0
if (( files == 0 )); then
  echo "no test results (.trx) were produced"
  status=1
fi
if (( test_rc != 0 )); then
  echo "dotnet test exited with code $test_rc"
  status=1
fi
(( broken == 0 )) || status=1
(( failed == 0 )) || status=1
(( skipped == 0 )) || echo "($skipped skipped)"
echo "$passed passed, $failed failed"
exit "$status"
