#!/usr/bin/env bash
# Checks (and where possible installs) what `make` needs: Rust with rustfmt and clippy, Go >= 1.24
# and a C compiler for cgo. Everything comes from the package registries.
set -euo pipefail

need() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
	if need apt-get && [ "$(id -u)" = 0 ]; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
	else
		echo "deps: please install: $*" >&2
		exit 1
	fi
}

need cc || apt_install gcc
# examples/textdiff checks its unified diffs by applying them with patch(1).
need patch || apt_install patch
need cargo || { echo "deps: Rust is missing: install it with rustup (https://rustup.rs)" >&2; exit 1; }
if need rustup; then
	cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
	cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
fi
need go || apt_install golang-go
# examples/tokenizers/prepare.sh installs its Python oracle (Hugging Face's tokenizers and
# tiktoken, from PyPI) into a virtualenv.
need python3 || apt_install python3 python3-venv
python3 -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv
go_minor=$(go env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')
if [ "${go_minor:-0}" -lt 24 ]; then
	echo "deps: Go >= 1.24 is needed (for #cgo noescape and runtime.AddCleanup); have $(go env GOVERSION)" >&2
	exit 1
fi
