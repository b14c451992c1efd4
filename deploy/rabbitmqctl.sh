#!/usr/bin/env bash
# rabbitmqctl for the broker started by deploy/infra-up.sh, e.g. `deploy/rabbitmqctl.sh stop_app`.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
sbin="$(rabbit_sbin)" || die "RabbitMQ is not installed (run deploy/infra-up.sh)"
rabbit_env
exec "$sbin/rabbitmqctl" "$@"
