#!/usr/bin/env python3
"""Regenerates the error table of docs/protocol.md from `elicense errors --markdown`."""
import subprocess
import sys

BEGIN = "<!-- BEGIN ERROR TABLE"
END = "<!-- END ERROR TABLE -->"

cli, doc = sys.argv[1], sys.argv[2]
table = subprocess.run([cli, "errors", "--markdown"], check=True, capture_output=True, text=True).stdout.strip()
text = open(doc, encoding="utf-8").read()
start = text.index(BEGIN)
start = text.index("-->", start) + len("-->")
end = text.index(END)
open(doc, "w", encoding="utf-8").write(text[:start] + "\n" + table + "\n" + text[end:])
