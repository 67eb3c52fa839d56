#!/usr/bin/env bash
# A new organisation's first hour, from an installed binary in an empty folder (issue 11's
# "Done means"): init, its name and an SVG logo, two local lines (one with a QR code) in
# en and es, the general and trucking editions in en and es plus the en+es poster; then
# every page rendered to PNG (pdftoppm) and every QR code read back (zbarimg), for a person
# to look at.
#
#   scripts/walkthrough.sh [FOLDER]     # FOLDER must not exist yet; default: a new temp folder
#
# Needs cargo, pdftoppm (poppler-utils) and, for the read-back, zbarimg (zbar-tools).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
top=${1:-$(mktemp -d "${TMPDIR:-/tmp}/bridgeprint-walkthrough.XXXXXX")}
mkdir -p "$top"
top=$(cd "$top" && pwd)
if [ -n "$(ls -A "$top")" ]; then
    echo "walkthrough: $top is not empty" >&2
    exit 2
fi

# The repository's own target folder: install reuses its compiled release dependencies.
CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target} \
    cargo install --quiet --path "$repo" --root "$top/install"
bp=$top/install/bin/bridgeprint

project=$top/safe-harbor
mkdir "$project"
cd "$project"
"$bp" init

cat >logo.svg <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="240" height="96" viewBox="0 0 240 96">
  <circle cx="48" cy="48" r="44" fill="#1f6feb"/>
  <path d="M20 60 Q48 20 76 60 Z" fill="#ffffff"/>
  <rect x="104" y="28" width="128" height="40" rx="6" fill="#ffb000"/>
</svg>
SVG

cat >>bridgeprint.toml <<'TOML'

[organisation]
name = "Safe Harbor Coalition"
logo = "logo.svg"

[contacts.legal_aid]
kind = "voice"
number = "+15035550142"
display = "(503) 555-0142"
name = "Workers' legal aid line"
source = "Called 2026-11-20, confirmed by the director"
verified = 2026-11-20

[contacts.shelter]
kind = "voice"
number = "+15035550199"
name = "Safe shelter"
source = "Called 2026-11-20"
verified = 2026-11-20

[local_help]
lines = ["legal_aid", "shelter"]
qr = ["legal_aid"]
card = "shelter"

[local_help.labels.legal_aid]
en = "Free legal help for workers: {legal_aid}"
es = "Ayuda legal gratuita para trabajadores: {legal_aid}"

[local_help.labels.shelter]
en = "Safe shelter, day and night: {shelter}"
es = "Refugio seguro, día y noche: {shelter}"
TOML

"$bp" check --locale en --locale es --locale en+es --edition general --edition trucking
"$bp" build --locale en --locale es --locale en+es --edition general --edition trucking \
    2> >(tee "$top/build-warnings.txt" >&2)

png=$top/png
for pdf in output/*/*.pdf; do
    locale=$(basename "$(dirname "$pdf")")
    mkdir -p "$png/$locale"
    pdftoppm -r 100 -png "$pdf" "$png/$locale/$(basename "$pdf" .pdf)"
done

if command -v zbarimg >/dev/null; then
    for pdf in output/*/*.pdf; do
        # 300 dpi: a card's codes are under an inch wide.
        pdftoppm -r 300 -png "$pdf" "$top/scan"
        for page in "$top"/scan*.png; do
            printf '%s %s: ' "$pdf" "$(basename "$page" .png | sed 's/^scan-*//')"
            zbarimg --quiet --raw "$page" 2>/dev/null | sort | tr '\n' ' ' || true
            echo
        done
        rm -f "$top"/scan*.png
    done | tee "$top/qr-codes.txt"
fi

echo "project: $project"
echo "pages:   $png"
