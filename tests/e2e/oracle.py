#!/usr/bin/env python3
"""Dates and direction of every language checked against an independent CLDR
implementation, Python Babel.

Writes a site of LANGUAGES (more than 45, among them dv, yi, fa, bn, my, ar, he, ur,
zh-Hant, sr-Latn, pt-BR) into a temporary folder, builds it with herald and checks:
  - every <time> text is Babel's rendering of its `datetime` in the locale herald
    writes the language's dates in, with that locale's digits; or the language is
    listed in oracle-known-differences.tsv with the pattern herald uses, Babel's and
    why they differ, and the text is Babel's rendering with herald's pattern (an
    entry no longer needed, or whose Babel pattern changed, fails);
  - no root placeholder (`2026 M01 15`) anywhere;
  - herald warns exactly about the languages CLDR has no date data for (Babel too
    writes root placeholders for them) and have no `date_locale:`;
  - every page's <html dir> is Babel's Locale.character_order for its language;
  - no output file holds Fluent's isolation marks U+2068/U+2069;
  - plural variants: each language's 404 page shows a probe message (one variant per CLDR
    category) for PLURAL_NUMBERS; every category is Babel's Locale.plural_form.

The locale: the language's `date_locale:` if it has one; else, if herald warned that
ICU4X has no date data for it, the language the warning names; else the language.
Its digits: the `-u-nu-` keyword of the locale if any, else CLDR's default numbering
system for it (Babel's Locale.default_numbering_system).

The pattern: herald writes ICU4X's year-month-day "long" (fieldsets::YMD::long),
which ICU4X takes from CLDR's `yMMMMd` skeleton in availableFormats, not from the
`long` dateFormat (they differ in 49 of ICU4X's 170 languages, `15 जनवरी, 2026` and
`15 जनवरी 2026` in hi); so Babel formats with format_skeleton("yMMMMd").

Usage: oracle.py HERALD   (the herald binary)"""
import datetime
import glob
import gzip
import html.parser
import os
import re
import subprocess
import sys
import tempfile

from babel import Locale
from babel.dates import format_date, format_skeleton, match_skeleton

here = os.path.dirname(os.path.abspath(__file__))
herald = sys.argv[1]

# code → date_locale (None: none). The first is the default language.
LANGUAGES = {
    "en": None, "en-GB": None, "dv": None, "yi": "he", "fa": None, "fa-AF": "fa-AF-u-nu-latn",
    "bn": None, "my": None, "ar": None, "ar-EG": None, "he": None, "ur": None, "ps": None,
    "ckb": None, "zh": None, "zh-Hant": None, "ja": None, "ko": None, "sr": None,
    "sr-Latn": None, "pt": None, "pt-BR": None, "es": None, "es-419": None, "fr": None,
    "de": None, "it": None, "nl": None, "sv": None, "fi": None, "pl": None, "cs": None,
    "ro": None, "ru": None, "uk": None, "el": None, "tr": None, "az": None, "kk": None,
    "ka": None, "hy": None, "hi": None, "mr": None, "ne": None, "ta": None, "te": None,
    "si": None, "th": None, "lo": None, "km": None, "vi": None, "id": None, "sw": None,
    "am": None, "ku": None, "ast": None,
}
DEFAULT = "en"

# The first digit of the numbering systems CLDR gives these languages by default.
ZERO = {"latn": "0", "arab": "\u0660", "arabext": "\u06f0", "beng": "\u09e6",
        "deva": "\u0966", "mymr": "\u1040", "tibt": "\u0f20", "thai": "\u0e50"}

# Four dates across the year (one in a leap February); the third announcement is updated.
ANNOUNCEMENTS = [
    ("2026-01-15", None, "en"),
    ("2024-02-29", None, "en"),
    ("2025-10-30", "2025-12-01", "en"),
    ("2023-07-04", None, "ar"),
]
# Numbers whose CLDR plural category the oracle compares (integers across each rule's
# boundaries, and decimals, whose operands v and f count).
PLURAL_NUMBERS = ["0", "1", "2", "3", "5", "6", "7", "11", "12", "14", "19", "20", "21",
                  "22", "25", "100", "101", "102", "103", "110", "111", "1000", "1000000",
                  "0.5", "1.5", "2.5", "21.1"]
PROBE = ("probe = { $n ->\n    [zero] zero\n    [one] one\n    [two] two\n    [few] few\n"
         "    [many] many\n   *[other] other\n}\n")
ROOT_PLACEHOLDER = re.compile(r"\bM(0[1-9]|1[0-2])\b")
failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message, file=sys.stderr)


def babel_locale(tag):
    """Babel's Locale for a BCP 47 tag, without its -u- extension."""
    return Locale.parse(tag.split("-u-")[0], sep="-")


