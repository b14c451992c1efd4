#!/usr/bin/env bash
# shellcheck disable=SC2034  # variables here are used by the scripts that source this file
# Shared settings and helpers for the deploy scripts. Source it; do not run it.
# Everything that runs locally keeps its state under $ROOT/.local (git-ignored).

# Repository root, computed from this file's location so a clone works from any folder.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
LOCAL="$ROOT/.local"

# Defaults; every one can be overridden from the environment.
PG_PORT="${PG_PORT:-5432}"
RABBIT_PORT="${RABBIT_PORT:-5672}"
RABBIT_MGMT_PORT="${RABBIT_MGMT_PORT:-15672}"
PG_USER="${PG_USER:-platform}"
PG_PASSWORD="${PG_PASSWORD:-platform}"
PG_DB="${PG_DB:-platform}"
RABBIT_USER="${RABBIT_USER:-platform}"
RABBIT_PASSWORD="${RABBIT_PASSWORD:-platform}"
RABBIT_NODENAME="${RABBIT_NODENAME:-rabbit@localhost}"

# Quieter, non-interactive dotnet (CI has no stdin).
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# name|relative csproj path|assembly dll name|port  (gateway last: it is started after the services)
SERVICES=(
  "intake|services/Intake/Platform.Intake.csproj|Platform.Intake.dll|5101"
  "plans|services/ServicePlan/Platform.ServicePlan.csproj|Platform.ServicePlan.dll|5102"
  "referrals|services/Referral/Platform.Referral.csproj|Platform.Referral.dll|5103"
  "eligibility|services/Eligibility/Platform.Eligibility.csproj|Platform.Eligibility.dll|5104"
  "communications|services/Communications/Platform.Communications.csproj|Platform.Communications.dll|5105"
  "console|services/Console/Platform.Console.csproj|Platform.Console.dll|5106"
  "gateway|gateway/Platform.Gateway/Platform.Gateway.csproj|Platform.Gateway.dll|8080"
)

log()  { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

# The solution file: Platform.sln (Platform.slnx accepted too, the .NET 10 default format).
solution_file() {
  local f
  for f in "$ROOT/Platform.sln" "$ROOT/Platform.slnx"; do
    [[ -f "$f" ]] && { printf '%s\n' "$f"; return 0; }
  done
  return 1
}

# The local keys, made once and kept under .local/: the token signing key, and the master key that wraps each
# client's identity key (lose it and every stored identity is unreadable: back it up with the database).
ensure_signing_key() {
  local key
  mkdir -p "$LOCAL"
  for key in "$LOCAL/dev-signing-key" "$LOCAL/identity-master-key"; do
    if [[ ! -s "$key" ]]; then
      (umask 077 && openssl rand -base64 32 > "$key.tmp") && mv "$key.tmp" "$key"
      log "created $(basename "$key") in $LOCAL"
    fi
    chmod 600 "$key"
  done
}

# Environment every service process gets.
platform_env() {
  export ConnectionStrings__Events="Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DB;Username=$PG_USER;Password=$PG_PASSWORD"
  export ConnectionStrings__RabbitMq="amqp://$RABBIT_USER:$RABBIT_PASSWORD@127.0.0.1:$RABBIT_PORT/"
  local key
  key="$(cat "$LOCAL/dev-signing-key")" || die "no signing key at $LOCAL/dev-signing-key (run ensure_signing_key)"
  export Auth__SigningKey="$key"
  key="$(cat "$LOCAL/identity-master-key")" || die "no identity master key at $LOCAL/identity-master-key (run ensure_signing_key)"
  export Identity__MasterKey="$key"
}

# Is something accepting TCP connections on 127.0.0.1:$1 ?
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pid from a pid file if that process is alive (optionally: its command line contains $2).
live_pid() {
  local file="$1" match="${2:-}" pid
  [[ -f "$file" ]] || return 1
  pid="$(tr -dc '0-9' < "$file")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  if [[ -n "$match" ]]; then
    tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$match" || return 1
  fi
  printf '%s\n' "$pid"
}

# ---------------------------------------------------------------- PostgreSQL
PG_BASE="$LOCAL/postgres"
PG_DATA="$PG_BASE/data"
PG_LOG="$PG_BASE/postgres.log"

pg_bindir() {
  local d
  for d in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -Vr); do
    [[ -x "$d/pg_ctl" && -x "$d/initdb" ]] && { printf '%s\n' "$d"; return 0; }
  done
  return 1
}

# Unix socket directory: under .local unless that path is too long for a socket (108 bytes).
pg_socket_dir() {
  local d="$PG_BASE/run"
  if (( ${#d} + 20 > 100 )); then
    d="/tmp/platform-pg-$(printf '%s' "$LOCAL" | md5sum | cut -c1-12)"
  fi
  printf '%s\n' "$d"
}

# ---------------------------------------------------------------- RabbitMQ
RABBIT_BASE="$LOCAL/rabbitmq"
RABBIT_PID_FILE="$RABBIT_BASE/rabbitmq.pid"

rabbit_sbin() {
  local s
  s="$(readlink -f /usr/lib/rabbitmq/bin/rabbitmq-server 2>/dev/null)" || return 1
  [[ -x "$s" ]] || return 1
  dirname "$s"
}

# Environment shared by the server and the CLI tools (the Erlang cookie lives in $HOME).
rabbit_env() {
  export HOME="$RABBIT_BASE/home"
  export RABBITMQ_NODENAME="$RABBIT_NODENAME"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$RABBIT_PORT"
  export RABBITMQ_MNESIA_BASE="$RABBIT_BASE/mnesia"
  export RABBITMQ_LOG_BASE="$RABBIT_BASE/log"
  export RABBITMQ_PID_FILE="$RABBIT_PID_FILE"
  export RABBITMQ_CONFIG_FILE="$RABBIT_BASE/rabbitmq.conf"
  export RABBITMQ_CONF_ENV_FILE="$RABBIT_BASE/rabbitmq-env.conf"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_BASE/enabled_plugins"
  export ERL_EPMD_ADDRESS=127.0.0.1
  # Erlang distribution listens on loopback only.
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}
