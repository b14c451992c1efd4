#!/usr/bin/env bash
# Webhook benchmark (issue 4 item 10): commands through the gateway at a fixed rate while a local receiver takes the
# signed webhooks; command accepted -> webhook received (p50/p95/p99), achieved throughput, gateway vs direct
# throughput, raw Marten append rate and each service's resident memory, all in one run on this machine (fsync on).
#
#   deploy/bench-webhooks.sh [--ref GIT-REF] [--service-env NAME=VALUE]... [--keep-running] [driver options]
#     --ref REF          benchmark that commit (default: the working tree as it is, uncommitted changes included)
#     --service-env N=V  extra environment for every service, e.g. Webhooks__PollMilliseconds=50 (repeatable)
#     --patch FILE       apply a patch (git diff / diff -ru a/ b/ format) to the copy before building: measures a proposed
#                        change without touching the checkout (repeatable)
#     --keep-running     leave the benchmark's services running afterwards (stop them by the pids in .local/bench/run)
#     --ready-to-run     publish the services with ReadyToRun (precompiled: no tier-0 JIT in the first minute)
#     --recovery         the recovery benchmark (issue 10 item 6) instead of the steady phase: the load runs without a break
#                        while each fault is injected and healed in turn; each fault's recovery time (see BENCHMARKS.md)
#     --faults LIST      with --recovery, in order (default all): rabbit-restart, pause-communications, memory-alarm,
#                        restart-communications. rabbit-restart and memory-alarm act on the whole RabbitMQ node: refused
#                        while other vhosts have connections (another suite's tests) unless --allow-shared-broker
#     --hold N           with --recovery, seconds from each injection to its heal (5)
#     driver options     --rate 50 --seconds 30 --agencies 10 --cases-per-agency 10 --compare-seconds 10 --concurrency 16
#                        --append-seconds 10 --append-writers 16 ... (dotnet .../Platform.LoadDriver.dll --help)
#
# It never touches what deploy/up.sh runs: the sources are copied to .local/bench/src and built there (Release), and its
# own Intake, Communications and gateway run on ports 5201, 5205 and 8180 (BENCH_INTAKE_PORT, BENCH_COMMUNICATIONS_PORT,
# BENCH_GATEWAY_PORT) against a database ${PG_DB}_bench and a RabbitMQ vhost platform-bench, both made afresh each run,
# on the PostgreSQL and RabbitMQ of deploy/infra-up.sh (started if they are not running; never stopped).
# With --recovery the driver injects and heals the faults itself through $RUN/fault.sh ACTION, a script written here that
# reuses this script's own functions (comms-start is start_bench_service): rabbit-stop, rabbit-start, alarm-on, alarm-off,
# comms-stop, comms-cont, comms-kill, comms-start, heal-all.
# PostgreSQL and RabbitMQ already answering on their ports (e.g. started by another checkout's deploy/infra-up.sh) are used
# as they are; rabbitmqctl then takes the Erlang cookie from the running node's home (BENCH_RABBIT_HOME overrides it).
# The report (Markdown) is printed and kept in .local/bench/webhooks-<timestamp>.md (recovery-<timestamp>.md); progress
# goes to stderr.
# Exit code: 0 = report written (targets may be missed: see PASS/MISS), 1 = the benchmark could not run.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

INTAKE_PORT="${BENCH_INTAKE_PORT:-5201}"
COMMS_PORT="${BENCH_COMMUNICATIONS_PORT:-5205}"
GATEWAY_PORT="${BENCH_GATEWAY_PORT:-8180}"
BENCH="$LOCAL/bench"
SRC="$BENCH/src"
RUN="$BENCH/run"
LOGS="$BENCH/logs"
BENCH_DB="${PG_DB}_bench"
BENCH_VHOST="platform-bench"

