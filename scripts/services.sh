#!/usr/bin/env bash
# The real services the distributed farm and its integration tests use, on 127.0.0.1:
#   PostgreSQL 15 (Debian package; port 5432; role and database "chromofarm", password "chromofarm"),
#   RabbitMQ 3.10 (Debian package; port 5672; the default guest account, which RabbitMQ allows on loopback),
#   s3rver 3.7.1 (npm; port 9000), an S3-compatible server, with its data under artifacts/services/s3.
# TLS for the tests of encrypted connections: a throw-away CA and a server certificate for 127.0.0.1/localhost
# (artifacts/services/tls), which PostgreSQL uses for its TLS connections and RabbitMQ on a second port, 5671
# (amqps); s3rver's tests start their own https instance with it.
#
#   scripts/services.sh install   install what is missing (apt, npm), saying what it installs
#   scripts/services.sh start     start whatever is not already answering; prints the environment the tests read
#   scripts/services.sh up        install + start, then one line on stderr saying what it started; on stdout
#                                 `export` lines for the tests' settings (`make test` evals them)
#   scripts/services.sh stop [NAME...]  stop s3rver, or the named services (postgresql, rabbitmq-server, s3rver)
#   scripts/services.sh not-running     print the names of those not answering (what `start` would start)
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
tools=$root/artifacts/tools
state=$root/artifacts/services
S3RVER_VERSION=3.7.1
postgres='Host=127.0.0.1;Port=5432;Database=chromofarm;Username=chromofarm;Password=chromofarm'
rabbitmq='amqp://guest:guest@127.0.0.1:5672/'
s3='http://127.0.0.1:9000'
tls=$state/tls
coreutils_install=$(type -P install) # not the install() below
rabbitmq_tls='amqps://guest:guest@localhost:5671/'

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi

# One line naming the service and the reason, then a non-zero exit: a service that cannot be had is a failure.
fail() {
  echo "services: $1" >&2
  exit 1
}

