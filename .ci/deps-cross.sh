#!/usr/bin/env bash
# What `ferrogo build --targets` needs to build for platforms other than the host, and what
# tests/publish.sh needs to run their Go tests here (docs/GUIDE.md, Publishing):
#  - a Rust toolchain that builds std from source: Debian's rustc-web, cargo-web and
#    rust-web-src (rustup has no other target's std here, and its 1.95 cannot build that source);
#  - C cross compilers for cgo and for crates with C code: gcc-aarch64-linux-gnu, gcc-mingw-w64;
#  - qemu-user to run linux/arm64 test binaries; llvm-strip for every object format;
#  - wasm-ld-22 (lld-22) to link the `wasm` target's module (Debian ships no rust-lld).
# Everything comes from Debian's archive (bookworm and bookworm-security).
set -euo pipefail

need() { command -v "$1" >/dev/null 2>&1; }
packages=()
[ -x /usr/bin/rustc ] && [ -x /usr/bin/cargo ] && [ -d /usr/lib/rustlib/src/rust/library ] ||
	packages+=(rustc-web cargo-web rust-web-src libstd-rust-web-dev)
need aarch64-linux-gnu-gcc || packages+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
need aarch64-linux-gnu-g++ || packages+=(g++-aarch64-linux-gnu)
need x86_64-w64-mingw32-gcc || packages+=(gcc-mingw-w64-x86-64)
need x86_64-w64-mingw32-g++ || packages+=(g++-mingw-w64-x86-64)
need qemu-aarch64-static || packages+=(qemu-user-static)
need llvm-strip || packages+=(llvm)
need wasm-ld-22 || packages+=(lld-22)
if [ ${#packages[@]} -gt 0 ]; then
	if need apt-get && [ "$(id -u)" = 0 ]; then
		echo "deps-cross: installing ${packages[*]}"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
	else
		echo "deps-cross: please install: ${packages[*]}" >&2
		exit 1
	fi
fi

# std's source must be the compiler's own version (a half-upgraded system fails here, not in
# the middle of a build).
v=$(/usr/bin/rustc -V | awk '{print $2}')
src=$(readlink -f /usr/lib/rustlib/src/rust)
if [ "$src" != "/usr/src/rustc-$v" ]; then
	echo "deps-cross: /usr/bin/rustc is $v but its std source is $src: upgrade rustc-web and rust-web-src together" >&2
	exit 1
fi