ref="" keep_running=0 ready_to_run=0 recovery=0 allow_shared_broker=0
faults="rabbit-restart,pause-communications,memory-alarm,restart-communications"
service_env=() driver_args=() patches=()
while (( $# > 0 )); do
  case "$1" in
    --ref) (( $# >= 2 )) || die "--ref needs a value"; ref="$2"; shift 2 ;;
    --service-env) (( $# >= 2 )) || die "--service-env needs NAME=VALUE"; [[ "$2" == ?*=* ]] || die "--service-env needs NAME=VALUE"
      service_env+=("$2"); shift 2 ;;
    --patch) (( $# >= 2 )) || die "--patch needs a file"; [[ -f "$2" ]] || die "no patch file $2"
      patches+=("$(cd "$(dirname "$2")" && pwd -P)/$(basename "$2")"); shift 2 ;;
    --keep-running) keep_running=1; shift ;;
    --ready-to-run) ready_to_run=1; shift ;;
    --recovery) recovery=1; shift ;;
    --faults) (( $# >= 2 )) || die "--faults needs a list"; faults="$2"; shift 2 ;;
    --hold) (( $# >= 2 )) || die "--hold needs seconds"; driver_args+=(--hold "$2"); shift 2 ;;
    --allow-shared-broker) allow_shared_broker=1; shift ;;
    *) driver_args+=("$1"); shift ;;
  esac
done

mkdir -p "$BENCH" "$RUN" "$LOGS"
# One run at a time (a pid file, not a held descriptor: the servers started below must not inherit a lock).
if other="$(live_pid "$RUN/bench-webhooks.pid" bench-webhooks)"; then
  die "another deploy/bench-webhooks.sh is running (pid $other)"
fi
echo $$ > "$RUN/bench-webhooks.pid"
rm -f "$RUN/fault.sh"  # a previous run's
trap 'rm -f "$RUN/bench-webhooks.pid"' EXIT

PG_BIN="$(pg_bindir)" || die "PostgreSQL binaries not found"
rabbit_api() {  # rabbit_api PATH: GET on the management API as our user, body on stdout
  curl -fsS --max-time 5 -u "$RABBIT_USER:$RABBIT_PASSWORD" "http://127.0.0.1:$RABBIT_MGMT_PORT/api/$1" 2>/dev/null
}
# Servers that already answer are used as they are (infra-up.sh insists on its own data directory under this checkout).
if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2 && port_open "$RABBIT_PORT" && rabbit_api whoami >/dev/null; then
  log "PostgreSQL (127.0.0.1:$PG_PORT) and RabbitMQ (127.0.0.1:$RABBIT_PORT) already answer: using them" >&2
else
  "$ROOT/deploy/infra-up.sh" >&2
fi
ensure_signing_key >&2

# rabbitmqctl for the running node: the Erlang cookie lives in the home of whoever started it (maybe another checkout).
BENCH_RABBIT_HOME="${BENCH_RABBIT_HOME:-}"
if [[ -z "$BENCH_RABBIT_HOME" && ! -s "$RABBIT_BASE/home/.erlang.cookie" ]]; then
  beam="$(pgrep -f -- '-s rabbit boot' | head -n 1 || true)"
  [[ -n "$beam" ]] && BENCH_RABBIT_HOME="$(tr '\0' '\n' < "/proc/$beam/cmdline" | sed -n '/^-home$/{n;p;q}')"
fi
bench_rabbitmqctl() {
  local sbin
  sbin="$(rabbit_sbin)" || die "RabbitMQ is not installed"
  ( rabbit_env; [[ -z "$BENCH_RABBIT_HOME" ]] || export HOME="$BENCH_RABBIT_HOME"; exec "$sbin/rabbitmqctl" "$@" )
}

if (( recovery )); then
  for f in ${faults//,/ }; do
    case "$f" in
      rabbit-restart|memory-alarm) node_faults=1 ;;
      pause-communications|restart-communications) ;;
      *) die "unknown fault $f" ;;
    esac
  done
  if (( ${node_faults:-0} && ! allow_shared_broker )); then
    others="$(rabbit_api connections | grep -o '"vhost":"[^"]*"' | grep -vc "\"vhost\":\"$BENCH_VHOST\"" || true)"
    tests="$(pgrep -fc 'dotnet test|testhost' || true)"
    (( ${others:-0} == 0 && ${tests:-0} == 0 )) || die "rabbit-restart and memory-alarm act on the whole RabbitMQ node, which $others connections of other vhosts and $tests test processes use now: choose --faults pause-communications,restart-communications, or pass --allow-shared-broker"
  fi
  driver_args+=(--recovery --faults "$faults")
  # Timestamps in the services' logs (.local/bench/logs), to line them up with the driver's timeline.
  service_env=("Logging__Console__FormatterOptions__TimestampFormat=HH:mm:ss.fff " ${service_env[@]+"${service_env[@]}"})
fi

# ------------------------------------------------------------------ sources: a private copy, built there
# Only files whose content changed are copied, so the build stays incremental and never races a build in the checkout.
sync_tree() {  # sync_tree FROM TO (file list on stdin, NUL-separated, relative paths)
  local from="$1" to="$2" f
  local -A keep=()
  while IFS= read -r -d '' f; do
    [[ -f "$from/$f" ]] || continue
    keep["$f"]=1
    if ! cmp -s "$from/$f" "$to/$f" 2>/dev/null; then
      mkdir -p "$to/$(dirname "$f")"
      cp "$from/$f" "$to/$f"
    fi
  done
  # Files gone from the source go from the copy too (build output and .local aside).
  while IFS= read -r -d '' f; do
    f="${f#"$to"/}"
    [[ -n "${keep[$f]:-}" ]] || rm -f "$to/$f"
  done < <(find "$to" \( -name bin -o -name obj -o -name .local \) -prune -o -type f -print0)
}

mkdir -p "$SRC"
if [[ -n "$ref" ]]; then
  sha="$(git -C "$ROOT" rev-parse --verify "$ref^{commit}")" || die "unknown git ref $ref"
  export_dir="$BENCH/export"
  rm -rf "$export_dir" && mkdir -p "$export_dir"
  git -C "$ROOT" archive "$sha" | tar -x -C "$export_dir"
  # A commit from before the driver existed: take the driver from the working tree.
  if [[ ! -d "$export_dir/tests/Platform.LoadDriver" ]]; then
    mkdir -p "$export_dir/tests/Platform.LoadDriver"
    cp "$ROOT"/tests/Platform.LoadDriver/*.cs "$ROOT"/tests/Platform.LoadDriver/*.csproj "$export_dir/tests/Platform.LoadDriver/"
  fi
  (cd "$export_dir" && find . -type f -printf '%P\0') | sync_tree "$export_dir" "$SRC"
  source_desc="commit $(git -C "$ROOT" rev-parse --short "$sha") ($ref)"
else
  (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard) | sync_tree "$ROOT" "$SRC"
  source_desc="working tree at $(git -C "$ROOT" rev-parse --short HEAD)$( [[ -z "$(git -C "$ROOT" status --porcelain)" ]] || echo ' with uncommitted changes')"
fi
for p in ${patches[@]+"${patches[@]}"}; do
  patch -s -p1 -d "$SRC" < "$p" || die "patch $p does not apply to $source_desc"
  source_desc="$source_desc + patch $(basename "$p")"
done
log "building $source_desc in $SRC (Release)" >&2
for proj in services/Intake/Platform.Intake.csproj services/Communications/Platform.Communications.csproj \
            gateway/Platform.Gateway/Platform.Gateway.csproj tests/Platform.LoadDriver/Platform.LoadDriver.csproj; do
  dotnet build "$SRC/$proj" -c Release -nologo -v quiet >&2 || die "build of $proj failed"
done
if (( ready_to_run )); then
  for proj in services/Intake/Platform.Intake.csproj services/Communications/Platform.Communications.csproj \
              gateway/Platform.Gateway/Platform.Gateway.csproj; do
    log "publishing $proj with ReadyToRun" >&2
    dotnet publish "$SRC/$proj" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
      -o "$SRC/$(dirname "$proj")/bin/r2r" -nologo -v quiet >&2 || die "ReadyToRun publish of $proj failed"
  done
  source_desc="$source_desc, ReadyToRun"
fi

# ------------------------------------------------------------------ a fresh database and vhost
log "database $BENCH_DB and vhost $BENCH_VHOST, made afresh" >&2
PGPASSWORD="$PG_PASSWORD" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" >/dev/null <<SQL
DROP DATABASE IF EXISTS "$BENCH_DB" WITH (FORCE);
CREATE DATABASE "$BENCH_DB" OWNER "$PG_USER";
SQL
bench_rabbitmqctl -q delete_vhost "$BENCH_VHOST" >/dev/null 2>&1 || true
bench_rabbitmqctl -q add_vhost "$BENCH_VHOST" >/dev/null
bench_rabbitmqctl -q set_permissions -p "$BENCH_VHOST" "$RABBIT_USER" '.*' '.*' '.*' >/dev/null
EVENTS_CS="Host=127.0.0.1;Port=$PG_PORT;Database=$BENCH_DB;Username=$PG_USER;Password=$PG_PASSWORD"

# ------------------------------------------------------------------ the benchmark's own services
# name|project dir|dll|port (Communications first: the ledger queue is bound before anything is published)
BENCH_SERVICES=(
  "communications|services/Communications|Platform.Communications.dll|$COMMS_PORT"
  "intake|services/Intake|Platform.Intake.dll|$INTAKE_PORT"
  "gateway|gateway/Platform.Gateway|Platform.Gateway.dll|$GATEWAY_PORT"
)

stop_bench_services() {
  local entry name pid i
  for entry in "${BENCH_SERVICES[@]}"; do
    IFS='|' read -r name _ _ _ <<<"$entry"
    if pid="$(live_pid "$RUN/$name.pid" "$SRC/")"; then
      kill -CONT "$pid" 2>/dev/null || true  # a recovery run may have left it stopped
      kill -TERM "$pid" 2>/dev/null || true
      for ((i = 0; i < 30; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$RUN/$name.pid"
  done
}
stop_bench_services
for entry in "${BENCH_SERVICES[@]}"; do
  IFS='|' read -r name _ _ port <<<"$entry"
  port_open "$port" && die "port 127.0.0.1:$port (benchmark $name) is in use; set BENCH_${name^^}_PORT"
done
# shellcheck disable=SC2317  # called by the trap
finish() {
  # A recovery run that ended between an injection and its heal: heal (the broker is shared).
  if (( recovery )) && [[ -f "$RUN/fault.sh" ]]; then bash "$RUN/fault.sh" heal-all >&2 || true; fi
  if (( ! keep_running )); then stop_bench_services; fi
  rm -f "$RUN/bench-webhooks.pid"
}
trap finish EXIT

start_bench_service() {  # start_bench_service ENTRY
  local name dir dll port
  IFS='|' read -r name dir dll port <<<"$1"
  local out="$SRC/$dir/bin/Release/net10.0" logfile="$LOGS/$name.log" pidfile="$RUN/$name.pid" kv
  (( ready_to_run )) && out="$SRC/$dir/bin/r2r"
  printf '\n===== %s starting %s on 127.0.0.1:%s\n' "$(date -Is)" "$name" "$port" >>"$logfile"
  rm -f "$pidfile"
  (
    platform_env
    export ConnectionStrings__Events="$EVENTS_CS"
    export ConnectionStrings__RabbitMq="amqp://$RABBIT_USER:$RABBIT_PASSWORD@127.0.0.1:$RABBIT_PORT/$BENCH_VHOST"
    export ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production
    case "$name" in
      communications)
        # The receiver is plain http on loopback: allowed only because it is named here.
        export Webhooks__AllowedHosts__0=127.0.0.1 ;;
      gateway)
        export ReverseProxy__Clusters__intake__Destinations__primary__Address="http://127.0.0.1:$INTAKE_PORT/"
        export ReverseProxy__Clusters__communications__Destinations__primary__Address="http://127.0.0.1:$COMMS_PORT/"
        # Per-agency limits far above the load, so the gateway's limiter runs but never refuses.
        export RateLimiting__PermitsPerSecond=100000 RateLimiting__Burst=100000 ;;
    esac
    for kv in ${service_env[@]+"${service_env[@]}"}; do export "${kv?}"; done
    cd "$out"
    # shellcheck disable=SC2016
    exec setsid nohup bash -c 'echo $$ > "$1"; shift; exec "$@"' _ "$pidfile" dotnet "$out/$dll" >>"$logfile" 2>&1 </dev/null
  ) &
  disown "$!" 2>/dev/null || true
  local i
  for ((i = 0; i < 50; i++)); do [[ -s "$pidfile" ]] && break; sleep 0.1; done
  [[ -s "$pidfile" ]] || die "$name did not start (see $logfile)"
  local deadline=$((SECONDS + 90))
  while (( SECONDS < deadline )); do  # every READY_POLL seconds (1; fault.sh: 0.1, the heal's time is when it answers)
    curl -fsS -o /dev/null --max-time 3 "http://127.0.0.1:$port/health/ready" 2>/dev/null && { log "$name ready on :$port (pid $(cat "$pidfile"))" >&2; return 0; }
    kill -0 "$(cat "$pidfile")" 2>/dev/null || { tail -n 40 "$logfile" >&2; die "$name exited during start-up"; }
    sleep "${READY_POLL:-1}"
  done
  tail -n 40 "$logfile" >&2
  die "$name did not answer /health/ready within 90 s"
}
for entry in "${BENCH_SERVICES[@]}"; do start_bench_service "$entry"; done

# ------------------------------------------------------------------ the fault script (--recovery)
# fault.sh ACTION, run by the driver, which takes the time on its own clock before and after each action. It carries this
# script's settings and functions, so comms-start starts Communications exactly as above.
# shellcheck disable=SC2317  # the functions below run in fault.sh
if (( recovery )); then
  bench_comms_pid() { live_pid "$RUN/communications.pid" "$SRC/" || die "the benchmark's Communications is not running"; }
  bench_fault() {  # bench_fault ACTION
    local pid
    case "$1" in
      rabbit-stop) bench_rabbitmqctl -q stop_app ;;
      rabbit-start) bench_rabbitmqctl -q start_app ;;
      alarm-on) bench_rabbitmqctl -q set_vm_memory_high_watermark 0.0000001 ;;
      alarm-off) bench_rabbitmqctl -q set_vm_memory_high_watermark 0.4 ;;
      comms-stop) kill -STOP "$(bench_comms_pid)" ;;
      comms-cont) kill -CONT "$(bench_comms_pid)" ;;
      comms-kill)
        pid="$(bench_comms_pid)"
        kill -KILL "$pid"
        # Gone, or a zombie waiting for its reaper.
        while kill -0 "$pid" 2>/dev/null && [[ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" != Z ]]; do sleep 0.02; done ;;
      comms-start) READY_POLL=0.1 start_bench_service "${BENCH_SERVICES[0]}" ;;
      heal-all)  # whatever a run cut short may have left: idempotent
        if pid="$(live_pid "$RUN/communications.pid" "$SRC/")"; then kill -CONT "$pid"; fi
        if (( ${node_faults:-0} )); then
          bench_rabbitmqctl -q start_app >/dev/null 2>&1 || true
          bench_rabbitmqctl -q set_vm_memory_high_watermark 0.4 >/dev/null 2>&1 || true
        fi ;;
      *) die "fault.sh: unknown action $1" ;;
    esac
  }
  {
    printf '#!/usr/bin/env bash\n# Written by deploy/bench-webhooks.sh --recovery for this run: fault.sh ACTION (see bench_fault).\nset -euo pipefail\n'
    printf 'source %q\n' "$ROOT/deploy/lib/common.sh"
    declare -p SRC RUN LOGS EVENTS_CS BENCH_VHOST INTAKE_PORT COMMS_PORT BENCH_RABBIT_HOME ready_to_run service_env BENCH_SERVICES
    printf 'node_faults=%d\n' "${node_faults:-0}"
    declare -f bench_rabbitmqctl start_bench_service bench_comms_pid bench_fault
    printf 'bench_fault "$@"\n'
  } > "$RUN/fault.sh"
  driver_args+=(--fault-script "$RUN/fault.sh")
fi

# ------------------------------------------------------------------ the run
busy="$(pgrep -fc 'dotnet test|testhost|MSBuild.dll|bincore/csc' || true)"
notes=(
  "Source: $source_desc. Services: Release builds, ASPNETCORE_ENVIRONMENT=Production, fsync on; database $BENCH_DB and vhost $BENCH_VHOST made afresh."
  "Settings: Webhooks__AllowedHosts__0=127.0.0.1, gateway RateLimiting 100000/s per agency (not limiting)${service_env[*]+, $(IFS=,; echo "${service_env[*]}")}; everything else at its default (Webhooks__PollMilliseconds $(printf '%s\n' ${service_env[@]+"${service_env[@]}"} | sed -n 's/^Webhooks__PollMilliseconds=//p' | tail -1 | grep . || echo '250, the default'))."
  "Other dotnet test/build processes at the start: $busy (a busy machine disturbs the figures: run again when it is idle)."
)
driver=(dotnet "$SRC/tests/Platform.LoadDriver/bin/Release/net10.0/Platform.LoadDriver.dll"
  --gateway "http://127.0.0.1:$GATEWAY_PORT/" --intake "http://127.0.0.1:$INTAKE_PORT/"
  --signing-key-file "$LOCAL/dev-signing-key" --postgres "$EVENTS_CS")
for entry in "${BENCH_SERVICES[@]}"; do
  IFS='|' read -r name _ _ _ <<<"$entry"
  driver+=(--service "$name=$RUN/$name.pid")
done
for n in "${notes[@]}"; do driver+=(--note "$n"); done

report="$BENCH/$( (( recovery )) && echo recovery || echo webhooks)-$(date -u +%Y%m%dT%H%M%SZ).md"
log "running the load driver ${driver_args[*]-}" >&2
set +e
"${driver[@]}" ${driver_args[@]+"${driver_args[@]}"} | tee "$report"
status=${PIPESTATUS[0]}
set -e
if [[ -s "$report" ]]; then log "report: $report" >&2; else rm -f "$report"; fi
if (( keep_running )); then log "services left running (pids in $RUN, logs in $LOGS)" >&2; fi
exit "$status"
