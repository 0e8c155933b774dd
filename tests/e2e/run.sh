#!/usr/bin/env bash
# End-to-end checks of the example site as readers get it:
#   1. the W3C Nu Html Checker (vnu-jar) over every HTML page: zero errors;
#   2. feeds (feedparser), internal links and hreflang reciprocity (check_site.py);
#      XLIFF: `herald export` of the French missing and stale work, validated against
#      the OASIS XLIFF 2.0 core schema (lxml), filled through translate-toolkit's
#      XLIFF 2 reader and writer (xliff_roundtrip.py), `herald import`, build and
#      `check --strict`;
#      the CLDR oracle (oracle.sh): a site in 56 languages, its dates and `dir` checked
#      against Python Babel, no Fluent isolation marks in any file;
#   3. headless Chromium driven by playwright-core (Debian's chromium, never a
#      downloaded browser) through `herald serve`: switcher, right-to-left layout,
#      live reload, search in zh, ar and en (only real translations of the page's
#      language are found), console errors, axe-core accessibility in light and dark
#      mode; screenshots of an English, a Chinese and an Arabic page, of an
#      announcement in dark mode and of the Arabic search page in tests/e2e/artifacts/;
#   4. Lighthouse (pinned) on home, translated and fallback announcements and the tag
#      index in en, zh and ar: SEO, accessibility and best practices must be 100;
#   5. an announcement printed to PDF by Chromium (print stylesheet), its first page
#      as PNG (pdftoppm) in tests/e2e/artifacts/.
# Installs what it needs on a fresh Debian machine and is quick when it is there.
#   tests/e2e/run.sh                  # a release build of herald
#   tests/e2e/run.sh --debug          # the test build (CI has made it; same output)
#   tests/e2e/run.sh --install-only   # only install the tools (CI, while Rust compiles)
set -euo pipefail
install_only=0
debug=0
for arg in "$@"; do
  case "$arg" in
    --install-only) install_only=1 ;;
    --debug) debug=1 ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v java >/dev/null || need_apt+=(default-jre-headless)
command -v node >/dev/null || need_apt+=(nodejs npm)
command -v pdftoppm >/dev/null || need_apt+=(poppler-utils)
# Fonts so that the screenshots show Chinese and Arabic, not boxes. (The list is read
# first: `fc-list | grep -q` would fail under pipefail when grep stops early.)
fonts="$(fc-list 2>/dev/null || true)"
grep -q "Noto Sans CJK" <<<"$fonts" || need_apt+=(fonts-noto-cjk)
grep -q "Noto Naskh Arabic\|Noto Sans Arabic" <<<"$fonts" || need_apt+=(fonts-noto-core)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
[ -d node_modules/playwright-core ] && [ -d node_modules/lighthouse ] || npm ci --silent --no-audit --no-fund
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import feedparser, babel, lxml, translate.storage.xliff2" 2>/dev/null; then
  python3 -m venv .venv && .venv/bin/pip install --quiet -r requirements.txt
fi
if [ "$install_only" = 1 ]; then
  exit 0
fi

cd "$root"
if [ "$debug" = 1 ]; then
  # With the examples, as `cargo test` built it: herald alone would be resolved without
  # the dev-dependencies' features (quick-xml's, url's) and compiled again.
  cargo build --quiet --bin herald --example gencorpus --example rebuild
  herald="$root/target/debug/herald"
else
  cargo build --release --quiet --bin herald
  herald="$root/target/release/herald"
fi
work="$(mktemp -d)"
server=""
static_server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -n "$static_server" ] && kill "$static_server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# A copy of the example site: the live-reload check edits a file.
cp -r site.yaml content locales themes "$work/"
"$herald" build --site "$work" >/dev/null

# The example's urgent notice ended on 2026-11-22: at this "now" every page has its
# banner (the browser checks below see it too).
urgent_now="2026-11-21T12:00:00Z"
"$herald" build --site "$work" --now "$urgent_now" --output "$work/public-urgent" >/dev/null

echo "== Nu Html Checker"
find "$work/public" "$work/public-urgent" -name '*.html' -print0 | xargs -0 java -jar "$here/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only
echo "ok   every HTML page is valid (and with the urgent banner)"

echo "== feeds, links, hreflang"
"$here/.venv/bin/python" "$here/check_site.py" "$work/public" "$(sed -n 's/^base_url: *//p' site.yaml)"
rm -rf "$work/public-urgent"

echo "== XLIFF through translate-toolkit"
xl="$work/xliff"
mkdir -p "$xl" && cp -r site.yaml content locales themes "$xl/"
"$herald" export --site "$xl" --lang fr --output "$work/fr.xlf"
"$here/.venv/bin/python" "$here/xliff_roundtrip.py" "$here/data/xliff_core_2.0.xsd" "$work/fr.xlf" "$work/fr-filled.xlf"
"$herald" import --site "$xl" "$work/fr-filled.xlf"
"$herald" build --site "$xl" --quiet
"$herald" check --site "$xl" --strict --stale
grep -q "FR Applications are now open" "$xl/public/fr/announcements/fellowship-programme/index.html"
echo "ok   imported French pages build, check --strict --stale is clean"

echo "== CLDR oracle: dates and direction in 56 languages against Python Babel"
"$here/oracle.sh" "$herald"

echo "== browser"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$herald" serve --site "$work" --port "$port" --now "$urgent_now" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "^serving" "$work/serve.log" && break; sleep 0.1; done
grep -q "^serving" "$work/serve.log" || { cat "$work/serve.log"; exit 1; }
node "$here/browser.mjs" "http://127.0.0.1:$port" "$work" "$here/artifacts"

echo "== print"
# Chromium's own print-to-PDF (the print stylesheet), first page to PNG to look at.
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$here/artifacts/print-announcement.pdf" \
  "http://127.0.0.1:$port/en/announcements/idn-workshop/" 2>/dev/null
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$here/artifacts/print-announcement.pdf" "$here/artifacts/print-announcement"
echo "ok   printed to artifacts/print-announcement.pdf (page 1: print-announcement.png)"

echo "== lighthouse"
# A build whose base URL is the local server, so canonical URLs are on the same host,
# served as plain files (no live-reload script).
lh_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$herald" build --site "$work" --output "$work/lh-public" --base-url "http://127.0.0.1:$lh_port" >/dev/null
python3 -m http.server --bind 127.0.0.1 --directory "$work/lh-public" "$lh_port" >/dev/null 2>&1 &
static_server=$!
for _ in $(seq 50); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$lh_port/en/')" 2>/dev/null && break; sleep 0.1; done
CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" node "$here/lighthouse.mjs" "http://127.0.0.1:$lh_port" "$here/artifacts"
echo "e2e: all checks passed; screenshots in tests/e2e/artifacts/"