# apt, service and rabbitmqctl need root; without it, sudo that asks no password (a test run has no one to ask).
need_root() {
  if [ ${#sudo[@]} -gt 0 ] && ! sudo -n true 2>/dev/null; then
    fail "$1 needs root or passwordless sudo, which $(id -un) does not have; run as root, or set CHROMOFARM_SKIP_SERVICES=1 to skip the tests that need it"
  fi
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits for the port; else fails naming the service, with the last line of its log as the reason.
wait_for() {
  local name=$1 port=$2 log=$3
  for _ in $(seq 1 60); do
    listening "$port" && return 0
    sleep 1
  done
  fail "$name did not start listening on 127.0.0.1:$port within 60 s; last line of $log: $(tail -n 1 "$log" 2>/dev/null || echo '(no log)')"
}

install() {
  local missing=()
  for pkg in postgresql rabbitmq-server nodejs npm openssl; do
    if [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" != "install ok installed" ]; then
      # node and npm may come from elsewhere than Debian; only install them when there are none.
      case $pkg in nodejs) command -v node >/dev/null && continue ;; npm) command -v npm >/dev/null && continue ;; esac
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    need_root "installing ${missing[*]}"
    echo "services: installing ${missing[*]}" >&2
    local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -y -qq -o Dpkg::Use-Pty=0)
    "${apt[@]}" update >&2 || fail "apt-get update failed (exit $?) before installing ${missing[*]}"
    "${apt[@]}" install "${missing[@]}" >/dev/null || fail "apt-get install ${missing[*]} failed (exit $?)"
  fi
  if [ ! -x "$tools/s3rver/node_modules/.bin/s3rver" ]; then
    echo "services: installing s3rver $S3RVER_VERSION into $tools/s3rver" >&2
    mkdir -p "$tools/s3rver"
    mkdir -p "$state"
    local log=$state/npm-install.log status=0
    npm install --no-audit --no-fund --prefix "$tools/s3rver" "s3rver@$S3RVER_VERSION" >"$log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
      fail "s3rver: npm install s3rver@$S3RVER_VERSION failed (exit $status): $(grep -m 1 -iE 'npm (error|err!)' "$log" || tail -n 1 "$log")"
    fi
  fi
}

start() {
  if ! listening 5432; then
    command -v pg_ctlcluster >/dev/null || fail "PostgreSQL is not installed; run scripts/services.sh install"
    need_root "starting PostgreSQL"
    "${sudo[@]}" service postgresql start >/dev/null || fail "PostgreSQL: 'service postgresql start' failed (exit $?)"
    wait_for PostgreSQL 5432 "$(ls -t /var/log/postgresql/*.log 2>/dev/null | head -n 1)"
  fi
  # Idempotent: the role and database are created once (root is needed only then).
  if ! PGPASSWORD=chromofarm psql -h 127.0.0.1 -U chromofarm -d chromofarm -tAc 'SELECT 1' >/dev/null 2>&1; then
    need_root "creating the PostgreSQL role and database chromofarm"
    "${sudo[@]}" runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -c \
      "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'chromofarm') THEN CREATE ROLE chromofarm LOGIN CREATEDB PASSWORD 'chromofarm'; END IF; END \$\$;" >/dev/null \
      || fail "PostgreSQL: could not create the role chromofarm (psql as postgres, exit $?)"
    if ! "${sudo[@]}" runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname = 'chromofarm'" | grep -q 1; then
      "${sudo[@]}" runuser -u postgres -- createdb -O chromofarm chromofarm || fail "PostgreSQL: could not create the database chromofarm (exit $?)"
    fi
  fi

  if ! listening 5672; then
    command -v rabbitmqctl >/dev/null || fail "RabbitMQ is not installed; run scripts/services.sh install"
    need_root "starting RabbitMQ"
    "${sudo[@]}" service rabbitmq-server start >/dev/null || fail "RabbitMQ: 'service rabbitmq-server start' failed (exit $?)"
    wait_for RabbitMQ 5672 "$(ls -t /var/log/rabbitmq/*.log 2>/dev/null | head -n 1)"
  fi

  if ! listening 9000; then
    [ -x "$tools/s3rver/node_modules/.bin/s3rver" ] || fail "s3rver is not installed in $tools/s3rver; run scripts/services.sh install"
    mkdir -p "$state/s3"
    nohup "$tools/s3rver/node_modules/.bin/s3rver" --address 127.0.0.1 --port 9000 --directory "$state/s3" --silent \
      >"$state/s3rver.log" 2>&1 &
    echo $! >"$state/s3rver.pid"
    wait_for s3rver 9000 "$state/s3rver.log"
  fi

  certificates
  postgres_tls
  rabbitmq_tls

  settings
}

# A CA and a server certificate signed by it, made once; ten years, so that a cached checkout never sees them expire.
certificates() {
  [ -s "$tls/ca.pem" ] && [ -s "$tls/server.pem" ] && [ -s "$tls/server.key" ] && return 0
  command -v openssl >/dev/null || fail "TLS: openssl is not installed (apt-get install openssl)"
  mkdir -p "$tls"
  local log=$tls/openssl.log
  {
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=ChromoFarm test CA" -keyout "$tls/ca.key" -out "$tls/ca.pem" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" &&
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$tls/server.key" -out "$tls/server.csr" &&
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' >"$tls/server.ext" &&
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 3650 -out "$tls/server.pem" -extfile "$tls/server.ext"
  } >"$log" 2>&1 || fail "TLS: openssl could not make the test certificates; last line of $log: $(tail -n 1 "$log")"
  chmod 644 "$tls"/*.pem && chmod 600 "$tls/server.key" "$tls/ca.key"
}

# PostgreSQL serves TLS with the test certificate; a reload (not a restart) applies it, so open sessions stay.
postgres_tls() {
  local dir=/var/lib/postgresql/chromofarm-tls
  # Done when a client that trusts only the test CA, and checks the name, gets in.
  if PGPASSWORD=chromofarm psql "host=127.0.0.1 port=5432 dbname=chromofarm user=chromofarm sslmode=verify-full sslrootcert=$tls/ca.pem" \
    -tAc 'SELECT 1' >/dev/null 2>&1; then
    return 0
  fi
  need_root "configuring TLS for PostgreSQL"
  "${sudo[@]}" "$coreutils_install" -d -o postgres -g postgres -m 700 "$dir"
  "${sudo[@]}" "$coreutils_install" -o postgres -g postgres -m 600 "$tls/server.pem" "$tls/server.key" "$dir/"
  "${sudo[@]}" runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -c "ALTER SYSTEM SET ssl = on" \
    -c "ALTER SYSTEM SET ssl_cert_file = '$dir/server.pem'" -c "ALTER SYSTEM SET ssl_key_file = '$dir/server.key'" \
    -c "SELECT pg_reload_conf()" >/dev/null || fail "PostgreSQL: could not turn on TLS with $dir/server.pem (psql as postgres, exit $?)"
}

# RabbitMQ listens for amqps on 127.0.0.1:5671 besides 5672, with this checkout's certificate; when either is not
# so yet (the first time, or another checkout's CA), it is restarted to read them.
rabbitmq_tls() {
  local dir=/etc/rabbitmq/chromofarm-tls
  if listening 5671 && cmp -s "$dir/server.pem" "$tls/server.pem" 2>/dev/null; then
    return 0
  fi
  need_root "configuring TLS for RabbitMQ"
  # Certificates are public (readable by all, so that the check above needs no root); the key is not.
  "${sudo[@]}" "$coreutils_install" -d -o rabbitmq -g rabbitmq -m 755 "$dir"
  "${sudo[@]}" "$coreutils_install" -o rabbitmq -g rabbitmq -m 644 "$tls/ca.pem" "$tls/server.pem" "$dir/"
  "${sudo[@]}" "$coreutils_install" -o rabbitmq -g rabbitmq -m 640 "$tls/server.key" "$dir/"
  "${sudo[@]}" "$coreutils_install" -d -m 755 /etc/rabbitmq/conf.d
  printf '%s\n' "# Written by ChromoFarm's scripts/services.sh: amqps for the tests of encrypted connections." \
    "listeners.ssl.default = 127.0.0.1:5671" "ssl_options.cacertfile = $dir/ca.pem" "ssl_options.certfile = $dir/server.pem" \
    "ssl_options.keyfile = $dir/server.key" "ssl_options.verify = verify_none" "ssl_options.fail_if_no_peer_cert = false" \
    | "${sudo[@]}" tee /etc/rabbitmq/conf.d/50-chromofarm-tls.conf >/dev/null
  "${sudo[@]}" service rabbitmq-server restart >/dev/null || fail "RabbitMQ: 'service rabbitmq-server restart' for TLS failed (exit $?)"
  wait_for RabbitMQ 5672 "$(ls -t /var/log/rabbitmq/*.log 2>/dev/null | head -n 1)"
  wait_for "RabbitMQ (amqps)" 5671 "$(ls -t /var/log/rabbitmq/*.log 2>/dev/null | head -n 1)"
}

settings() {
  cat <<ENV
CHROMOFARM_POSTGRES=$postgres
CHROMOFARM_RABBITMQ=$rabbitmq
CHROMOFARM_S3=$s3
CHROMOFARM_TLS_CA=$tls/ca.pem
CHROMOFARM_TLS_CERTIFICATE=$tls/server.pem
CHROMOFARM_TLS_KEY=$tls/server.key
CHROMOFARM_RABBITMQ_TLS=$rabbitmq_tls
ENV
}

# install + start for `make test`: one line (stderr) saying what it started, counting a service that apt's install
# started as started here; then the settings as `export` lines (stdout), keeping any the caller already set.
up() {
  local before
  before=$(not_running | tr '\n' ' ')
  install
  start >/dev/null
  local started=() running=() name
  for name in postgresql rabbitmq-server s3rver; do
    if [[ " $before " == *" $name "* ]]; then started+=("$name"); else running+=("$name"); fi
  done
  local line="services: started ${started[*]:-nothing}"
  [ ${#running[@]} -eq 0 ] || line="$line; already running: ${running[*]}"
  echo "$line (127.0.0.1:5432, 5672, 9000; left running: scripts/services.sh stop postgresql rabbitmq-server s3rver)" >&2
  local value
  while IFS='=' read -r name value; do
    printf 'export %s="${%s:-%s}"\n' "$name" "$name" "$value"
  done < <(settings)
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
        # One started from another checkout has its pid file there: find it by its command line.
        pkill -f 's3rver --address 127.0.0.1 --port 9000' 2>/dev/null || true
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
  up) up ;;
  stop) shift; stop "$@" ;;
  not-running) not_running ;;
  *) echo "usage: scripts/services.sh install|start|up|stop [NAME...]|not-running" >&2; exit 2 ;;
esac
