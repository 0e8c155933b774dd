#!/usr/bin/env python3
"""Checks a built site as feed readers and crawlers see it:
every feed (/L/atom.xml, /L/tags/<tag>/atom.xml, /L/kinds/<kind>/atom.xml) parses
with feedparser (no bozo), entries have titles, dates and links that resolve, and
each tag's and kind's list pages link their feed with <link rel="alternate">; every internal href/src resolves to a written file; every
hreflang alternate is reciprocal, W3C-style: each page lists itself, every page it
lists lists it back (0 one-way links), and only canonical pages carry alternates.
Usage: check_site.py PUBLIC_DIR BASE_URL"""
import glob
import html.parser
import os
import sys
import urllib.parse

import feedparser

public, base_url = sys.argv[1], sys.argv[2].rstrip("/")
base_path = urllib.parse.urlparse(base_url).path.rstrip("/")
failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message, file=sys.stderr)


def file_for(url, page_dir="/"):
    """The output file an internal URL points to, or None for external ones."""
    if url.startswith(base_url):
        url = url[len(base_url):] or "/"
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme or parsed.netloc or url.startswith("#") or url.startswith("mailto:"):
        return None
    path = urllib.parse.unquote(parsed.path)
    if not path.startswith("/"):
        path = urllib.parse.urljoin(page_dir, path)
    elif base_path:
        if not path.startswith(base_path + "/"):
            return os.path.join(public, "__outside_base_path__" + path)
        path = path[len(base_path):]
    target = os.path.join(public, path.lstrip("/"))
    return os.path.join(target, "index.html") if path.endswith("/") else target


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls, self.alternates, self.canonical, self.feeds = [], {}, None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key):
                self.urls.append(a[key])
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        if tag == "link" and a.get("rel") == "alternate" and a.get("type") == "application/atom+xml":
            self.feeds.append(a["href"])


pages = sorted(glob.glob(os.path.join(public, "**", "*.html"), recursive=True))
alternates = {}
canonicals = {}
feed_links = {}
links_checked = 0
for page in pages:
    rel = "/" + os.path.relpath(page, public)
    parser = Links()
    with open(page, encoding="utf-8") as f:
        parser.feed(f.read())
    for url in parser.urls:
        target = file_for(url, os.path.dirname(rel) + "/")
        if target is None:
            continue
        links_checked += 1
        if not os.path.isfile(target):
            fail(f"{rel}: {url} does not resolve to a written file")
    url = base_url + rel.removesuffix("index.html")
    feed_links[rel] = parser.feeds
    canonicals[url] = parser.canonical
    if parser.alternates:
        alternates[url] = parser.alternates
print(f"ok   {links_checked} internal links in {len(pages)} pages resolve")

for url, alts in alternates.items():
    for lang, href in alts.items():
        if lang == "x-default":
            continue
        back = alternates.get(href)
        if back is None:
            fail(f"{url}: hreflang {lang} → {href}, which has no alternates")
        elif back != alts:
            fail(f"{url}: hreflang {lang} → {href} is not reciprocal")
print(f"ok   hreflang alternates of {len(alternates)} pages are reciprocal")

# W3C-style: every link of a set is answered by a link back.
one_way = 0
for url, alts in alternates.items():
    if canonicals.get(url) != url:
        fail(f"{url}: has hreflang alternates but its canonical is {canonicals.get(url)}")
    if url not in alts.values():
        fail(f"{url}: its hreflang alternates do not include itself")
    for lang, href in alts.items():
        if href == url:
            continue
        if url not in alternates.get(href, {}).values():
            one_way += 1
            fail(f"{url}: hreflang {lang} → {href} has no return link")
fallbacks = [u for u, c in canonicals.items() if c and c != u and "/announcements/" in u]
if one_way:
    fail(f"{one_way} one-way hreflang links")
else:
    print(f"ok   hreflang: 0 one-way links; {len(fallbacks)} fallback pages carry no alternates")

feeds = sorted(
    glob.glob(os.path.join(public, "*", "atom.xml"))
    + glob.glob(os.path.join(public, "*", "tags", "*", "atom.xml"))
    + glob.glob(os.path.join(public, "*", "kinds", "*", "atom.xml"))
)
for feed_path in feeds:
    with open(feed_path, "rb") as f:
        feed = feedparser.parse(f.read())
    name = os.path.relpath(feed_path, public)
    if feed.bozo:
        fail(f"{name}: {feed.bozo_exception}")
    if not feed.entries:
        fail(f"{name}: no entries")
    untranslated = sum(1 for e in feed.entries if any(t.get("term") == "untranslated" for t in e.get("tags", [])))
    print(f"     {name}: {len(feed.entries)} entries, {untranslated} marked not yet translated")
    for entry in feed.entries:
        if not entry.get("title") or not entry.get("published_parsed") or not entry.get("updated_parsed"):
            fail(f"{name}: an entry lacks a title or dates")
        target = file_for(entry.link)
        if target is None or not os.path.isfile(target):
            fail(f"{name}: entry link {entry.link} does not resolve")
print(f"ok   {len(feeds)} feeds parse with feedparser, entries complete")

# Each tag's and kind's list pages link their own feed (the first page and the others).
list_feeds = 0
for feed_path in feeds:
    folder = os.path.dirname(feed_path)
    if os.path.basename(os.path.dirname(folder)) not in ("tags", "kinds"):
        continue
    feed_url = "/" + os.path.relpath(feed_path, public)
    list_pages = [os.path.join(folder, "index.html")] + glob.glob(os.path.join(folder, "page", "*", "index.html"))
    for list_page in list_pages:
        rel = "/" + os.path.relpath(list_page, public)
        if base_path + feed_url not in feed_links.get(rel, []):
            fail(f"{rel}: no <link rel=\"alternate\" type=\"application/atom+xml\"> to {feed_url}")
    list_feeds += 1
print(f"ok   the list pages of {list_feeds} tags and kinds link their feeds")

if failures:
    print(f"{len(failures)} site check(s) failed", file=sys.stderr)
    sys.exit(1)
