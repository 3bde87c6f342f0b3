# Shared by infra/up and infra/test (sourced, not run): installs what the hotline needs from Debian and npm, only when missing.
hl_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Playwright drives Debian's chromium only; it must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

hl_log() { echo "infra: $*" >&2; }

# hl_apt_install CHECK:PACKAGE...  installs each PACKAGE whose CHECK (a command on PATH, an absolute path, or
# "dpkg=NAME" for a package without a command) is missing. apt-get update runs only when something is missing.
hl_apt_install() {
  local missing=() pair check pkg
  for pair in "$@"; do
    check=${pair%%:*} pkg=${pair#*:}
    case "$check" in
      dpkg=*) dpkg-query -W -f='${Status}' "${check#dpkg=}" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg") ;;
      /*) [ -x "$check" ] || missing+=("$pkg") ;;
      *) command -v "$check" >/dev/null 2>&1 || missing+=("$pkg") ;;
    esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  hl_log "installing ${missing[*]} from Debian"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  local attempt
  for attempt in 1 2 3; do
    if $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
           -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"; then
      return 0
    fi
    hl_log "apt-get failed (attempt $attempt of 3)"
    [ "$attempt" -lt 3 ] && sleep $((attempt * 10))
  done
  hl_log "could not install ${missing[*]}"
  return 1
}

# npm packages from package-lock.json: when node_modules is missing or older than the lock file.
hl_npm_install() {
  (
    cd "$hl_root"
    if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
      hl_log "installing npm packages (npm ci)"
      local attempt
      for attempt in 1 2 3; do
        npm ci --no-audit --no-fund --loglevel=error && exit 0
        hl_log "npm ci failed (attempt $attempt of 3)"
        [ "$attempt" -lt 3 ] && sleep $((attempt * 10))
      done
      exit 1
    fi
  )
}
