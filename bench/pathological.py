#!/usr/bin/env python3
"""Writes one pathological site: `pathological.py KIND N DIR`.

KIND is one of
  tags N      one announcement with N distinct tags
  aliases N   one announcement with N aliases
  brackets N  one announcement whose body is N bytes of `[`
  nesting N   one announcement whose body is N levels of `>` (block quotes)
  headings N  one announcement with N headings of the same text
  links N     one announcement with N `@/` links to itself
  linkmany N  N announcements and one more that links to each of them
  title N     one announcement with a title of N characters
  ftl N       English, French and Spanish; the English .ftl has N more messages,
              which the other two lack (two warnings listing missing ids)
  ftl-unused N  the same, with the N messages in French only (unused ids)
The site uses the built-in theme; it is English only except for `ftl`.
"""
import os
import sys

SITE = """title_key: site-title
base_url: https://example.org
default_language: en
languages:
  - { code: en, name: English }
EXTRA_LANGUAGES
theme: default
output_dir: public
"""


def announcement(front, body=""):
    return "---\ntitle: " + front.pop("title", "Pathological") + "\ndate: 2024-01-01\n" + "".join(
        f"{k}: {v}\n" for k, v in front.items()
    ) + "---\n\n" + body


def messages(n):
    """N Fluent messages of about 73 bytes each (300,000 make 20 MB)."""
    return "".join(f"message-number-{i:06} = The value of message number {i}, long enough\n" for i in range(n))


def main():
    kind, n, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(os.path.join(root, "content/announcements"), exist_ok=True)
    os.makedirs(os.path.join(root, "locales/en"), exist_ok=True)
    languages = ""
    if kind.startswith("ftl"):
        languages = "  - { code: fr, name: Français }\n  - { code: es, name: Español }"
    with open(os.path.join(root, "site.yaml"), "w") as f:
        f.write(SITE.replace("EXTRA_LANGUAGES\n", languages + "\n" if languages else ""))
    ftl = "site-title = Pathological\n"
    other_ftl = ""
    front, body = {}, "Some text.\n"
    if kind == "tags":
        front["tags"] = "[" + ", ".join(f"t{i}" for i in range(n)) + "]"
    elif kind == "aliases":
        front["aliases"] = "[" + ", ".join(f"/old/{i}/" for i in range(n)) + "]"
    elif kind == "brackets":
        body = "[" * n + "\n"
    elif kind == "nesting":
        body = ">" * n + " deep\n"
    elif kind == "headings":
        body = "## Same\n\ntext\n\n" * n
    elif kind == "links":
        body = "[me](@/announcements/a.md) " * n + "\n"
    elif kind == "linkmany":
        for i in range(n):
            with open(os.path.join(root, f"content/announcements/b{i}.en.md"), "w") as f:
                f.write(announcement({}, "text\n"))
        body = "".join(f"[{i}](@/announcements/b{i}.md)\n" for i in range(n))
    elif kind == "title":
        front["title"] = "T" * n
    elif kind == "ftl":
        ftl += messages(n)
    elif kind == "ftl-unused":
        other_ftl = messages(n)
    else:
        sys.exit(f"unknown kind {kind}")
    with open(os.path.join(root, "content/announcements/a.en.md"), "w") as f:
        f.write(announcement(front, body))
    with open(os.path.join(root, "locales/en/site.ftl"), "w") as f:
        f.write(ftl)
    for lang in ["fr", "es"] if kind.startswith("ftl") else []:
        os.makedirs(os.path.join(root, f"locales/{lang}"), exist_ok=True)
        with open(os.path.join(root, f"locales/{lang}/site.ftl"), "w") as f:
            f.write("site-title = Pathologique\n" + (other_ftl if lang == "fr" else ""))


if __name__ == "__main__":
    main()
