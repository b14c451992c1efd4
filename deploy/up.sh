#!/usr/bin/env bash
# Brings the whole platform up: with a Docker engine through docker-compose.yml, otherwise locally
# (PostgreSQL and RabbitMQ from deploy/infra-up.sh, every service as a background dotnet process).
# Idempotent: services that already run and answer /health/ready are left alone.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

GATEWAY_PORT=8080
for entry in "${SERVICES[@]}"; do
  IFS='|' read -r name _ _ port <<<"$entry"
  [[ "$name" == gateway ]] && GATEWAY_PORT="$port"
done
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT"

closing_message() {
  cat <<MSG

Platform is up.
  console:  $GATEWAY_URL/   (sign in locally: pick an agency, a role and a user id)
  gateway:  $GATEWAY_URL
  API docs: $GATEWAY_URL/docs
  token:    TOKEN=\$(deploy/token.sh --agency agency-a --role case-manager)
  call:     curl -H "Authorization: Bearer \$TOKEN" $GATEWAY_URL/api/intake/cases/<case-id>
  stop:     deploy/down.sh   (deploy/down.sh --keep-infra leaves PostgreSQL and RabbitMQ running)
MSG
}

# ------------------------------------------------------------------ with a Docker engine
if command -v docker >/dev/null 2>&1 && timeout 20 docker info >/dev/null 2>&1; then
  log "Docker engine found: docker compose up"
  ensure_signing_key
  PLATFORM_DEV_SIGNING_KEY="$(cat "$LOCAL/dev-signing-key")"
  PLATFORM_IDENTITY_MASTER_KEY="$(cat "$LOCAL/identity-master-key")"
  export PLATFORM_DEV_SIGNING_KEY PLATFORM_IDENTITY_MASTER_KEY
  docker compose -f "$ROOT/docker-compose.yml" up -d --build --wait
  closing_message
  exit 0
fi

# ------------------------------------------------------------------ local processes
command -v dotnet >/dev/null 2>&1 || die "dotnet not found: install the .NET 10 SDK"
log "no Docker engine: running locally (state under $LOCAL)"
"$ROOT/deploy/infra-up.sh"
ensure_signing_key
mkdir -p "$LOCAL/run" "$LOCAL/logs" "$LOCAL/app"
ENVIRONMENT="${PLATFORM_ENVIRONMENT:-Production}"

# The current run's part of a service log (after the last "=====" marker), last 60 lines.
log_tail() {
  echo "--- tail of $1" >&2
  awk '/^===== /{n=0} {buf[n++]=$0} END{s=(n>60)?n-60:0; for(i=s;i<n;i++) print buf[i]}' "$1" >&2
}

health_ok() { curl -fsS -o /dev/null --max-time 3 "http://127.0.0.1:$1/health/ready" 2>/dev/null; }

stop_pid() {  # stop_pid PID: SIGTERM, wait up to 15 s, then SIGKILL
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 30; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
}

# Decide what needs starting.
found=()     # entries whose csproj exists
to_start=()  # entries to (re)start
for entry in "${SERVICES[@]}"; do
  IFS='|' read -r name proj dll port <<<"$entry"
  [[ -f "$ROOT/$proj" ]] || continue
  found+=("$entry")
  pidfile="$LOCAL/run/$name.pid"
  if pid="$(live_pid "$pidfile" "$LOCAL/app/$name/$dll")"; then
    if health_ok "$port"; then
      log "$name already running (pid $pid, http://127.0.0.1:$port)"
      continue
    fi
    log "$name (pid $pid) does not answer /health/ready yet; waiting up to 30 s"
    ready=0
    for ((i = 0; i < 30; i++)); do
      health_ok "$port" && { ready=1; break; }
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    if (( ready )); then
      log "$name is ready (pid $pid)"
      continue
    fi
    log "$name (pid $pid) is not ready: restarting it"
    stop_pid "$pid"
  fi
  rm -f "$pidfile"
  if port_open "$port"; then
    die "port 127.0.0.1:$port (for $name) is in use by a process that deploy/up.sh did not start"
  fi
  to_start+=("$entry")
done

