#!/usr/bin/env bash
# Starts PostgreSQL and RabbitMQ as plain background processes with their data under .local/.
# Installs them with apt when missing. Idempotent: servers that already run and answer are left alone.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

mkdir -p "$LOCAL/logs"
chmod 755 "$LOCAL"

# One infra-up at a time (up.sh and test.sh may run together). Servers started below get fd 9 closed.
exec 9>"$LOCAL/.infra.lock"
flock -w 300 9 || die "another deploy/infra-up.sh has held $LOCAL/.infra.lock for 5 minutes"

# ------------------------------------------------------------------ apt
POLICY_RC=/usr/sbin/policy-rc.d
POLICY_RC_CREATED=0
cleanup() { if (( POLICY_RC_CREATED )); then rm -f "$POLICY_RC"; fi; }
trap cleanup EXIT

apt_install() {
  local aptlog="$LOCAL/logs/apt.log"
  log "installing $* with apt (log: $aptlog)"
  export DEBIAN_FRONTEND=noninteractive
  # Keep the packages' init scripts from starting system-wide servers: we run our own.
  if [[ ! -e "$POLICY_RC" ]]; then
    printf '#!/bin/sh\nexit 101\n' > "$POLICY_RC"
    chmod 755 "$POLICY_RC"
    POLICY_RC_CREATED=1
  fi
  if ! apt-get install -y -q "$@" >>"$aptlog" 2>&1; then
    log "apt-get install failed; running apt-get update and trying again"
    if ! { apt-get update -q && apt-get install -y -q "$@"; } >>"$aptlog" 2>&1; then
      tail -n 20 "$aptlog" >&2
      die "could not install $*"
    fi
  fi
  cleanup
  POLICY_RC_CREATED=0
}

# Make every parent of $1 traversable for the postgres user (chmod o+x where needed).
make_traversable_for_postgres() {
  local d="$1"
  local -a dirs=()
  while [[ "$d" != "/" && -n "$d" ]]; do
    dirs=("$d" "${dirs[@]}")
    d="$(dirname "$d")"
  done
  for d in "${dirs[@]}"; do
    if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
      log "chmod o+x $d (so the postgres user can reach its data)"
      chmod o+x "$d"
    fi
  done
}

# ------------------------------------------------------------------ Chromium (the console's browser tests)
# Debian's Chromium: Playwright cannot download its own browsers here. PLATFORM_SKIP_CHROMIUM=1 skips it.
if [[ "${PLATFORM_SKIP_CHROMIUM:-0}" != 1 ]] && ! command -v chromium >/dev/null 2>&1; then
  apt_install chromium
fi

# ------------------------------------------------------------------ PostgreSQL
PG_BIN="$(pg_bindir || true)"
if [[ -z "$PG_BIN" ]]; then
  apt_install postgresql
  PG_BIN="$(pg_bindir)" || die "PostgreSQL binaries not found after installing"
fi
PG_SOCK="$(pg_socket_dir)"

as_postgres() { (cd / && runuser -u postgres -- "$@"); }

pg_postmaster_pid() {  # pid of the postmaster serving our data dir, if alive
  local f="$PG_DATA/postmaster.pid" pid
  [[ -f "$f" ]] || return 1
  pid="$(head -n 1 "$f" | tr -dc '0-9')"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  [[ "$(sed -n 2p "$f")" == "$PG_DATA" ]] || return 1
  printf '%s\n' "$pid"
}

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; }

pg_fail() {
  warn "$1"
  [[ -f "$PG_LOG" ]] && { echo "--- tail of $PG_LOG" >&2; tail -n 30 "$PG_LOG" >&2; }
  exit 1
}

