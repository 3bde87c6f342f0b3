# Shared by infra/up and infra/test: installs what the hotline needs from Debian and npm, once.
hl_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

hl_apt_install() {
  local missing=()
  for pair in "$@"; do
    local cmd=${pair%%:*} pkg=${pair#*:}
    command -v "$cmd" >/dev/null 2>&1 || [ -x "$cmd" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "infra: installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  for attempt in 1 2 3; do
    if $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; then return 0; fi
    echo "infra: apt-get failed (attempt $attempt), retrying"; sleep $((attempt * 5))
  done
  return 1
}

hl_npm_install() {
  cd "$hl_root"
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "infra: installing npm packages"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}
