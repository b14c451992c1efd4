#!/usr/bin/env bash
# Console benchmark (issue 11): with --cases synthetic cases (2,000) led by one fresh agency, how fast the gateway serves
# the console's caseload page (/cases) and case page (/cases/<id>) to a signed-in case manager, one request at a time:
# p50 / p95 / p99 and the ratio to the Intake API call each page is built on (GET /api/intake/cases?limit=<page> and
# GET /api/intake/cases/<id>, same gateway, same agency, measured in the same run as the baseline).
#
#   deploy/bench-console.sh [--cases 2000] [--requests 200] [--gateway http://127.0.0.1:8080] [--page 25]
#
# Needs the platform running (deploy/up.sh) with the development signing key (.local/dev-signing-key). The cases go into the
# database deploy/up.sh uses, under an agency id of their own (bench-console-<random>); they identify nobody.
# Report (Markdown) on stdout and in .local/bench/console-<timestamp>.md; progress on stderr.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

cases=2000 requests=200 gateway="http://127.0.0.1:8080" page=25
while (( $# > 0 )); do
  case "$1" in
    --cases) cases="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
    --gateway) gateway="${2%/}"; shift 2 ;;
    --page) page="$2"; shift 2 ;;
    *) die "unknown option $1 (see the header of $0)" ;;
  esac
done
[[ "$cases" =~ ^[0-9]+$ && "$requests" =~ ^[0-9]+$ && "$page" =~ ^[0-9]+$ ]] || die "--cases, --requests and --page take numbers"

curl -fsS -o /dev/null "$gateway/health/ready" || die "the gateway at $gateway is not ready: start the platform with deploy/up.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
agency="bench-console-$(openssl rand -hex 4)"
token="$("$ROOT/deploy/token.sh" --agency "$agency" --role case-manager --subject cm-bench-0001 --minutes 120)"
export gateway token

log "opening $cases cases for $agency through $gateway" >&2
started=$SECONDS
seq "$cases" | xargs -P 8 -I{} sh -c 'curl -sS -o /dev/null -D - -X POST "$gateway/api/intake/cases" \
    -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
    -d "{\"referralSource\":\"hotline\",\"clientCategory\":\"foreign-national\",\"ageGroup\":\"adult\",\"traffickingType\":\"labor\",\"preferredLanguage\":\"es\",\"interpreterNeeded\":false,\"label\":\"bench-{}\"}" \
    | tr -d "\r" | sed -n "s/^[Ll]ocation: .*\/api\/intake\/cases\///p"' > "$work/ids"
opened="$(wc -l < "$work/ids")"
(( opened == cases )) || die "only $opened of $cases cases were opened"
log "opened $opened cases in $((SECONDS - started)) s" >&2

# Sign in to the console as that agency's case manager: the development sign-in form, with its antiforgery token.
jar="$work/cookies"
form="$(curl -fsS -c "$jar" "$gateway/signin")"
antiforgery="$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' <<<"$form" | head -1 | sed 's/.*value="//; s/"$//')"
[[ -n "$antiforgery" ]] || die "no antiforgery token on $gateway/signin (is the console running, with local sign-in enabled?)"
curl -fsS -o /dev/null -b "$jar" -c "$jar" -X POST "$gateway/signin" \
  --data-urlencode "_handler=signin" --data-urlencode "__RequestVerificationToken=$antiforgery" \
  --data-urlencode "agency=$agency" --data-urlencode "role=case-manager" --data-urlencode "user=cm-bench-0001"
status="$(curl -sS -o /dev/null -w '%{http_code}' -b "$jar" "$gateway/cases")"
[[ "$status" == 200 ]] || die "the caseload page answered $status after the sign-in"

# One request at a time: "<status> <seconds>" per line.
measure() { # name, then curl arguments (the URL last, with %ID% for a random case)
  local name="$1"; shift
  local i url args
  for ((i = 0; i < requests; i++)); do
    args=("$@")
    url="${args[-1]//%ID%/$(shuf -n1 "$work/ids")}"
    unset 'args[-1]'
    curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' "${args[@]}" "$url"
  done > "$work/$name"
}
summary() { # name -> "n p50 p95 p99 non-2xx", times in ms (nearest rank)
  local bad
  bad="$(awk '$1 !~ /^2/' "$work/$1" | wc -l)"
  awk '{ print $2 * 1000 }' "$work/$1" | sort -n | awk -v bad="$bad" '
    function q(p,   i) { i = int(NR * p + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; return v[i] }
    { v[NR] = $1 }
    END { printf "%d %.1f %.1f %.1f %d\n", NR, q(0.50), q(0.95), q(0.99), bad }'
}

log "warming up" >&2
requests_saved=$requests; requests=20
measure warm-page -b "$jar" "$gateway/cases"
measure warm-case -b "$jar" "$gateway/cases/%ID%"
measure warm-api -H "Authorization: Bearer $token" "$gateway/api/intake/cases?limit=$page&status=open"
requests=$requests_saved

log "measuring $requests requests of each, one at a time" >&2
measure caseload-page -b "$jar" "$gateway/cases"
measure caseload-api -H "Authorization: Bearer $token" "$gateway/api/intake/cases?limit=$page&status=open"
measure case-page -b "$jar" "$gateway/cases/%ID%"
measure case-api -H "Authorization: Bearer $token" "$gateway/api/intake/cases/%ID%"

read -r _ lp50 lp95 lp99 lbad <<<"$(summary caseload-page)"
read -r _ ap50 ap95 ap99 abad <<<"$(summary caseload-api)"
read -r _ cp50 cp95 cp99 cbad <<<"$(summary case-page)"
read -r _ bp50 bp95 bp99 bbad <<<"$(summary case-api)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v p="$1" 'BEGIN { print (p < 300 ? "PASS" : "MISS") }'; }

mkdir -p "$LOCAL/bench"
report="$LOCAL/bench/console-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# Console benchmark, $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "Machine: $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg). Commit $(git -C "$ROOT" rev-parse --short HEAD)."
  echo "$cases cases led by one agency, opened through $gateway; $requests requests of each kind, one at a time, after 20 of warm-up."
  echo
  echo "| request | p50 ms | p95 ms | p99 ms | non-2xx | p95 vs its API call | target p95 < 300 ms |"
  echo "|---|---|---|---|---|---|---|"
  echo "| caseload page \`/cases\` (first page of $page) | $lp50 | $lp95 | $lp99 | $lbad | $(ratio "$lp95" "$ap95")x | $(verdict "$lp95") |"
  echo "| baseline: \`GET /api/intake/cases?limit=$page&status=open\` | $ap50 | $ap95 | $ap99 | $abad | 1 | |"
  echo "| case page \`/cases/<id>\` (random case) | $cp50 | $cp95 | $cp99 | $cbad | $(ratio "$cp95" "$bp95")x | $(verdict "$cp95") |"
  echo "| baseline: \`GET /api/intake/cases/<id>\` | $bp50 | $bp95 | $bp99 | $bbad | 1 | |"
} | tee "$report"
log "report: $report" >&2
