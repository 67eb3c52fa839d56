#!/usr/bin/env bash
# Makes the CMYK output-intent profiles in profiles/ (bridgeprint --color cmyk embeds one in
# every PDF). Run by hand, not by CI: the .icc files are committed. The characterization
# data are the published reference data sets as Debian's icc-profiles-free ships them
# (CGATS TR 006 and TR 003 under NPES's terms, Fogra's FOGRA39L), the profiles are made by
# ArgyllCMS's colprof with the parameters colord uses for its own print profiles
# (data/profiles/*.iccprofile.xml there), at low quality (-ql -bl): 28 KB each, an average
# error of 0.44 dE76 against the data, which is ample for an output intent that names the
# condition and lets a RIP or viewer simulate it. profiles/README.md says why each may be
# shipped. ArgyllCMS claims nothing in the profiles it makes (ArgyllDoc, "Copyright").
set -euo pipefail
cd "$(dirname "$0")/../profiles"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends argyll icc-profiles-free >/dev/null
data=/usr/share/color/icc
work=$(mktemp -d)
make() { # name ti3 shape description source
  tr -d '\r' <"$data/$2.ti3" >"$work/$1.ti3"
  colprof -v0 -nc -ql -bl -kp 0 0.3 0.94 0.94 "$3" -l300 -D "$4" \
    -C "No copyright claimed on this profile. Source of the characterization data: $5." \
    -O "$1.icc" "$work/$1" >/dev/null
  echo "$1.icc: $(stat -c %s "$1.icc") bytes"
}
make GRACoL_TR006_coated TR006 0.48 "GRACoL TR006 Coated (CGATS TR 006), bridgeprint" \
  "ANSI CGATS/GRACoL TR 006-2007 (NPES)"
make FOGRA39L_coated FOGRA39L 0.48 "FOGRA39L Coated (FOGRA39), bridgeprint" \
  "Fogra, FOGRA39L (ISO 12647-2:2004/Amd 1, paper type 1 or 2)"
make SWOP_TR003_coated_3 TR003 0.4 "SWOP TR003 Coated #3 (CGATS TR 003), bridgeprint" \
  "ANSI CGATS/SWOP TR 003-2007 (NPES)"
rm -rf "$work"