if (( ${#found[@]} == 0 )); then
  log "no service projects found yet (looked for: $(for e in "${SERVICES[@]}"; do IFS='|' read -r _ p _ _ <<<"$e"; printf '%s ' "$p"; done))"
  log "infrastructure is up; nothing else to start"
  exit 0
fi

if (( ${#to_start[@]} > 0 )); then
  sln="$(solution_file)" || die "no Platform.sln in $ROOT"
  log "building $(basename "$sln") (Release)"
  dotnet build "$sln" -c Release -nologo -v q || die "build failed"
fi

start_service() {  # start_service ENTRY
  local name proj dll port
  IFS='|' read -r name proj dll port <<<"$1"
  local src app="$LOCAL/app/$name"
  src="$ROOT/$(dirname "$proj")/bin/Release/net10.0"
  [[ -f "$src/$dll" ]] || die "build output $src/$dll not found"
  # Each running service keeps its own copy, so a later build never overwrites a running binary.
  rm -rf "$app"
  cp -a "$src/." "$app/"
  local logfile="$LOCAL/logs/$name.log" pidfile="$LOCAL/run/$name.pid"
  printf '\n===== %s starting %s on 127.0.0.1:%s (%s)\n' "$(date -Is)" "$name" "$port" "$ENVIRONMENT" >>"$logfile"
  (
    platform_env
    export ASPNETCORE_URLS="http://127.0.0.1:$port"
    export ASPNETCORE_ENVIRONMENT="$ENVIRONMENT"
    if [[ "$name" == console ]]; then
      # The console calls the public API through the gateway. Its development sign-in (tokens signed with the local key)
      # exists only outside Production, so locally it runs as "Local" unless PLATFORM_CONSOLE_ENVIRONMENT says otherwise.
      export Console__GatewayUrl="$GATEWAY_URL/"
      export ASPNETCORE_ENVIRONMENT="${PLATFORM_CONSOLE_ENVIRONMENT:-Local}"
    fi
    if [[ "$name" == gateway ]]; then
      # Point each proxied service's cluster at its local process.
      local e n p
      for e in "${found[@]}"; do
        IFS='|' read -r n _ _ p <<<"$e"
        [[ "$n" == gateway ]] && continue
        export "ReverseProxy__Clusters__${n}__Destinations__primary__Address=http://127.0.0.1:$p/"
      done
    fi
    cd "$app"
    # The inner shell records its own pid, then becomes dotnet (exec keeps the pid).
    # shellcheck disable=SC2016
    exec setsid nohup bash -c 'echo $$ > "$1"; shift; exec "$@"' _ "$pidfile" \
      dotnet "$app/$dll" >>"$logfile" 2>&1 </dev/null
  ) &
  disown "$!" 2>/dev/null || true
  local i
  for ((i = 0; i < 50; i++)); do [[ -s "$pidfile" ]] && break; sleep 0.1; done
  [[ -s "$pidfile" ]] || die "$name did not start (see $logfile)"
  log "started $name (pid $(cat "$pidfile"), log $logfile)"
}

wait_ready() {  # wait_ready ENTRY: up to 90 s for 200 on /health/ready
  local name proj dll port
  IFS='|' read -r name proj dll port <<<"$1"
  local logfile="$LOCAL/logs/$name.log" pid i
  pid="$(cat "$LOCAL/run/$name.pid")"
  for ((i = 0; i < 90; i++)); do
    if health_ok "$port"; then
      log "$name is ready on http://127.0.0.1:$port"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      warn "$name exited during start-up"
      log_tail "$logfile"
      rm -f "$LOCAL/run/$name.pid"
      exit 1
    fi
    sleep 1
  done
  warn "$name did not answer 200 on http://127.0.0.1:$port/health/ready within 90 s; stopping it"
  log_tail "$logfile"
  stop_pid "$pid"
  rm -f "$LOCAL/run/$name.pid"
  exit 1
}

# Services first, the gateway last.
services=() gateway=()
for entry in ${to_start[@]+"${to_start[@]}"}; do
  if [[ "$entry" == gateway\|* ]]; then gateway+=("$entry"); else services+=("$entry"); fi
done
for entry in ${services[@]+"${services[@]}"}; do start_service "$entry"; done
for entry in ${services[@]+"${services[@]}"}; do wait_ready "$entry"; done
for entry in ${gateway[@]+"${gateway[@]}"}; do start_service "$entry"; wait_ready "$entry"; done

if (( ${#to_start[@]} == 0 )); then
  log "everything already running"
fi
closing_message