def digits_of(tag):
    m = re.search(r"-u-(?:.*-)?nu-([a-z]+)", tag)
    return m.group(1) if m else babel_locale(tag).default_numbering_system


def skeleton_pattern(tag):
    """The pattern Babel chooses for the skeleton yMMMMd in locale `tag`."""
    skeletons = babel_locale(tag).datetime_skeletons
    return skeletons[match_skeleton("yMMMMd", skeletons)].pattern


def babel_date(day, tag, pattern=None):
    """What Babel writes for `day` in locale `tag` (with `pattern`, else the yMMMMd
    skeleton's; a `YYYY-MM` month: the yMMMM skeleton's), in the locale's digits."""
    locale = babel_locale(tag)
    if len(day) == 7:
        date = datetime.date.fromisoformat(day + "-01")
        text = format_skeleton("yMMMM", date, locale=locale)
    else:
        date = datetime.date.fromisoformat(day)
        if pattern:
            text = format_date(date, format=pattern, locale=locale)
        else:
            text = format_skeleton("yMMMMd", date, locale=locale)
    system = digits_of(tag)
    if system not in ZERO:
        fail(f"{tag}: the oracle does not know the digits of numbering system {system}")
        return text
    zero = ord(ZERO[system])
    return "".join(chr(zero + int(c)) if c.isascii() and c.isdigit() else c for c in text)


