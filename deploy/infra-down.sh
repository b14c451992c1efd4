#!/usr/bin/env bash
# Stops the PostgreSQL and RabbitMQ servers started by deploy/infra-up.sh. Idempotent; data is kept.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

# PostgreSQL: pg_ctl stop on our data dir, if its postmaster is alive.
if [[ -f "$PG_DATA/postmaster.pid" ]] && kill -0 "$(head -n 1 "$PG_DATA/postmaster.pid" | tr -dc '0-9')" 2>/dev/null; then
  log "stopping PostgreSQL"
  bin="$(pg_bindir)" || die "PostgreSQL binaries not found"
  (cd / && runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null)
else
  log "PostgreSQL is not running"
fi

# RabbitMQ: rabbitmqctl stop with the pid file (waits for that process to exit).
if pid="$(live_pid "$RABBIT_PID_FILE" beam)"; then
  log "stopping RabbitMQ (pid $pid)"
  sbin="$(rabbit_sbin)" || die "RabbitMQ scripts not found"
  rabbit_env
  if ! "$sbin/rabbitmqctl" -q stop "$RABBIT_PID_FILE" >/dev/null 2>&1; then
    warn "rabbitmqctl stop failed; sending SIGTERM to pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
  fi
  for ((i = 0; i < 30; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then
    warn "RabbitMQ pid $pid still alive after 30 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$RABBIT_PID_FILE"
else
  log "RabbitMQ is not running"
fi
