# Shared set-up of ./run and ./test: system libraries, virtual environment, packages.
# Sourced, not run; safe to repeat (it does only what is missing or changed).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"

say() { printf '%s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian/Ubuntu packages a fresh machine lacks: Qt's runtime libraries, a virtual
# screen for real-window screenshots, and PostgreSQL for the server tests.
install_system_packages() {
    local wanted=("$@") missing=()
    command -v dpkg-query >/dev/null 2>&1 || return 0  # not Debian/Ubuntu: see README
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    ((${#missing[@]})) || return 0
    say "Installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

QT_PACKAGES=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0)
if [ "$(uname -s)" = Linux ]; then
    install_system_packages "${QT_PACKAGES[@]}"
fi

"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    say "Python 3.11 or newer is needed (found: $("$PYTHON" --version 2>&1))."
    exit 1
}
if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    install_system_packages python3-venv
fi

if [ ! -x "$VENV/bin/python" ]; then
    say "Creating the virtual environment in .venv"
    "$PYTHON" -m venv "$VENV"
fi

# Reinstall only when the dependency files changed since the last install.
stamp="$VENV/.installed"
wanted_stamp="$(cat "$ROOT/pyproject.toml" "$ROOT/constraints.txt" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted_stamp" ]; then
    say "Installing Python packages (pinned in constraints.txt)"
    log="$VENV/install.log"
    if ! "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        -c "$ROOT/constraints.txt" -e "$ROOT[dev]" >"$log" 2>&1; then
        cat "$log" >&2
        say "Installing the Python packages failed (log above)."
        exit 1
    fi
    echo "$wanted_stamp" > "$stamp"
fi
