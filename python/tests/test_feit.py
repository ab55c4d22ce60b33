"""The Python binding against the real library and data (no mocks). Run from the source tree by
tests/sh/python.sh (python/tests/run.py); FEIT is bin/feit, for byte-for-byte comparisons."""
import gzip
import io
import json
import os
import re
import subprocess
import tempfile
import unittest

import feit
from feit import _lib

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FEIT = os.environ.get("FEIT", os.path.join(TOP, "bin", "feit"))
TEXT = "Rusland en Iran gaan nauwer samenwerken."


def triples(rec):
    return [(t["subject"], t["predicate"], t["object"]) for t in rec["triples"]]


def example_texts():
    out = []
    for name in sorted(os.listdir(os.path.join(TOP, "examples", "news"))):
        if name.endswith(".txt"):
            with open(os.path.join(TOP, "examples", "news", name), encoding="utf-8") as f:
                out += [line.strip() for line in f if len(line.strip()) > 20]
    return out


class Version(unittest.TestCase):
    def test_version_from_the_c_library(self):
        with open(os.path.join(TOP, "src", "feit.h")) as f:
            want = re.search(r'#define FEIT_VERSION "([^"]+)"', f.read()).group(1)
        self.assertEqual(feit.__version__, want)


class Layout(unittest.TestCase):
    """The ctypes structures have the sizes and field offsets the C compiler gives src/feit.h."""

    STRUCTS = {"feit_error": _lib.feit_error, "feit_options": _lib.feit_options, "feit_buf": _lib.feit_buf,
               "feit_input_doc": _lib.feit_input_doc, "feit_read_options": _lib.feit_read_options,
               "feit_batch_stats": _lib.feit_batch_stats, "feit_batch_options": _lib.feit_batch_options,
               "feit_pred_count": _lib.feit_pred_count}

    def test_sizes_and_offsets(self):
        lines = ['#include "feit.h"', "#include <stddef.h>", "#include <stdio.h>", "int main(void) {"]
        want = {}
        for name, cls in self.STRUCTS.items():
            lines.append('printf("%s %%zu\\n", sizeof(%s));' % (name, name))
            want[name] = _lib.ctypes.sizeof(cls)
            for fname, _ in cls._fields_:
                lines.append('printf("%s.%s %%zu\\n", offsetof(%s, %s));' % (name, fname, name, fname))
                want[name + "." + fname] = getattr(cls, fname).offset
        lines.append('printf("FEIT_NTYPES %d\\n", (int)FEIT_NTYPES); return 0; }')
        want["FEIT_NTYPES"] = _lib.FEIT_NTYPES
        with tempfile.TemporaryDirectory() as d:
            src, exe = os.path.join(d, "layout.c"), os.path.join(d, "layout")
            with open(src, "w") as f:
                f.write("\n".join(lines) + "\n")
            subprocess.run(["cc", "-std=c11", "-I" + os.path.join(TOP, "src"), "-o", exe, src], check=True)
            got = dict(line.split() for line in subprocess.run([exe], check=True, capture_output=True,
                                                               text=True).stdout.splitlines())
        self.assertEqual({k: int(v) for k, v in got.items()}, want)


