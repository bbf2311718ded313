#!/usr/bin/env bash
# The Python binding as a package (make test-python, after make wheel): the wheel installs into a
# new virtual environment and imports with the project's version, and `pip install
# ./Bindings/python` writes nothing into the checkout. Ends with "python packaging: N passed, N failed".
#   Bindings/python/packaging-test.sh VERSION WHEEL LIBRARY
set -uo pipefail
cd "$(dirname "$0")/../.."
version=${1:?usage: packaging-test.sh VERSION WHEEL LIBRARY} wheel=${2:?} library=${3:?}
python=$PWD/.venv/bin/python
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source Tests/support/checks.sh

check "the wheel is named for version $version and carries py.typed" sh -c \
  "case '$wheel' in */elicense-$version-py3-none-any.whl) ;; *) exit 1;; esac \
   && unzip -l '$wheel' | grep -q ' elicense/py.typed$'"
check "the wheel installs into a new virtual environment and imports there" sh -c \
  "$python -m venv '$work/venv' && '$work/venv/bin/pip' install -q --disable-pip-version-check --no-index '$wheel' \
   && cd '$work' && ELICENSE_LIBRARY='$library' '$work/venv/bin/python' -c '
import elicense, sys
print(elicense.__file__, elicense.__version__, elicense.library_version())
assert elicense.__file__.startswith(\"$work/venv/\"), elicense.__file__
assert elicense.__version__ == \"$version\" == elicense.library_version()
'"
touch "$work/marker"
sleep 1 # file times have a granularity: whatever pip writes is newer than the marker
check "pip install ./Bindings/python writes nothing into the checkout (no build/, no *.egg-info)" sh -c \
  "'$work/venv/bin/pip' install -q --disable-pip-version-check --force-reinstall ./Bindings/python \
   && new=\$(find Bindings/python -newer '$work/marker' -not -path '*/__pycache__*' -print) && echo \"\$new\" && [ -z \"\$new\" ]"

echo "python packaging: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
