#!/usr/bin/env bash
# Builds a release archive of the expertpool binary:
#   dist/expertpool-<version>-<target>.tar.gz  with the binary, README, the operations guide,
#   the systemd units and the Containerfile, and dist/SHA256SUMS beside it.
# A fully static binary (musl) is built when that target is installed
# (rustup target add x86_64-unknown-linux-musl); otherwise the host target, which needs the
# same or a newer glibc on the server. Set TARGET to choose.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
host=$(rustc -vV | sed -n 's/^host: //p')
if [ -z "${TARGET:-}" ]; then
  musl="${host%-gnu}-musl"
  if rustup target list --installed 2>/dev/null | grep -qx "$musl"; then TARGET=$musl; else TARGET=$host; fi
fi
[ "$TARGET" = "$host" ] && case $TARGET in *-gnu) echo "== note: $TARGET links glibc dynamically; install the musl target for a static binary";; esac

echo "== building expertpool $version for $TARGET"
cargo build --release --locked -p expertpool --target "$TARGET"
binary="target/$TARGET/release/expertpool"
[ -x "$binary" ] || { echo "error: $binary was not built" >&2; exit 1; }

name="expertpool-$version-$TARGET"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/deploy"
install -m 0755 "$binary" "$stage/$name/expertpool"
cp README.md docs/operations.md "$stage/$name/"
cp -R deploy/systemd deploy/Containerfile "$stage/$name/deploy/"
"$stage/$name/expertpool" --version >/dev/null

mkdir -p dist
# Stable archives: sorted names, fixed owner and times, so two builds of one commit compare.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01 00:00Z' \
  -C "$stage" -czf "dist/$name.tar.gz" "$name"
(cd dist && sha256sum "$name.tar.gz" > SHA256SUMS && cat SHA256SUMS)
echo "== dist/$name.tar.gz"
