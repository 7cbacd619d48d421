#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs what the tests need
# (Debian's chromium and chromium-driver for the browser tests), then the Rust test
# suite of the whole workspace and the Python verifier over the published vectors.
set -euo pipefail
cd "$(dirname "$0")/.."

# What the tests need beyond Rust: a headless browser and its driver for the browser
# tests, Python 3 for the independent verifier, a CJK font for readable screenshots.
# Installed with apt-get when it is there; without it (or with EXPERTPOOL_SKIP_BROWSER=1)
# the browser tests are skipped, and this script says so.
need_packages=()
if [ "${EXPERTPOOL_SKIP_BROWSER:-}" = "1" ]; then
  echo "== EXPERTPOOL_SKIP_BROWSER=1: browser tests skipped, no browser installed"
else
  command -v chromium >/dev/null 2>&1 || need_packages+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || need_packages+=(chromium-driver)
  dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || need_packages+=(fonts-wqy-microhei)
fi
command -v python3 >/dev/null 2>&1 || need_packages+=(python3)
if [ ${#need_packages[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && sudo_cmd="sudo"; }
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$sudo_cmd" ]; }; then
    echo "== installing ${need_packages[*]} (Debian packages)"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_packages[@]}" >/dev/null
  else
    echo "== no apt-get (or no root): cannot install ${need_packages[*]}"
    if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
      echo "== browser tests skipped: install chromium and chromium-driver to run them"
      export EXPERTPOOL_SKIP_BROWSER=1
    fi
  fi
fi

# A one-off full build gains nothing from incremental caches, which would add
# gigabytes to target/ on a machine whose disk may be nearly full.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
# The tests read messages in the default language (简体中文): an English locale on the
# machine would switch the commands they run to English (crates/i18n).
export LC_ALL=C.UTF-8
unset LANGUAGE LC_MESSAGES
echo "== disk free where target/ goes: $(df -h --output=avail . | tail -1 | tr -d ' ')"

if cargo fmt --version >/dev/null 2>&1; then
  echo "== formatting"
  cargo fmt --all -- --check
else
  echo "== formatting not checked: rustfmt is not installed (rustup component add rustfmt)"
fi

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

# The fuzz targets (crates/fuzz) replay their corpus and then mutate it for this many
# seconds each inside `cargo test`; 0 replays the corpus only. docs/fuzzing.md.
export EXPERTPOOL_FUZZ_SECS="${EXPERTPOOL_FUZZ_SECS:-15}"

echo "== cargo test (workspace; fuzz targets ${EXPERTPOOL_FUZZ_SECS} s each)"
mkdir -p target
set +e
cargo test --workspace --no-fail-fast 2>&1 | tee target/test-output.log
status=${PIPESTATUS[0]}

echo "== Python verifier over the published test vectors"
if command -v python3 >/dev/null 2>&1; then
  python3 tools/verify_draws.py --vectors crates/draw/tests/vectors/draw-vectors.json
  py_status=$?
else
  echo "python3 not found: the Python verifier was not run (install Python 3)"
  py_status=1
fi
set -e

passed=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' target/test-output.log | awk '{s+=$4} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed' target/test-output.log | awk '{s+=$1} END {print s+0}')
echo "rust: $passed passed, $failed failed"
echo "== target/ after the tests: $(du -sh target 2>/dev/null | cut -f1)"
[ "$status" -eq 0 ] && [ "$py_status" -eq 0 ]
