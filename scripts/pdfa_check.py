#!/usr/bin/env python3
"""The machine-checkable claims of PDF/A-2b in each PDF named, read with pikepdf (PyPI),
independent of krilla's validator: the XMP says pdfaid part 2 conformance B; an output
intent of subtype GTS_PDFA1 carries an ICC profile; every font is embedded; the file is
not encrypted; no device colour space is used without that intent's profile being RGB or
the space being ICC-based. Not a full PDF/A validator (veraPDF is not in the registries
CI reaches): a file passing this can still break a rule no script here reads.
Usage: pdfa_check.py FILE.pdf...  (exit 1 on any failure, each printed)."""
import sys

import pikepdf

ICC_RGB = b"RGB "


def problems(path):
    out = []
    with pikepdf.open(path) as pdf:
        if pdf.is_encrypted:
            out.append("encrypted")
        meta = pdf.open_metadata()
        part = meta.get("pdfaid:part")
        conformance = meta.get("pdfaid:conformance")
        if part != "2" or (conformance or "").upper() != "B":
            out.append(f"XMP pdfaid is part={part!r} conformance={conformance!r}, not 2/B")
        intents = pdf.Root.get("/OutputIntents")
        rgb_intent = False
        if not intents:
            out.append("no OutputIntents")
        else:
            for oi in intents:
                if oi.get("/S") != "/GTS_PDFA1":
                    out.append(f"an output intent of subtype {oi.get('/S')}")
                profile = oi.get("/DestOutputProfile")
                if profile is None:
                    out.append("an output intent without DestOutputProfile")
                else:
                    rgb_intent |= profile.read_bytes()[16:20] == ICC_RGB
        for page_no, page in enumerate(pdf.pages, 1):
            for name, font in page.resources.get("/Font", {}).items():
                for f in [font] + list(font.get("/DescendantFonts", [])):
                    fd = f.get("/FontDescriptor")
                    if fd is not None and not any(
                        k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")
                    ):
                        out.append(f"page {page_no}: font {name} not embedded")
            for name, cs in page.resources.get("/ColorSpace", {}).items():
                if cs == "/DeviceCMYK" or (
                    isinstance(cs, pikepdf.Array) and "/DeviceCMYK" in [str(x) for x in cs]
                ):
                    out.append(f"page {page_no}: DeviceCMYK ({name}) under an RGB intent")
            for op in pikepdf.parse_content_stream(page, "k K"):
                out.append(f"page {page_no}: a DeviceCMYK colour (`{op.operator}`)")
                break
            if not rgb_intent:
                for op in pikepdf.parse_content_stream(page, "rg RG"):
                    out.append(f"page {page_no}: DeviceRGB without an RGB output intent")
                    break
    return out


def main(paths):
    failed = 0
    for path in paths:
        found = problems(path)
        for p in found:
            print(f"{path}: {p}")
        failed += bool(found)
    print(f"pdfa_check: {len(paths)} PDFs, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
