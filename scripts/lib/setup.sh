# Shared set-up for scripts/test and scripts/shell: find the Swift toolchain
# and install the Debian packages the build and tests need.

ensure_toolchain() {
    if ! command -v swift >/dev/null 2>&1; then
        for d in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
            if [ -x "$d/swift" ]; then export PATH="$d:$PATH"; break; fi
        done
    fi
    command -v swift >/dev/null 2>&1 || { echo "error: no Swift toolchain found (install Swift 6 and put it on PATH)" >&2; exit 2; }
}

# Debian packages needed by the build (libedit for line editing; zstd, snappy,
# LZ4 and zlib for Parquet and compressed Arrow files) and the tests
# (tmux drives the shell in a real terminal; python3-venv holds the Arrow
# interoperability tests' pyarrow, pandas and duckdb).
IPDR_APT_PACKAGES=(python3 python3-venv pkg-config libedit-dev libzstd-dev libsnappy-dev liblz4-dev zlib1g-dev tmux)
# Only the tests need these: headless Chromium renders the case report.
IPDR_TEST_APT_PACKAGES=(chromium fonts-dejavu-core)

# Installs the build's packages, and the tests' too when given `tests`.
ensure_system_packages() {
    local missing=() wanted=("${IPDR_APT_PACKAGES[@]}")
    [ "${1:-}" = tests ] && wanted+=("${IPDR_TEST_APT_PACKAGES[@]}")
    for p in "${wanted[@]}"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        echo "installing: ${missing[*]}" >&2
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# The virtual environment .venv with pyarrow, pandas and duckdb from PyPI (pip
# honours PIP_FIND_LINKS for local wheels). Tests/EndToEndTests/ArrowInteropTests
# run scripts/interop/arrow_interop.py with it and fail when it is missing.
ensure_interop_venv() {
    local venv=".venv"
    if [ ! -x "$venv/bin/python" ]; then
        echo "creating $venv with pyarrow, pandas, duckdb" >&2
        python3 -m venv "$venv"
    fi
    if ! "$venv/bin/python" -c 'import pyarrow, pandas, duckdb' 2>/dev/null; then
        "$venv/bin/pip" install -q pyarrow pandas duckdb
    fi
}
