#!/usr/bin/env bash
# `herald check` (or build) on pathological input: one announcement with thousands of tags, 1 MB
# of `[`, deep nesting, a 20 MB `.ftl`… For each: exit status, wall and CPU time, peak
# memory, and peak memory over the largest input file. Prints a Markdown table.
#
#   bench/pathological.sh                        # every case, with target/release/herald
#   bench/pathological.sh --herald /tmp/old/herald --timeout 120
#   bench/pathological.sh --only "tags brackets"  # cases whose kind is listed
#   bench/pathological.sh --build                # `herald build` (into BENCH_DIR) instead
#
# Sites are written by bench/pathological.py under BENCH_DIR (default
# /dev/shm/herald-pathological) and kept for the next run. Exit status 1 is expected
# where herald refuses the input with a limit's error; the table shows its first line.
set -euo pipefail
cd "$(dirname "$0")/.."

HERALD=""
TIMEOUT=120
ONLY=""
COMMAND=check
while [ $# -gt 0 ]; do
  case "$1" in
    --herald) HERALD="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --build) COMMAND=build; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$HERALD" ]; then
  cargo build --release --quiet --bin herald
  HERALD="$PWD/target/release/herald"
fi

BASE="${BENCH_DIR:-/dev/shm/herald-pathological}"
[ -d /dev/shm ] || BASE="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$BASE"

# kind size: what bench/pathological.py writes.
CASES="tags:200 tags:1000 tags:4000 tags:100000 brackets:1000000 nesting:1000000
headings:16000 linkmany:8000 aliases:100000 ftl:300000 ftl-unused:300000"

echo "| input | largest file | exit | wall s | CPU s | peak MiB | peak / file | first line of output |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
for case in $CASES; do
  kind="${case%%:*}"
  size="${case##*:}"
  if [ -n "$ONLY" ] && [[ " $ONLY " != *" $kind "* ]]; then
    continue
  fi
  site="$BASE/$kind-$size"
  [ -f "$site/site.yaml" ] || python3 bench/pathological.py "$kind" "$size" "$site"
  rm -rf "$BASE/out"
  python3 - "$HERALD" "$site" "$TIMEOUT" "$kind $size" "$COMMAND" "$BASE/out" <<'EOF'
import os
import subprocess
import sys
import tempfile
import threading
import time

herald, site, timeout, label, command, out = sys.argv[1:7]
timeout = float(timeout)
args = [herald, command, "--site", site] + (["--output", out] if command == "build" else [])
largest = max(
    os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(site) for f in files
)
start = time.perf_counter()
with tempfile.TemporaryFile() as out:
    child = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
    timer = threading.Timer(timeout, child.kill)
    timer.start()
    # wait4: this child's own time and memory (not those of earlier children).
    _, code, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(code)
    out.seek(0)
    output = out.read(100_000).decode(errors="replace")
status = str(child.returncode) if child.returncode >= 0 else f"killed after {timeout:.0f} s"
cpu = usage.ru_utime + usage.ru_stime
peak = usage.ru_maxrss / 1024
first = output.splitlines()[0] if output else ""
first = first.replace(site + "/", "").replace("|", "\\|")
if len(first) > 160:
    first = first[:160] + "…"
shown = f"{largest / 1e6:.2f} MB" if largest >= 1e6 else f"{largest / 1e3:.1f} kB"
print(f"| {label} | {shown} | {status} | {wall:.2f} | {cpu:.2f} | "
      f"{peak:.0f} | {peak * 1048576 / largest:.0f}× | {first} |")
EOF
done
rm -rf "$BASE/out"