start_postgres() {
  if pg_postmaster_pid >/dev/null && pg_ready; then
    log "PostgreSQL already running on 127.0.0.1:$PG_PORT (data $PG_DATA)"
    return 0
  fi

  mkdir -p "$PG_BASE" "$PG_SOCK"
  chown postgres:postgres "$PG_BASE" "$PG_SOCK"
  chmod 700 "$PG_BASE" "$PG_SOCK"
  [[ -d "$PG_DATA" ]] && chown -R postgres:postgres "$PG_DATA"
  touch "$PG_LOG" && chown postgres:postgres "$PG_LOG"
  make_traversable_for_postgres "$PG_BASE"
  runuser -u postgres -- test -w "$PG_BASE" || die "the postgres user cannot write $PG_BASE"

  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    log "initialising PostgreSQL cluster in $PG_DATA"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >>"$PG_LOG" 2>&1 || pg_fail "initdb failed"
    echo "include_if_exists = 'platform.conf'" >> "$PG_DATA/postgresql.conf"
  fi
  # Our settings, rewritten on every start so port changes apply (fsync stays at its default: on).
  cat > "$PG_DATA/platform.conf" <<CONF
# written by deploy/infra-up.sh
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
CONF
  chown postgres:postgres "$PG_DATA/platform.conf"

  if pg_postmaster_pid >/dev/null; then
    log "PostgreSQL is starting; waiting for it"
  else
    if port_open "$PG_PORT"; then
      die "port 127.0.0.1:$PG_PORT is already in use by another process (set PG_PORT to use another port)"
    fi
    rm -f "$PG_DATA/postmaster.pid"  # stale (its process is gone)
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null 9>&- \
      || pg_fail "PostgreSQL failed to start"
  fi
  local i
  for ((i = 0; i < 60; i++)); do pg_ready && break; sleep 1; done
  pg_ready || pg_fail "PostgreSQL does not answer on 127.0.0.1:$PG_PORT"
  log "PostgreSQL is up (pid $(pg_postmaster_pid))"
}

pg_user_can_connect() {
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -A -t -h 127.0.0.1 -p "$PG_PORT" \
    -U "$PG_USER" -d "$1" -c 'select 1' >/dev/null 2>&1
}

provision_postgres() {
  if pg_user_can_connect "$PG_DB" && pg_user_can_connect "${PG_DB}_test"; then
    return 0
  fi
  log "creating role $PG_USER and databases $PG_DB, ${PG_DB}_test (where missing)"
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres \
    -v user="$PG_USER" -v pass="$PG_PASSWORD" -v db="$PG_DB" -v testdb="${PG_DB}_test" <<'SQL' >/dev/null
SELECT format('CREATE ROLE %I', :'user') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'pass') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'testdb', :'user') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'testdb') \gexec
SQL
  if ! { pg_user_can_connect "$PG_DB" && pg_user_can_connect "${PG_DB}_test"; }; then
    die "role $PG_USER cannot connect to $PG_DB / ${PG_DB}_test over 127.0.0.1:$PG_PORT"
  fi
}

# ------------------------------------------------------------------ RabbitMQ
RABBIT_SBIN="$(rabbit_sbin || true)"
if [[ -z "$RABBIT_SBIN" ]]; then
  apt_install rabbitmq-server
  RABBIT_SBIN="$(rabbit_sbin)" || die "RabbitMQ scripts not found after installing"
fi
rabbit_env
RABBIT_STARTUP_LOG="$RABBITMQ_LOG_BASE/startup.log"
ctl()  { "$RABBIT_SBIN/rabbitmqctl" "$@" 9>&-; }
diag() { "$RABBIT_SBIN/rabbitmq-diagnostics" "$@" 9>&-; }

rabbit_fail() {
  warn "$1"
  local f
  for f in "$RABBIT_STARTUP_LOG" "$RABBITMQ_LOG_BASE/$RABBIT_NODENAME.log"; do
    [[ -s "$f" ]] && { echo "--- tail of $f" >&2; tail -n 30 "$f" >&2; }
  done
  exit 1
}

api() {  # api PATH: GET on the management API as our user
  curl -fsS -o /dev/null --max-time 5 -u "$RABBIT_USER:$RABBIT_PASSWORD" "http://127.0.0.1:$RABBIT_MGMT_PORT/api/$1" 2>/dev/null
}

# Broker answers AMQP, the management API knows our user and both vhosts grant it permissions.
rabbit_answering() {
  port_open "$RABBIT_PORT" && api whoami && api "permissions/%2F/$RABBIT_USER" \
    && api "permissions/platform-test/$RABBIT_USER"
}

