#!/usr/bin/env bash
# Instructions per call of the hot paths, counted by callgrind: unlike time, the count does not
# depend on what else the machine runs, so two builds compare on a shared machine. Each figure
# is (count at N2 calls − count at N1 calls) / (N2 − N1): start-up and first-use costs (loading
# fonts, the first client) cancel out. docs/benchmarks.md lists the counts before and after each
# optimisation.
#   Benchmarks/callgrind.sh LIBRARY HOTPATH_LOOP
#       LIBRARY: a libelicense.so build; HOTPATH_LOOP: a hotpath-loop build (Benchmarks/Micro)
set -euo pipefail
cd "$(dirname "$0")/.."
so=$1 hotpath=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -std=c99 -O2 -Wall Benchmarks/uscc_loop.c -o "$work/uscc_loop" -ldl

instructions() { # instructions COMMAND...: the instructions callgrind collected
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

per_call() { # per_call NAME N1 N2 COMMAND... (N is appended to COMMAND)
  local name=$1 n1=$2 n2=$3
  shift 3
  local a b
  a=$(instructions "$@" "$n1")
  b=$(instructions "$@" "$n2")
  printf '%s\t%s\n' "$name" $(((b - a) / (n2 - n1)))
}

per_call uscc_c_abi_valid 1000 21000 "$work/uscc_loop" "$so"
per_call uscc_swift_valid 1000 21000 "$hotpath" uscc
per_call uscc_swift_invalid 100 2100 "$hotpath" uscc-invalid
per_call material_pdf 2 4 "$hotpath" pdf
per_call material_png 2 3 "$hotpath" png
