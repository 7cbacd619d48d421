#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs what the tests need
# (Debian's chromium and chromium-driver for the browser tests), then the Rust test
# suite of the whole workspace and the Python verifier over the published vectors.
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
command -v chromium >/dev/null 2>&1 || need_packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_packages+=(chromium-driver)
command -v python3 >/dev/null 2>&1 || need_packages+=(python3)
# A CJK font, so that the browser tests' screenshots show Chinese text, not boxes.
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || need_packages+=(fonts-wqy-microhei)
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "== installing ${need_packages[*]} (Debian packages)"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

# A one-off full build gains nothing from incremental caches, which would add
# gigabytes to target/ on a machine whose disk may be nearly full.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
echo "== disk free where target/ goes: $(df -h --output=avail . | tail -1 | tr -d ' ')"

echo "== formatting"
cargo fmt --all -- --check

echo "== privacy boundary: the site does not depend on expertpool-private"
# Personal data is a crate of its own so that no feature unification can hand it to the
# public site; this keeps it so. The compile_fail example in crates/site/src/lib.rs is the
# other half of the proof: site code cannot name a private type.
site_tree=$(cargo tree -p expertpool-site -e normal,build --prefix none)
if grep -q '^expertpool-private ' <<<"$site_tree"; then
  echo "error: expertpool-site depends on expertpool-private; the public site must never link personal data" >&2
  cargo tree -p expertpool-site -e normal,build -i expertpool-private >&2 || true
  exit 1
fi

echo "== cargo test (workspace)"
mkdir -p target
set +e
cargo test --workspace --no-fail-fast 2>&1 | tee target/test-output.log
status=${PIPESTATUS[0]}

echo "== Python verifier over the published test vectors"
python3 tools/verify_draws.py --vectors crates/draw/tests/vectors/draw-vectors.json
py_status=$?
set -e

passed=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' target/test-output.log | awk '{s+=$4} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed' target/test-output.log | awk '{s+=$1} END {print s+0}')
echo "rust: $passed passed, $failed failed"
echo "== target/ after the tests: $(du -sh target 2>/dev/null | cut -f1)"
[ "$status" -eq 0 ] && [ "$py_status" -eq 0 ]
