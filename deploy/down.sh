#!/usr/bin/env bash
# Stops every service started by deploy/up.sh (by the pid in its pid file), then the infrastructure.
#   deploy/down.sh [--keep-infra]
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

keep_infra=0
for arg in "$@"; do
  case "$arg" in
    --keep-infra) keep_infra=1 ;;
    *) echo "usage: deploy/down.sh [--keep-infra]" >&2; exit 2 ;;
  esac
done

if command -v docker >/dev/null 2>&1 && timeout 20 docker info >/dev/null 2>&1; then
  log "Docker engine found: docker compose down"
  if [[ -f "$LOCAL/dev-signing-key" ]]; then
    PLATFORM_DEV_SIGNING_KEY="$(cat "$LOCAL/dev-signing-key")"
    export PLATFORM_DEV_SIGNING_KEY
  fi
  docker compose -f "$ROOT/docker-compose.yml" down
fi

# Gateway first (reverse of start order), then the services.
stopped=0
for ((idx = ${#SERVICES[@]} - 1; idx >= 0; idx--)); do
  IFS='|' read -r name _ dll _ <<<"${SERVICES[$idx]}"
  pidfile="$LOCAL/run/$name.pid"
  [[ -f "$pidfile" ]] || continue
  if pid="$(live_pid "$pidfile" "$LOCAL/app/$name/$dll")"; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 30; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      warn "$name (pid $pid) still running after 15 s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    stopped=$((stopped + 1))
  else
    log "$name was not running (stale pid file removed)"
  fi
  rm -f "$pidfile"
done
(( stopped > 0 )) || log "no services running"

if (( keep_infra )); then
  log "keeping PostgreSQL and RabbitMQ running (--keep-infra)"
else
  "$ROOT/deploy/infra-down.sh"
fi
