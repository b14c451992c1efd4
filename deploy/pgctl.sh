#!/usr/bin/env bash
# pg_ctl for the PostgreSQL started by deploy/infra-up.sh: `deploy/pgctl.sh stop` (immediate, as a crash) or `start`.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
bin="$(pg_bindir)" || die "PostgreSQL is not installed (run deploy/infra-up.sh)"
run() { (cd / && runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DATA" "$@"); }
case "${1:-}" in
  stop)  run -m immediate -w -t 60 stop >/dev/null ;;
  start) run -l "$PG_LOG" -w -t 60 start >/dev/null 9>&- ;;
  *) die "usage: $0 stop|start" ;;
esac
