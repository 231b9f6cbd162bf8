#!/usr/bin/env bash
# Installs what the tests need and runs all of them: `npm ci`, then unit tests, integration tests against a
# real Prometheus and VictoriaMetrics, and browser tests when they exist (`npm run test:all`).
# Missing apt packages are installed when running as root or with passwordless sudo; otherwise the script
# says what to install and stops. SKIP_NPM_CI=1 keeps the current node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."

# command -> Debian package
declare -A PACKAGE_OF=(
  [prometheus]=prometheus
  [promtool]=prometheus
  [victoria-metrics]=victoria-metrics
  [prometheus-alertmanager]=prometheus-alertmanager
  [docker-compose]=docker-compose
  [chromium]=chromium
  # tests/integration/secured.test.ts: a private CA and TLS certificates, and a bcrypt hash for basic auth
  [openssl]=openssl
  [htpasswd]=apache2-utils
  # npm run package (.ci/run): writes the plugin zip and re-reads it
  [zip]=zip
  [unzip]=unzip
)

missing=()
for cmd in "${!PACKAGE_OF[@]}"; do
  if ! command -v "$cmd" >/dev/null 2>&1; then
    pkg="${PACKAGE_OF[$cmd]}"
    [[ " ${missing[*]-} " == *" $pkg "* ]] || missing+=("$pkg")
  fi
done

if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -eq 0 ]]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo)
  else
    echo "Missing packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} with apt-get"
  "${SUDO[@]}" apt-get update
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

if [[ "${SKIP_NPM_CI:-}" != "1" ]]; then
  # @playwright/test (for the plugin-e2e specs run against a real Grafana) must not fetch browsers: Chromium is Debian's.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci
fi

npm run test:all
