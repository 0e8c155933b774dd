"""Fills the targets of a `herald export` file through translate-toolkit's XLIFF 2 reader
(translate.storage.xliff2), as a CAT tool would: each target is its source's rich text
(inline codes kept as translate-toolkit's placeables) with `FR ` before its first text,
and the file is written back by translate-toolkit for `herald import`.

Before that, herald's file is validated against the XLIFF 2.0 core schema with lxml.

Usage: xliff_roundtrip.py SCHEMA.xsd IN.xlf OUT.xlf
"""

import copy
import sys

from lxml import etree
from translate.storage import xliff2


def mark(elem) -> bool:
    """Puts `FR ` before the first text of a rich string; whether there was one."""
    for i, sub in enumerate(elem.sub):
        if isinstance(sub, str):
            if sub.strip():
                elem.sub[i] = "FR " + sub
                return True
        elif mark(sub):
            return True
    return False


def validate(schema_file: str, src: str) -> None:
    schema = etree.XMLSchema(etree.parse(schema_file))
    if not schema.validate(etree.parse(src)):
        for error in schema.error_log:
            print(f"{error.filename}:{error.line}:{error.column}: {error.message}")
        sys.exit(1)
    print("ok   the export is valid XLIFF 2.0 (OASIS core schema)")


def main(schema_file: str, src: str, out: str) -> None:
    validate(schema_file, src)
    store = xliff2.Xliff2File.parsefile(src)
    units = [u for u in store.units if not u.isheader()]
    assert units, "no units read"
    for unit in units:
        rich = copy.deepcopy(unit.rich_source)
        assert mark(rich[0]), f"unit {unit.getid()} has no text"
        unit.rich_target = rich
    with open(out, "wb") as f:
        f.write(bytes(store))
    print(f"ok   translate-toolkit {len(units)} XLIFF 2 units filled")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
