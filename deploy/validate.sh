#!/usr/bin/env bash
# Checks the deployment files with whatever can run without a Docker engine or a cluster:
#   deploy/validate.sh           run every check whose tool is present; a missing tool is a "skip" line
#   deploy/validate.sh install   install the tools (Debian packages; npm packages into artifacts/tools)
# Exits 1 when a check fails (not when one is skipped). Renders land in artifacts/deploy-validate/.
set -uo pipefail

cd "$(dirname "$0")/.."
tools=artifacts/tools
out=artifacts/deploy-validate
chart=helm/chromofarm
# Debian's Go sources (golang-github-masterminds-sprig-dev, golang-k8s-sigs-yaml-dev) live here.
gocode=/usr/share/gocode

KUBE_MODELS=(kubernetes-models@5.1.0 @kubernetes-models/keda@2.0.0 yaml@2.9.1)
DOCKERFILE_UTILS=dockerfile-utils@0.16.3

install() {
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -y -qq update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -y -qq install --no-install-recommends \
    yamllint docker-compose nodejs npm golang-go golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev
  npm install --silent --no-audit --no-fund --prefix "$tools/kube-models" "${KUBE_MODELS[@]}"
  npm install --silent --no-audit --no-fund --prefix "$tools/dockerfile-utils" "$DOCKERFILE_UTILS"
  echo "validate: tools installed (kubectl, for the offline parse check, is not a Debian package)"
}

passed=0
failed=0
skipped=0
pass() { echo "PASS  $1"; passed=$((passed + 1)); }
fail() { echo "FAIL  $1"; failed=$((failed + 1)); }
skip() { echo "skip  $1"; skipped=$((skipped + 1)); }

# check NAME COMMAND...: runs it and counts pass/fail; shows all its output on failure, its last line on success.
check() {
  local name=$1 output status
  shift
  output=$("$@" 2>&1)
  status=$?
  if [ $status -eq 0 ]; then
    pass "$name"
    [ -n "$output" ] && tail -n 1 <<<"$output" | sed 's/^/      /'
  else
    fail "$name"
    [ -n "$output" ] && sed 's/^/      /' <<<"$output"
  fi
  return $status
}

have() { command -v "$1" >/dev/null 2>&1; }

run_checks() {
  rm -rf "$out" && mkdir -p "$out"

  # ---- YAML ----
  if have yamllint; then
    check "yamllint (.yamllint): compose, collector, chart values" \
      yamllint -s -c .yamllint docker-compose.yml deploy/otel-collector.yaml "$chart/Chart.yaml" "$chart/values.yaml" "$chart/ci"
  else
    skip "yamllint: not installed (apt-get install yamllint)"
  fi

  # ---- docker-compose.yml ----
  local compose=()
  if have docker-compose; then
    compose=(docker-compose)
  elif have docker && docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
  fi
  if [ ${#compose[@]} -gt 0 ]; then
    check "${compose[*]} config -q" "${compose[@]}" -f docker-compose.yml config -q
    check "${compose[*]} --profile gpu config -q" "${compose[@]}" -f docker-compose.yml --profile gpu config -q
  else
    skip "compose config: neither docker-compose nor the docker compose plugin is installed"
  fi
  if have python3 && python3 -c 'import yaml' 2>/dev/null; then
    check "check-settings: docker-compose.yml against the serve contract" \
      python3 deploy/check-settings.py compose docker-compose.yml
  else
    skip "check-settings (compose): python3 with PyYAML is missing"
  fi

  # ---- Dockerfiles ----
  local dockerfile_utils=$tools/dockerfile-utils/node_modules/.bin/dockerfile-utils
  if [ -x "$dockerfile_utils" ] && have node; then
    local f
    for f in deploy/Dockerfile deploy/Dockerfile.worker-cuda; do
      # Warnings print without changing the exit status; any finding is a failure here.
      check "dockerfile-utils lint $f" \
        bash -c 'out=$("$1" lint "$2" 2>&1); s=$?; echo "$out"; [ $s -eq 0 ] && [ -z "$out" ]' _ "$dockerfile_utils" "$f"
    done
  else
    skip "Dockerfile lint: node or $dockerfile_utils is missing (deploy/validate.sh install)"
  fi

  # ---- Helm chart: render ----
  local values_sets=("" "$chart"/ci/*-values.yaml) renders=() v name
  local renderer=()
  if have helm; then
    check "helm lint" helm lint "$chart"
    renderer=(helm template chromofarm)
  elif have go && [ -d "$gocode/src/github.com/Masterminds/sprig" ] && [ -d "$gocode/src/sigs.k8s.io/yaml" ]; then
    if check "build chart-render (helm/tools/render)" \
        env GO111MODULE=off GOPATH="$gocode" GOFLAGS= go build -o "$tools/chart-render" ./helm/tools/render; then
      renderer=("$tools/chart-render" -name chromofarm)
    fi
  else
    skip "chart render: no helm, and no Go with Debian's sprig and sigs.k8s.io/yaml sources (deploy/validate.sh install)"
  fi
  if [ ${#renderer[@]} -gt 0 ]; then
    for v in "${values_sets[@]}"; do
      name=$(basename "${v:-default-values.yaml}" .yaml)
      # The chart directory goes last: chart-render, like Go's flag package, stops at the first argument.
      check "render $name" bash -c '"$@" > '"$out/$name.yaml" _ "${renderer[@]}" ${v:+-f "$v"} "$chart" \
        && renders+=("$out/$name.yaml")
    done
  fi

  # ---- Helm chart: rendered manifests ----
  if [ ${#renders[@]} -gt 0 ]; then
    for v in "${renders[@]}"; do
      name=$(basename "$v" .yaml)
      if have python3 && python3 -c 'import yaml' 2>/dev/null; then
        check "check-settings: $name render against the serve contract" python3 deploy/check-settings.py chart "$v"
      fi
      if have kubectl; then
        # --local: parsed as Kubernetes objects without a cluster (no schema; that is the next check).
        check "kubectl parse $name (label --local --dry-run=client)" bash -c \
          'names=$(kubectl label --local -f "$1" validated=true --dry-run=client -o name) && echo "$(wc -l <<<"$names") objects"' \
          _ "$v"
      fi
      if [ -d "$tools/kube-models/node_modules/kubernetes-models" ] && have node; then
        check "schema $name (kubernetes-models, @kubernetes-models/keda)" \
          node helm/tools/validate-manifests.mjs "$tools/kube-models" "$v"
      fi
    done
    have kubectl || skip "kubectl parse: kubectl is not installed"
    { [ -d "$tools/kube-models/node_modules/kubernetes-models" ] && have node; } \
      || skip "manifest schemas: node or $tools/kube-models is missing (deploy/validate.sh install)"
  else
    skip "rendered-manifest checks (contract, kubectl parse, schemas): nothing was rendered"
  fi

  echo "validate: $passed passed, $failed failed, $skipped skipped"
  [ $failed -eq 0 ]
}

case ${1:-} in
  install) install ;;
  "") run_checks ;;
  *) echo "usage: deploy/validate.sh [install]" >&2; exit 2 ;;
esac
