#!/usr/bin/env bash
# The real services the distributed farm and its integration tests use, on 127.0.0.1:
#   PostgreSQL 15 (Debian package; port 5432; role and database "chromofarm", password "chromofarm"),
#   RabbitMQ 3.10 (Debian package; port 5672; the default guest account, which RabbitMQ allows on loopback),
#   s3rver 3.7.1 (npm; port 9000), an S3-compatible server, with its data under artifacts/services/s3.
#
#   scripts/services.sh install   install what is missing (apt, npm), saying what it installs
#   scripts/services.sh start     start whatever is not already answering; prints the environment the tests read
#   scripts/services.sh stop [NAME...]  stop s3rver, or the named services (postgresql, rabbitmq-server, s3rver)
#   scripts/services.sh not-running     print the names of those not answering (what `start` would start)
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
tools=$root/artifacts/tools
state=$root/artifacts/services
S3RVER_VERSION=3.7.1

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {
  local name=$1 port=$2
  for _ in $(seq 1 60); do
    listening "$port" && return 0
    sleep 1
  done
  echo "services: $name did not start listening on 127.0.0.1:$port within 60 s" >&2
  return 1
}

install() {
  local missing=()
  for pkg in postgresql rabbitmq-server nodejs npm; do
    if [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" != "install ok installed" ]; then
      # node and npm may come from elsewhere than Debian; only install them when there are none.
      case $pkg in nodejs) command -v node >/dev/null && continue ;; npm) command -v npm >/dev/null && continue ;; esac
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "services: installing ${missing[*]}"
    local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -y -qq -o Dpkg::Use-Pty=0)
    "${apt[@]}" update
    "${apt[@]}" install "${missing[@]}" >/dev/null
  fi
  if [ ! -x "$tools/s3rver/node_modules/.bin/s3rver" ]; then
    echo "services: installing s3rver $S3RVER_VERSION into $tools/s3rver"
    mkdir -p "$tools/s3rver"
    npm install --silent --no-audit --no-fund --prefix "$tools/s3rver" "s3rver@$S3RVER_VERSION" >/dev/null
  fi
}

start() {
  if ! listening 5432; then
    "${sudo[@]}" service postgresql start >/dev/null
    wait_for PostgreSQL 5432
  fi
  # Idempotent: the role and database are created once.
  "${sudo[@]}" runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -c \
    "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'chromofarm') THEN CREATE ROLE chromofarm LOGIN CREATEDB PASSWORD 'chromofarm'; END IF; END \$\$;" >/dev/null
  if ! "${sudo[@]}" runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname = 'chromofarm'" | grep -q 1; then
    "${sudo[@]}" runuser -u postgres -- createdb -O chromofarm chromofarm
  fi

  if ! listening 5672; then
    "${sudo[@]}" service rabbitmq-server start >/dev/null
    wait_for RabbitMQ 5672
  fi

  if ! listening 9000; then
    mkdir -p "$state/s3"
    nohup "$tools/s3rver/node_modules/.bin/s3rver" --address 127.0.0.1 --port 9000 --directory "$state/s3" --silent \
      >"$state/s3rver.log" 2>&1 &
    echo $! >"$state/s3rver.pid"
    wait_for s3rver 9000
  fi

  cat <<ENV
CHROMOFARM_POSTGRES=Host=127.0.0.1;Port=5432;Database=chromofarm;Username=chromofarm;Password=chromofarm
CHROMOFARM_RABBITMQ=amqp://guest:guest@127.0.0.1:5672/
CHROMOFARM_S3=http://127.0.0.1:9000
ENV
}

stop() {
  local name
  for name in "${@:-s3rver}"; do
    case $name in
      s3rver)
        if [ -f "$state/s3rver.pid" ]; then
          kill "$(cat "$state/s3rver.pid")" 2>/dev/null || true
          rm -f "$state/s3rver.pid"
        fi
        ;;
      postgresql | rabbitmq-server) "${sudo[@]}" service "$name" stop >/dev/null 2>&1 || true ;;
      *) echo "services: unknown service $name" >&2; return 2 ;;
    esac
  done
}

not_running() {
  listening 5432 || echo postgresql
  listening 5672 || echo rabbitmq-server
  listening 9000 || echo s3rver
}

case ${1:-} in
  install) install ;;
  start) start ;;
  stop) shift; stop "$@" ;;
  not-running) not_running ;;
  *) echo "usage: scripts/services.sh install|start|stop [NAME...]|not-running" >&2; exit 2 ;;
esac
