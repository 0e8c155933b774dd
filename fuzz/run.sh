#!/usr/bin/env bash
# Runs the property tests in tests/fuzz.rs over and over, with many cases and a new
# random seed each round, for SECONDS (default 600). A failing input is shrunk,
# printed, and kept by proptest in proptest-regressions/fuzz.txt: commit that file
# and fix the bug, and every later `cargo test` replays it.
#
# Then tests/equivalence.rs (watch mode's rebuilds against full builds) runs with
# 2000 random edits per test and a new seed, printed first; replay a failure with
# HERALD_EQUIV_SEED=<that seed> fuzz/run.sh (or the cargo line below).
#
#   fuzz/run.sh            # 10 minutes, then the equivalence tests
#   fuzz/run.sh 60         # one minute, then the equivalence tests
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
cargo test --release --test fuzz --test equivalence --no-run --quiet
end=$(( $(date +%s) + seconds ))
rounds=0
while [ "$(date +%s)" -lt "$end" ]; do
  PROPTEST_CASES="${PROPTEST_CASES:-4000}" cargo test --release --test fuzz --quiet -- --test-threads 2 >/tmp/herald-fuzz.log 2>&1 || {
    cat /tmp/herald-fuzz.log
    echo "fuzz: a property failed after $rounds rounds; see above and proptest-regressions/" >&2
    exit 1
  }
  rounds=$(( rounds + 1 ))
done
echo "fuzz: $rounds rounds in ${seconds}s, no failure"
seed="${HERALD_EQUIV_SEED:-$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')}"
echo "fuzz: tests/equivalence.rs, 2000 rounds a test, HERALD_EQUIV_SEED=$seed"
HERALD_EQUIV_ROUNDS=2000 HERALD_EQUIV_SEED="$seed" cargo test --release --test equivalence --quiet -- --test-threads 2
echo "fuzz: equivalence with seed $seed, no failure"