write_rabbit_config() {
  mkdir -p "$HOME" "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
  chmod 700 "$HOME"
  cat > "$RABBITMQ_CONFIG_FILE" <<CONF
# written by deploy/infra-up.sh
listeners.tcp.default = 127.0.0.1:$RABBIT_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $RABBIT_MGMT_PORT
CONF
  printf '[rabbitmq_management].\n' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
  printf '# written by deploy/infra-up.sh; settings come from the environment (deploy/lib/common.sh)\n' \
    > "$RABBITMQ_CONF_ENV_FILE"
}

start_rabbit() {
  local pid
  if pid="$(live_pid "$RABBIT_PID_FILE" beam)"; then
    if rabbit_answering; then
      log "RabbitMQ already running on 127.0.0.1:$RABBIT_PORT (pid $pid)"
      return 0
    fi
    # Alive but not answering: booting, or its app was stopped (rabbitmqctl stop_app).
    if diag -q ping >/dev/null 2>&1 && ! diag -q check_running >/dev/null 2>&1; then
      log "RabbitMQ node is up but its app is stopped: start_app"
      ctl -q start_app || rabbit_fail "rabbitmqctl start_app failed"
    fi
  else
    local p
    for p in "$RABBIT_PORT" "$RABBIT_MGMT_PORT"; do
      port_open "$p" && die "port 127.0.0.1:$p is already in use by another process (set RABBIT_PORT / RABBIT_MGMT_PORT)"
    done
    write_rabbit_config
    rm -f "$RABBIT_PID_FILE"
    log "starting RabbitMQ on 127.0.0.1:$RABBIT_PORT (management on $RABBIT_MGMT_PORT)"
    setsid nohup "$RABBIT_SBIN/rabbitmq-server" >"$RABBIT_STARTUP_LOG" 2>&1 </dev/null 9>&- &
    pid=$!
    # Fail fast if the server dies while we wait.
    local i
    for ((i = 0; i < 120; i++)); do
      [[ -s "$RABBIT_PID_FILE" ]] && break
      kill -0 "$pid" 2>/dev/null || rabbit_fail "RabbitMQ exited during start"
      sleep 0.5
    done
  fi
  ctl -q wait --timeout 120 "$RABBIT_PID_FILE" >/dev/null || rabbit_fail "RabbitMQ did not start within 120 s"
  diag -q check_port_connectivity >/dev/null || rabbit_fail "RabbitMQ does not accept connections"
  log "RabbitMQ is up (pid $(live_pid "$RABBIT_PID_FILE"))"
}

ignore_exists() {  # run a CLI command; "already exists" counts as success
  local out
  if ! out="$("$@" 2>&1)"; then
    grep -qi 'already exists' <<<"$out" || { printf '%s\n' "$out" >&2; return 1; }
  fi
}

provision_rabbit() {
  local i
  # The management listener can come up a moment after the AMQP port.
  for ((i = 0; i < 30; i++)); do
    curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$RABBIT_MGMT_PORT/" && break
    sleep 1
  done
  if rabbit_answering; then return 0; fi
  log "creating RabbitMQ user $RABBIT_USER and vhosts / and platform-test"
  if ctl -q list_users 2>/dev/null | awk '{print $1}' | grep -qxF -- "$RABBIT_USER"; then
    ctl -q change_password "$RABBIT_USER" "$RABBIT_PASSWORD" >/dev/null
  else
    ignore_exists ctl -q add_user "$RABBIT_USER" "$RABBIT_PASSWORD"
  fi
  ctl -q set_user_tags "$RABBIT_USER" administrator >/dev/null
  local vhost
  for vhost in / platform-test; do
    ignore_exists ctl -q add_vhost "$vhost"
    ctl -q set_permissions -p "$vhost" "$RABBIT_USER" '.*' '.*' '.*' >/dev/null
  done
  for ((i = 0; i < 15; i++)); do rabbit_answering && return 0; sleep 1; done
  rabbit_fail "RabbitMQ management API does not accept $RABBIT_USER on 127.0.0.1:$RABBIT_MGMT_PORT"
}

start_postgres
provision_postgres
start_rabbit
provision_rabbit
log "infrastructure ready: PostgreSQL 127.0.0.1:$PG_PORT, RabbitMQ 127.0.0.1:$RABBIT_PORT (management http://127.0.0.1:$RABBIT_MGMT_PORT)"
