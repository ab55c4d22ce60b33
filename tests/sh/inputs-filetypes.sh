# Files that are not text (issue 14): in a directory of articles, images, PDFs, office files,
# archives and executables are told by their content (libmagic) and skipped with one line each
# naming what they are; hidden files and the -o output file are never read; --include and
# --exclude choose files by name.
. tests/patho/lib.sh
fx() { extract "$@"; } # the small fixture gazetteer

D="$T/nieuws"
mkdir -p "$D/sub" "$D/.git"
printf 'Rusland en Iran gaan samenwerken.\n' >"$D/artikel-1.txt"
printf 'Iran en Rusland werken samen.\n' >"$D/sub/artikel-2.txt"
printf '[core]\n' >"$D/.git/config"
printf 'Rusland en Iran gaan samenwerken (verborgen).\n' >"$D/.concept.txt"
python3 - "$D" <<'PY'
import sys, zlib, struct, zipfile, io, tarfile
d = sys.argv[1]
def chunk(t, data):
    return struct.pack(">I", len(data)) + t + data + struct.pack(">I", zlib.crc32(t + data) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)) + \
      chunk(b"IDAT", zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\xff\x00" * 2)) + chunk(b"IEND", b"")
open(d + "/foto.png", "wb").write(png)
open(d + "/foto-zonder-naam", "wb").write(png)
pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
open(d + "/rapport.pdf", "wb").write(pdf)
z = io.BytesIO()
with zipfile.ZipFile(z, "w") as zf:
    zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    zf.writestr("word/document.xml", "<w:document>Rusland en Iran</w:document>")
open(d + "/verslag.docx", "wb").write(z.getvalue())
t = io.BytesIO()
with tarfile.open(fileobj=t, mode="w:gz") as tf:
    data = b"Rusland en Iran gaan samenwerken.\n"
    info = tarfile.TarInfo("a.txt"); info.size = len(data)
    tf.addfile(info, io.BytesIO(data))
open(d + "/archief.tar.gz", "wb").write(t.getvalue())
PY
head -c 8192 /bin/true >"$D/programma"
fx --stats --emit documents "$D" >"$T/d.out" 2>"$T/d.err"
status dir-exit "$?" 1
jsonl_valid dir-output "$T/d.out"
ids=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["doc"] for l in open(sys.argv[1])))' "$T/d.out")
if [ "$ids" = "artikel-1.txt sub/artikel-2.txt" ]; then pass dir-only-articles; else fail dir-only-articles "documents '$ids'"; fi
has png-named "$T/d.err" "foto.png: PNG image data (image/png): not a text file: skipped"
has png-by-content "$T/d.err" "foto-zonder-naam: PNG image data (image/png): not a text file: skipped"
has pdf-pdftotext "$T/d.err" "rapport.pdf: PDF document, version 1.4 (application/pdf): convert it to text first (pdftotext): skipped"
# (libmagic names an office file from a full one; this small one is a zip archive to it)
ok docx-named grep -q 'verslag.docx: .* (application/[a-z.-]*): [a-z ]* first: skipped' "$T/d.err"
has archive-named "$T/d.err" "archief.tar.gz: POSIX tar archive"
has executable-named "$T/d.err" "programma: ELF 64-bit LSB"
ok one-line-each test "$(skips "$T/d.err")" -eq 6
stats_match dir-stats "$T/d.err"
ok hidden-never-read test "$(grep -c 'verborgen\|\.git\|concept' "$T/d.out" "$T/d.err" | awk -F: '{s += $2} END {print s}')" -eq 0
ok no-png-organisations test "$(grep -c 'IHDR\|"PNG"' "$T/d.out")" -eq 0
# a PDF named on the command line is refused the same way
fx "$D/rapport.pdf" >/dev/null 2>"$T/p.err"
status pdf-named-exit "$?" 1
has pdf-named-report "$T/p.err" "rapport.pdf: PDF document, version 1.4 (application/pdf): convert it to text first (pdftotext): skipped"

# --- the -o file is never read, also when it is inside the directory being read ---
fx -o "$D/facts.jsonl" "$D" 2>/dev/null
fx -o "$D/facts.jsonl" "$D" 2>"$T/o.err"
ok output-not-read test "$(grep -c 'facts.jsonl' "$T/o.err")" -eq 0
ok output-not-doubled test "$(grep -c . "$D/facts.jsonl")" -eq 2
rm -f "$D/facts.jsonl"

# --- --include and --exclude: file names as shell patterns; exclude wins ---
printf 'Frankrijk en Duitsland gaan samenwerken.\n' >"$D/sub/concept-3.txt"
printf 'data\n' >"$D/tabel.csv"
fx --emit documents --include '*.txt' "$D" >"$T/i.out" 2>"$T/i.err"
status include-exit "$?" 0
ok include-no-reports test ! -s "$T/i.err"
ids=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["doc"] for l in open(sys.argv[1])))' "$T/i.out")
if [ "$ids" = "artikel-1.txt sub/artikel-2.txt sub/concept-3.txt" ]; then pass include-txt; else fail include-txt "documents '$ids'"; fi
fx --emit documents --include '*.txt' --exclude 'concept-*' "$D" >"$T/i.out" 2>/dev/null
ids=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["doc"] for l in open(sys.argv[1])))' "$T/i.out")
if [ "$ids" = "artikel-1.txt sub/artikel-2.txt" ]; then pass exclude-wins; else fail exclude-wins "documents '$ids'"; fi
fx --emit documents --include '*.txt' --include '*.csv' --exclude sub "$D" >"$T/i.out" 2>/dev/null
ids=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["doc"] for l in open(sys.argv[1])))' "$T/i.out")
if [ "$ids" = "artikel-1.txt tabel.csv" ]; then pass include-twice-exclude-directory; else fail include-twice-exclude-directory "documents '$ids'"; fi
# a file named on the command line is read whatever the patterns say
fx --emit documents --exclude '*.txt' "$D/artikel-1.txt" >"$T/i.out" 2>/dev/null
ok named-file-not-filtered test "$(grep -c . "$T/i.out")" -eq 1
