#!/usr/bin/env python3
"""Checks that the status codes agree everywhere they are spelled out (after libsignal's
verify_error_codes.sh): ELIC_OK / ELIC_E_* in Include/elicense.h, the Python ``Status`` enum
(Bindings/python/src/elicense/_types.py) and, when it exists, the Java ``Status`` enum
(Bindings/java/src/main/java/**/Status.java; its UNKNOWN(-1) placeholder aside).

Reads the sources only — no library, no JVM, no import of the package. Prints one line per
list and exits 1 on any difference, naming the codes that differ.

    Tests/bindings/check_status_codes.py [--root DIR] [--java Status.java]
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path
from typing import Dict, List, Optional

HEADER = Path("Include/elicense.h")
PYTHON = Path("Bindings/python/src/elicense/_types.py")
JAVA_GLOB = "Bindings/java/src/main/java/**/Status.java"


def header_codes(path: Path) -> Dict[str, int]:
    """ELIC_OK → OK, ELIC_E_TIMEOUT → TIMEOUT."""
    codes = {}
    for match in re.finditer(r"^#define\s+ELIC_(OK|E_[A-Z0-9_]+)\s+(-?\d+)\b", path.read_text("utf-8"), re.M):
        name = match.group(1)
        codes["OK" if name == "OK" else name[2:]] = int(match.group(2))
    return codes


def python_codes(path: Path) -> Dict[str, int]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "Status":
            codes = {}
            for item in node.body:
                if (
                    isinstance(item, ast.Assign)
                    and len(item.targets) == 1
                    and isinstance(item.targets[0], ast.Name)
                    and isinstance(item.value, ast.Constant)
                    and isinstance(item.value.value, int)
                ):
                    codes[item.targets[0].id] = item.value.value
            return codes
    raise SystemExit("%s: no class Status" % path)


def java_codes(path: Path) -> Dict[str, int]:
    text = re.sub(r"/\*.*?\*/|//[^\n]*", "", path.read_text("utf-8"), flags=re.S)
    start = re.search(r"\benum\s+Status\b[^{]*\{", text)
    if not start:
        raise SystemExit("%s: no enum Status" % path)
    body = text[start.end():]
    end = body.find(";")  # the constant list ends at the first semicolon
    constants = body[: end if end >= 0 else len(body)]
    codes = {name: int(value) for name, value in re.findall(r"\b([A-Z][A-Z0-9_]*)\s*\(\s*(-?\d+)\s*\)", constants)}
    codes.pop("UNKNOWN", None)
    return codes


def compare(what: str, expected: Dict[str, int], found: Dict[str, int]) -> List[str]:
    problems = []
    for name in sorted(set(expected) | set(found), key=lambda n: expected.get(n, found.get(n, 0))):
        if name not in found:
            problems.append("%s lacks %s = %d" % (what, name, expected[name]))
        elif name not in expected:
            problems.append("%s has %s = %d, which elicense.h does not" % (what, name, found[name]))
        elif expected[name] != found[name]:
            problems.append("%s has %s = %d, elicense.h %d" % (what, name, found[name], expected[name]))
    return problems


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2])
    parser.add_argument("--java", type=Path, help="a Status.java to check instead of the one under --root")
    args = parser.parse_args(argv)

    expected = header_codes(args.root / HEADER)
    if not expected:
        print("FAIL %s: no ELIC_E_* codes found" % HEADER)
        return 1
    lists = [("python " + str(PYTHON), python_codes(args.root / PYTHON))]
    java = [args.java] if args.java else sorted(args.root.glob(JAVA_GLOB))
    if java:
        lists += [("java " + str(p), java_codes(p)) for p in java]
    else:
        print("skip java: no %s yet" % JAVA_GLOB)

    failed = False
    for what, found in lists:
        problems = compare(what, expected, found)
        if problems:
            failed = True
            print("FAIL " + what)
            for problem in problems:
                print("     " + problem)
        else:
            print("ok   %s: the %d codes of %s" % (what, len(expected), HEADER))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
