#!/usr/bin/env python3
"""Checks a built site as feed readers and crawlers see it:
every /L/atom.xml parses with feedparser (no bozo), entries have titles, dates and
links that resolve; every internal href/src resolves to a written file; every
hreflang alternate is reciprocal. Usage: check_site.py PUBLIC_DIR BASE_URL"""
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
        self.urls, self.alternates = [], {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key):
                self.urls.append(a[key])
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a["href"]


pages = sorted(glob.glob(os.path.join(public, "**", "*.html"), recursive=True))
alternates = {}
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
    if parser.alternates:
        alternates[base_url + rel.removesuffix("index.html")] = parser.alternates
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

feeds = sorted(glob.glob(os.path.join(public, "*", "atom.xml")))
for feed_path in feeds:
    with open(feed_path, "rb") as f:
        feed = feedparser.parse(f.read())
    name = os.path.relpath(feed_path, public)
    if feed.bozo:
        fail(f"{name}: {feed.bozo_exception}")
    if not feed.entries:
        fail(f"{name}: no entries")
    for entry in feed.entries:
        if not entry.get("title") or not entry.get("published_parsed") or not entry.get("updated_parsed"):
            fail(f"{name}: an entry lacks a title or dates")
        target = file_for(entry.link)
        if target is None or not os.path.isfile(target):
            fail(f"{name}: entry link {entry.link} does not resolve")
print(f"ok   {len(feeds)} feeds parse with feedparser, entries complete")

if failures:
    print(f"{len(failures)} site check(s) failed", file=sys.stderr)
    sys.exit(1)
