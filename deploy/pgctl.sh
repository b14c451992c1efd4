#!/usr/bin/env bash
# pg_ctl for the PostgreSQL started by deploy/infra-up.sh: `deploy/pgctl.sh stop` (immediate, as a crash) or `start`.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
bin="$(pg_bindir)" || die "PostgreSQL is not installed (run deploy/infra-up.sh)"
# The server must not inherit the caller's descriptors (a lock held by a test run, say): close all but 0-2.
close_fds() { local fd; for fd in /proc/$$/fd/*; do fd="${fd##*/}"; (( fd > 2 )) && eval "exec $fd>&-" 2>/dev/null; done; return 0; }
run() { close_fds; (cd / && runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DATA" "$@"); }
case "${1:-}" in
  stop)  run -m immediate -w -t 60 stop >/dev/null ;;
  start) run -l "$PG_LOG" -w -t 60 start >/dev/null ;;
  *) die "usage: $0 stop|start" ;;
esac
