#!/bin/sh
# Runs `make` twice on a copy of this example and shows that the second run rewrites
# nothing: every PDF's inode and modification time are the same after it.
#   sh examples/two-projects/twice.sh [path/to/bridgeprint]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bp=${1:-bridgeprint}
case $bp in */*) bp=$(cd "$(dirname "$bp")" && pwd)/$(basename "$bp") ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$here/." "$work"
cd "$work"
export SOURCE_DATE_EPOCH=1700000000
stamp() { find safe-harbor/output valley-outreach/output -name '*.pdf' -exec stat -c '%i %y %n' {} + | sort -k4; }
echo "== first make"
make -s BRIDGEPRINT="$bp" 2>&1 >/dev/null | grep '^wrote'
stamp > first.txt
echo "== second make"
make -s BRIDGEPRINT="$bp" 2>&1 >/dev/null | grep '^wrote'
stamp > second.txt
ls --full-time safe-harbor/output/en/card.pdf valley-outreach/output/vi/handout-a4.pdf
if cmp -s first.txt second.txt; then
    echo "== $(wc -l < first.txt) PDFs, inode and modification time unchanged by the second make"
else
    diff first.txt second.txt
    exit 1
fi
