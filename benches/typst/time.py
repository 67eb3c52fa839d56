"""Times Typst compiling benches/typst/card.typ in this process (typst-py, `pip install typst`).

Prints four lines `fonts_ms`, `cold_ms`, `median_ms`, `pdf_bytes`:
fonts: making the `typst.Compiler` (it reads and indexes the fonts, as a `typst compile`
process does before compiling); cold: the first compile, with the fonts loaded and nothing
memoized yet; median: of the
`N` (argv[1], default 20) compiles after it. Typst memoizes across compiles of one process
(comemo), so each compile is of a slightly different source (a comment with its number),
as an editor's next keystroke would be. The creation date is fixed, as SOURCE_DATE_EPOCH
fixes bridgeprint's.
"""

import pathlib
import statistics
import sys
import time

import typst

here = pathlib.Path(__file__).resolve().parent
fonts = str(here.parent.parent / "fonts")
source = (here / "card.typ").read_text()
n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
t = time.process_time()
compiler = typst.Compiler(font_paths=[fonts], ignore_system_fonts=True)
fonts_ms = (time.process_time() - t) * 1000


def compile_once(i: int) -> bytes:
    text = f"{source}\n// run {i}\n"
    return compiler.compile(input=text.encode(), format="pdf", timestamp=1700000000, pdf_standards=["ua-1"])


t = time.process_time()
pdf = compile_once(0)
cold = (time.process_time() - t) * 1000
runs = []
for i in range(1, n + 1):
    t = time.process_time()
    pdf = compile_once(i)
    runs.append((time.process_time() - t) * 1000)
print(f"fonts_ms {fonts_ms:.2f}")
print(f"cold_ms {cold:.2f}")
print(f"median_ms {statistics.median(runs):.2f}")
print(f"pdf_bytes {len(pdf)}")
out = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else None
if out:
    out.write_bytes(pdf)