class Extract(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.p = feit.Pipeline()

    def test_module_level_extract_finds_the_triple(self):
        rec = feit.extract(TEXT)
        self.assertIn(("Rusland", "samenwerking", "Iran"), triples(rec))
        self.assertEqual(rec["doc"], "1")
        self.assertEqual(rec["sentences"], 1)

    def test_record_is_the_cli_documents_record(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "one.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.write(json.dumps({"id": "x7", "text": TEXT, "date": "2020-01-02", "n": 3}) + "\n")
            cli = subprocess.run([FEIT, "extract", "--emit", "documents", path], check=True,
                                 capture_output=True).stdout
        rec = self.p.extract(TEXT, id="x7", meta={"n": 3, "date": "2020-01-02"})
        self.assertEqual(rec, json.loads(cli))

    def test_section_size_is_the_cli_option(self):
        # a text just over 2 KiB whose paragraph break before "Hij" falls just past 2 KiB - 80
        # bytes, so that sections of 2048 bytes cut there: the record of a pipeline made with
        # section_size is the CLI's with the same --section-size, for 2048 and for 0 (whole)
        weather = "Het weer was maandag koud en nat in het hele land, zo meldde het weerinstituut."
        text = (" ".join([weather] * 24) + "\n\nPremier Mark Rutte sprak dinsdag met journalisten.\n\n"
                "Hij zei dat het kabinet meer geld uittrekt voor defensie. " + " ".join([weather] * 3))
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "long.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.write(json.dumps({"id": "long", "text": text}) + "\n")
            recs = {}
            for size in (2048, 0):
                cli = subprocess.run([FEIT, "extract", "--emit", "documents", "--section-size", str(size), path],
                                     check=True, capture_output=True).stdout
                with feit.Pipeline(section_size=size) as p:
                    recs[size] = p.extract(text, id="long")
                self.assertEqual(recs[size], json.loads(cli))
        # the two records differ (a pronoun does not reach back across a cut), so the first
        # comparison could not pass with the argument ignored
        self.assertNotEqual(recs[2048]["entities"], recs[0]["entities"])
        self.assertEqual(recs[2048]["sentences"], recs[0]["sentences"])
        for bad in (-1, 1.5, "2048", True):
            with self.assertRaises(ValueError):
                feit.Pipeline(section_size=bad)

    def test_offsets_are_utf8_bytes(self):
        text = "Één dag later zei Poetin dat Rusland en Iran samenwerken."
        rec = self.p.extract(text)
        raw = text.encode()
        for e in rec["entities"]:
            self.assertEqual(raw[e["start"]:e["end"]].decode(), e["text"])
        self.assertTrue(rec["entities"])

    def test_bytes_and_invalid_utf8(self):
        rec = self.p.extract(b"Rusland en Iran \xff gaan nauwer samenwerken.")
        self.assertEqual(rec["doc"], "1")

    def test_bad_meta(self):
        with self.assertRaises(TypeError):
            self.p.extract(TEXT, meta=[1, 2])

    def test_data_dir(self):
        self.assertTrue(os.path.isfile(os.path.join(self.p.data_dir, "relations.rules")))


class ExtractMany(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.p = feit.Pipeline()
        cls.texts = example_texts()

    def test_in_input_order_as_one_by_one(self):
        docs = [{"id": "d%d" % i, "text": t, "k": i} for i, t in enumerate(self.texts * 3)]
        many = list(self.p.extract_many(docs, threads=2))
        one = [self.p.extract(d["text"], id=d["id"], meta={"k": d["k"]}) for d in docs]
        self.assertEqual(len(many), len(docs))
        self.assertEqual(many, one)

    def test_chunks_keep_order_and_ids(self):
        n = feit.CHUNK_DOCS * 2 + 7
        out = list(self.p.extract_many((self.texts[i % len(self.texts)] for i in range(n)), threads=2))
        self.assertEqual([r["doc"] for r in out], [str(i) for i in range(1, n + 1)])

    def test_a_generator_that_reads_as_it_goes(self):
        pulled = [0]

        def source():
            while True:
                pulled[0] += 1
                yield TEXT

        g = self.p.extract_many(source(), threads=2)
        first = next(g)
        self.assertIn(("Rusland", "samenwerking", "Iran"), triples(first))
        self.assertLessEqual(pulled[0], feit.CHUNK_DOCS + 1)
        g.close()

    def test_bad_item_raises_with_its_place(self):
        with self.assertRaises(feit.FeitError) as cm:
            list(self.p.extract_many([TEXT, {"id": "no text"}, TEXT]))
        self.assertEqual((cm.exception.file, cm.exception.line), ("<input>", 2))
        self.assertIn("text", cm.exception.text)

    def test_bad_item_reported_the_rest_goes_on(self):
        errors = []
        out = list(self.p.extract_many([TEXT, 42, {"text": TEXT, "id": 9}], on_error=errors.append))
        self.assertEqual([r["doc"] for r in out], ["1", "9"])
        self.assertEqual(len(errors), 1)
        self.assertEqual(errors[0].line, 2)
        self.assertIn("<input>:2", str(errors[0]))


class Errors(unittest.TestCase):
    def test_bad_rules_file_line_and_column(self):
        bad = os.path.join(TOP, "tests", "patho", "rules-bad", "no-arrow.rules")
        with self.assertRaises(feit.FeitError) as cm:
            feit.Pipeline(rules=bad)
        e = cm.exception
        self.assertEqual(e.file, bad)
        self.assertGreater(e.line, 0)
        self.assertGreater(e.column, 0)
        self.assertTrue(str(e).startswith("%s:%d:%d: " % (bad, e.line, e.column)))

    def test_bad_gazetteer_line_and_column(self):
        bad = os.path.join(TOP, "tests", "patho", "gaz-bad", "badpop")
        with self.assertRaises(feit.FeitError) as cm:
            feit.Pipeline(gazetteers=bad)
        self.assertEqual((os.path.basename(cm.exception.file), cm.exception.line, cm.exception.column),
                         ("list.tsv", 4, 17))

    def test_no_data_here(self):
        with tempfile.TemporaryDirectory() as d:
            with self.assertRaises(feit.FeitError) as cm:
                feit.Pipeline(data_dir=d)
        self.assertIn("relations.rules", str(cm.exception))

    def test_own_gazetteers(self):
        p = feit.Pipeline(gazetteers=os.path.join(TOP, "tests", "fuzz", "gaz"))
        self.assertIsInstance(p.extract(TEXT)["entities"], list)
        p.close()
        with self.assertRaises(ValueError):
            p.extract(TEXT)


class ExtractFile(unittest.TestCase):
    def test_bytes_and_skips_of_feit_extract(self):
        p = feit.Pipeline()
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "in.jsonl.gz")
            with gzip.open(path, "wt", encoding="utf-8") as f:
                for i, t in enumerate(example_texts()):
                    f.write(json.dumps({"text": t, "i": i} if i % 2 else {"id": i, "text": t}) + "\n")
                f.write("{not json\n")
            for emit in ("triples", "documents"):
                cli = subprocess.run([FEIT, "extract", "--emit", emit, path], capture_output=True)
                out = io.BytesIO()
                st = p.extract_file(path, out, emit=emit, threads=2)
                self.assertEqual(out.getvalue(), cli.stdout)
                self.assertTrue(cli.stdout)
                self.assertEqual(["feit extract: " + s for s in st["skips"]], cli.stderr.decode().splitlines())
                self.assertEqual(st["skipped"], 1)


if __name__ == "__main__":
    unittest.main()