def write_site(root):
    lines = ["base_url: https://example.org", f"default_language: {DEFAULT}", "languages:"]
    for code, date_locale in LANGUAGES.items():
        name = babel_locale(code).get_display_name(babel_locale(code))
        extra = f", date_locale: {date_locale}" if date_locale else ""
        lines.append(f'  - {{ code: {code}, name: "{name}"{extra} }}')
    lines.append("paginate: 2")
    with open(os.path.join(root, "site.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    folder = os.path.join(root, "content", "announcements")
    os.makedirs(folder)
    for i, (date, updated, lang) in enumerate(ANNOUNCEMENTS):
        front = f"---\ntitle: Notice {i}\ndate: {date}\n" + (f"updated: {updated}\n" if updated else "")
        with open(os.path.join(folder, f"{date}-notice-{i}.{lang}.md"), "w", encoding="utf-8") as f:
            f.write(front + "tags: [notices]\n---\n\nText of notice " + str(i) + ".\n")
    for code in LANGUAGES:
        os.makedirs(os.path.join(root, "locales", code))
        with open(os.path.join(root, "locales", code, "probe.ftl"), "w", encoding="utf-8") as f:
            f.write(PROBE)
    subprocess.run([herald, "theme", "eject", "--quiet", "--site", root], check=True)
    template = os.path.join(root, "themes", "default", "templates", "404.html")
    with open(template, encoding="utf-8") as f:
        text = f.read()
    probes = "".join(f'{n}={{{{ t(key="probe", n={n}) }}}};' for n in PLURAL_NUMBERS)
    with open(template, "w", encoding="utf-8") as f:
        f.write(text.replace("{% endblock main %}", f'<p id="plural">{probes}</p>\n{{% endblock main %}}'))


def plural_categories(html_text):
    """The "n=category" pairs of the plural probe on a 404 page."""
    probe = html_text.split('<p id="plural">', 1)[1].split("</p>", 1)[0]
    return dict(pair.split("=") for pair in probe.split(";") if pair)


class Page(html.parser.HTMLParser):
    """The <html dir> and lang, and every <time>'s datetime and text, of a page."""

    def __init__(self):
        super().__init__()
        self.dir = self.lang = None
        self.times, self.open_time = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.dir, self.lang = a.get("dir"), a.get("lang")
        if tag == "time":
            self.open_time = [a.get("datetime"), ""]

    def handle_data(self, data):
        if self.open_time is not None:
            self.open_time[1] += data

    def handle_endtag(self, tag):
        if tag == "time" and self.open_time is not None:
            self.times.append(tuple(self.open_time))
            self.open_time = None


def main():
    # language → (herald's pattern, Babel's pattern): herald's text must be what Babel
    # writes with herald's pattern, and Babel's own pattern still the one listed.
    known = {}
    with open(os.path.join(here, "oracle-known-differences.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                code, herald_pattern, babel_pattern, _reason = line.rstrip("\n").split("\t")
                known[code] = (herald_pattern, babel_pattern)
                if skeleton_pattern(code) != babel_pattern:
                    fail(f"oracle-known-differences.tsv: {code}: Babel's pattern is now {skeleton_pattern(code)}")
    with tempfile.TemporaryDirectory() as root:
        write_site(root)
        run = subprocess.run([herald, "build", "--site", root], capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stderr, file=sys.stderr)
            sys.exit(f"herald build failed ({run.returncode})")
        warned = dict(re.findall(
            r"warning: ICU4X has no date data for `([^`]+)`: its dates are written as in `([^`]+)`",
            run.stderr))
        # CLDR has no date data for a language when Babel too writes root placeholders.
        no_data = {c for c, d in LANGUAGES.items() if d is None
                   and ROOT_PLACEHOLDER.search(format_skeleton("yMMMMd", datetime.date(2026, 1, 15), locale=babel_locale(c)))}
        if set(warned) != no_data:
            fail(f"herald warned about {sorted(warned)}, CLDR has no date data for {sorted(no_data)}")
        print(f"ok   no date data, warned: {', '.join(f'{c} (as {w})' for c, w in sorted(warned.items()))}")
        for code, locale in warned.items():
            if locale != DEFAULT:
                fail(f"{code}: written as {locale}, not as the default language (its whole chain)")

        public = os.path.join(root, "public")
        used, checked, agree, pages = set(), 0, 0, 0
        months, month_differences = 0, []
        per_language = {}
        for path in sorted(glob.glob(os.path.join(public, "**", "*.html"), recursive=True)):
            rel = os.path.relpath(path, public)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            page = Page()
            page.feed(text)
            if page.lang not in LANGUAGES:
                continue  # the language chooser at / and redirects
            pages += 1
            expected_dir = "rtl" if babel_locale(page.lang).character_order == "right-to-left" else "ltr"
            if page.dir != expected_dir:
                fail(f"{rel}: dir={page.dir}, Babel says {expected_dir}")
            locale = LANGUAGES[page.lang] or warned.get(page.lang, page.lang)
            for day, shown in page.times:
                checked += 1
                if ROOT_PLACEHOLDER.search(shown):
                    fail(f"{rel}: root placeholder in <time>{shown}</time>")
                expected = babel_date(day, locale)
                if len(day) == 7:  # an archive's month heading
                    checked -= 1
                    months += 1
                    if shown != expected:
                        month_differences.append(f"{locale} {day}: {shown} / Babel {expected}")
                    continue
                if shown == expected:
                    agree += 1
                    per_language.setdefault(page.lang, (day, shown))
                elif locale in known and shown == babel_date(day, locale, known[locale][0]):
                    used.add(locale)
                else:
                    fail(f"{rel}: <time datetime={day}>{shown}</time>, Babel ({locale}): {expected}")
        for code in sorted(set(known) - used):
            fail(f"oracle-known-differences.tsv: {code} is not a difference any more")
        print(f"ok   {pages} pages in {len(LANGUAGES)} languages: dir as Babel's character_order")
        print(f"ok   {checked} <time> texts: {agree} as Babel writes them, {checked - agree} known differences ({len(used)} listed)")
        # Archive month headings against Babel's yMMMM skeleton; Thai differs as its full
        # dates do (ICU4X writes the era in Thai Gregorian dates: th in the known differences).
        unexpected = [d for d in month_differences if not d.startswith("th ")]
        for d in sorted(set(unexpected)):
            fail(f"archive month heading: {d}")
        if not any(d.startswith("th ") for d in month_differences) and months:
            fail("archive month headings: th no longer differs from Babel (drop the exception)")
        print(f"ok   {months} archive month headings: as Babel's yMMMM skeleton writes them ({len(month_differences)} in th, with the era ICU4X writes)")
        for code in LANGUAGES:
            if code in per_language:
                day, shown = per_language[code]
                print(f"     {code:8} {day} {shown}")

        plurals = 0
        for code in LANGUAGES:
            with open(os.path.join(public, code, "404.html"), encoding="utf-8") as f:
                shown = plural_categories(f.read())
            for n in PLURAL_NUMBERS:
                number = float(n) if "." in n else int(n)
                expected = babel_locale(code).plural_form(number)
                plurals += 1
                if shown.get(n) != expected:
                    fail(f"{code}/404.html: {n} is `{shown.get(n)}`, CLDR (Babel) says `{expected}`")
        print(f"ok   {plurals} plural categories ({len(PLURAL_NUMBERS)} numbers in {len(LANGUAGES)} languages) as Babel's plural_form")

        marks = 0
        for path in glob.glob(os.path.join(public, "**", "*"), recursive=True):
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    data = f.read()
                if data.startswith(b"\x1f\x8b"):  # the search index, gzip-compressed
                    data = gzip.decompress(data)
                if "\u2068".encode() in data or "\u2069".encode() in data:
                    marks += 1
                    fail(f"{os.path.relpath(path, public)}: Fluent isolation marks")
        if not marks:
            print("ok   no output file holds U+2068/U+2069")

    if failures:
        print(f"{len(failures)} oracle check(s) failed", file=sys.stderr)
        sys.exit(1)


main()
