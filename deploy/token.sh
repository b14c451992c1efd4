#!/usr/bin/env bash
# Prints a development JWT (HS256) signed with the key in .local/dev-signing-key.
#   deploy/token.sh --agency <id> --role <role> [--subject <id>] [--minutes N]
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ROLES="case-manager supervisor provider law-enforcement administrator"

usage() {
  cat >&2 <<USAGE
usage: deploy/token.sh --agency <id> --role <role> [--subject <id>] [--minutes N]
  --agency   agency id, letters, digits, '.', '_' and '-' only
  --role     one of: ${ROLES// /, }
  --subject  user id (default: user-<random hex>)
  --minutes  lifetime in minutes (default 60)
USAGE
  exit 2
}

agency="" role="" subject="" minutes=60
while (( $# > 0 )); do
  case "$1" in
    --agency)  (( $# >= 2 )) || usage; agency="$2"; shift 2 ;;
    --role)    (( $# >= 2 )) || usage; role="$2"; shift 2 ;;
    --subject) (( $# >= 2 )) || usage; subject="$2"; shift 2 ;;
    --minutes) (( $# >= 2 )) || usage; minutes="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done

[[ -n "$agency" && -n "$role" ]] || usage
[[ "$agency" =~ ^[A-Za-z0-9._-]+$ ]] || { echo "invalid agency id: $agency" >&2; usage; }
[[ " $ROLES " == *" $role "* ]] || { echo "invalid role: $role" >&2; usage; }
[[ "$minutes" =~ ^[1-9][0-9]{0,5}$ ]] || { echo "invalid minutes: $minutes" >&2; usage; }
if [[ -z "$subject" ]]; then
  subject="user-$(openssl rand -hex 4)"
fi
[[ "$subject" =~ ^[A-Za-z0-9._@:|-]+$ ]] || { echo "invalid subject: $subject" >&2; usage; }

ensure_signing_key >&2

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

now="$(date +%s)"
exp=$(( now + minutes * 60 ))
jti="$(openssl rand -hex 16)"
header='{"alg":"HS256","typ":"JWT"}'
payload="{\"iss\":\"platform-local\",\"aud\":\"platform\",\"sub\":\"$subject\",\"agency\":\"$agency\",\"role\":\"$role\",\"iat\":$now,\"nbf\":$now,\"exp\":$exp,\"jti\":\"$jti\"}"

signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
# The key file holds base64 text; the HMAC key is the decoded bytes.
hexkey="$(tr -d '[:space:]' < "$LOCAL/dev-signing-key" | openssl base64 -d -A | od -An -v -tx1 | tr -d ' \n')"
[[ -n "$hexkey" ]] || die "could not decode $LOCAL/dev-signing-key"
signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$hexkey" -binary | b64url)"
printf '%s.%s\n' "$signing_input" "$signature"
