"""feit: named entities and relations from Dutch news, over libfeit (ctypes; no compiler needed).

    import feit
    doc = feit.extract("Rusland en Iran gaan nauwer samenwerken.")
    for t in doc["triples"]:
        print(t["subject"], t["predicate"], t["object"])

    p = feit.Pipeline()                       # loads the data once; reuse it
    for doc in p.extract_many(texts, threads=4):
        ...                                   # one `documents` record per input, in input order

Records are the `--emit documents` records of `feit extract` (docs/format.md) as Python objects:
doc, meta, sentences, datelines, entities, triples. `start`/`end` are byte offsets into the
UTF-8 encoded text. The library is found as feit/_lib.py says; the data directory as
feit_data_dir does (data_dir, else $FEIT_DATA, else the one installed with the library).
"""
import ctypes
import json
import os
import threading

from . import _lib

__all__ = ["Pipeline", "FeitError", "extract", "__version__"]

__version__ = _lib.feit_version().decode()

# extract_many hands the library this much at a time (it reads batches of at most 256
# documents or 8 MiB itself); memory stays bounded whatever the input size
CHUNK_DOCS = 1024
CHUNK_BYTES = 16 << 20


class FeitError(Exception):
    """A feit error with its place: file, line and column (0 when not about one), the message
    (text) and the FEIT_E* code (a negative int, or None)."""

    def __init__(self, text, file="", line=0, column=0, code=None):
        self.text, self.file, self.line, self.column, self.code = text, file, line, column, code
        where = file
        if file and line:
            where += ":%d" % line + (":%d" % column if column else "")
        super().__init__("%s: %s" % (where, text) if where else text)

    @classmethod
    def _from_c(cls, err, code=None):
        dec = lambda b: b.decode("utf-8", "replace")
        return cls(dec(err.text), dec(err.file), err.line, err.column, code)


def _path(p):
    return os.fsencode(p) if p is not None else None


def _meta_json(meta):
    if meta is None:
        return b"{}"
    if not isinstance(meta, dict):
        raise TypeError("feit: meta must be a dict")
    return json.dumps(meta, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _text_bytes(text):
    if isinstance(text, str):
        return text.encode("utf-8", "surrogateescape")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    raise TypeError("feit: a text must be str or bytes, not %s" % type(text).__name__)


class Pipeline:
    """The loaded data (gazetteers, rules, language data), shared by every call.

    data_dir: the data directory (None: $FEIT_DATA, else the one installed with libfeit).
    gazetteers: a directory of *.tsv lists used instead of the bundled ones; or a pair
      ("default" or a directory, a directory of lists added to those), as `--gazetteers` twice.
    rules: a relation rules file instead of the data directory's relations.rules.
    section_size: a document longer than this many bytes is processed in sections of at most
      this size, its record still the whole document's (None: the library's default, 1 MiB;
      0: always whole), as `feit extract --section-size`.
    Raises FeitError (file, line, column) when the data cannot be loaded.
    A Pipeline may be shared by threads; extract_many runs the library's own worker threads.
    """

    def __init__(self, data_dir=None, gazetteers=None, rules=None, section_size=None):
        self._ctx = self._worker = None
        if section_size is not None and (isinstance(section_size, bool) or not isinstance(section_size, int)
                                         or section_size < 0):
            raise ValueError("feit: section_size: a number of bytes, 0 or more")
        base = add = None
        if isinstance(gazetteers, (list, tuple)):
            if not 1 <= len(gazetteers) <= 2:
                raise ValueError("feit: gazetteers: a directory, or a pair (base, added)")
            base = gazetteers[0]
            add = gazetteers[1] if len(gazetteers) == 2 else None
            if base == "default":
                base = None
        else:
            base = gazetteers
        self._keep = [_path(data_dir), _path(base), _path(add), _path(rules)]
        o = _lib.feit_options_default()
        o.data_dir, o.gazetteers, o.user_gazetteers, o.rules = self._keep
        if section_size is not None:
            o.section_size = section_size
        self._opts = o
        err = _lib.feit_error()
        self._ctx = _lib.feit_context_new(ctypes.byref(o), ctypes.byref(err))
        if not self._ctx:
            raise FeitError._from_c(err)
        self._lock = threading.Lock()
        self._buf = _lib.feit_buf()

    @property
    def data_dir(self):
        """The data directory this pipeline loaded."""
        buf = ctypes.create_string_buffer(4096)
        _lib.feit_data_dir(ctypes.byref(self._opts), buf, len(buf))
        return os.fsdecode(buf.value)

    def close(self):
        """Frees the loaded data (also done when the object goes)."""
        if getattr(self, "_worker", None):
            _lib.feit_worker_free(self._worker)
            self._worker = None
        if getattr(self, "_buf", None) is not None:
            _lib.feit_buf_free(ctypes.byref(self._buf))
        if getattr(self, "_ctx", None):
            _lib.feit_context_free(self._ctx)
            self._ctx = None

    __del__ = close

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _check(self):
        if not self._ctx:
            raise ValueError("feit: the pipeline is closed")

    def extract(self, text, id=None, meta=None):
        """The documents record of one text (str or UTF-8 bytes): a dict with doc, meta,
        sentences, datelines, entities and triples. id: the document id (default "1");
        meta: a dict kept as the record's meta."""
        self._check()
        data = _text_bytes(text)
        doc_id = str(1 if id is None else id).encode()
        meta_json = _meta_json(meta)
        with self._lock:
            if not self._worker:
                self._worker = _lib.feit_worker_new(self._ctx)
                if not self._worker:
                    raise MemoryError("feit: out of memory")
            r = _lib.feit_process(self._worker, doc_id, data, len(data))
            self._buf.len = 0
            if not r or _lib.feit_result_write(r, _lib.EMIT["documents"], meta_json, ctypes.byref(self._buf)):
                raise MemoryError("feit: out of memory")
            out = ctypes.string_at(self._buf.data, self._buf.len)
        return json.loads(out)

    def extract_many(self, docs, threads=None, on_error=None):
        """The documents records of many texts, as a generator in input order, processed on
        `threads` threads of the library's batch runner (None or 0: the number of cores).

        Each item is a text (str or bytes; its id is its position, counted from 1) or a dict like
        a JSON Lines record: "text", optionally "id" (str or int), every other field kept as meta.
        An item that cannot be processed raises FeitError (file "<input>", line = its position),
        or, when on_error is given, is passed to on_error(FeitError) and left out, so that one
        bad item does not stop the rest. The iterable is read as the results are consumed, in
        chunks (at most 1024 items or 16 MiB of text at a time)."""
        self._check()
        it = iter(docs)
        n = 0
        while True:
            chunk, size, errors = [], 0, {}
            for item in it:
                n += 1
                try:
                    chunk.append(self._input(item, n))
                    size += len(chunk[-1][1])
                except (TypeError, ValueError, KeyError) as e:
                    errors[len(chunk)] = FeitError(str(e), "<input>", n, 0, _lib.FEIT_ESKIP)
                    chunk.append(None)
                if len(chunk) >= CHUNK_DOCS or size >= CHUNK_BYTES:
                    break
            if not chunk:
                return
            full = len(chunk) >= CHUNK_DOCS or size >= CHUNK_BYTES
            for i, ev in self._run_chunk(chunk, errors, threads):
                if isinstance(ev, FeitError):
                    if on_error is None:
                        raise ev
                    on_error(ev)
                else:
                    yield ev
            if not full:
                return

    @staticmethod
    def _input(item, n):
        """(id, text bytes, meta json, where) of one extract_many item."""
        if isinstance(item, dict):
            if "text" not in item:
                raise KeyError("item %d has no \"text\"" % n)
            text = item["text"]
            doc_id = item.get("id", n)
            if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
                raise TypeError("item %d: \"id\" must be a string or an integer" % n)
            meta = {k: v for k, v in item.items() if k not in ("text", "id")}
            return str(doc_id).encode(), _text_bytes(text), _meta_json(meta), b"<input>:%d" % n
        return str(n).encode(), _text_bytes(item), b"{}", b"<input>:%d" % n

    def _run_chunk(self, chunk, errors, threads):
        """Runs the batch runner over chunk; yields (position, record dict or FeitError) in
        input order. errors: positions already known to be bad (their chunk entry is None)."""
        good = [i for i, c in enumerate(chunk) if c is not None]
        events = []  # (position, record or FeitError), in the order the callbacks came
        state = {"next": 0, "exc": None}

        def next_doc(user, doc, err):
            try:
                if state["next"] >= len(good):
                    return 0
                pos = good[state["next"]]
                state["next"] += 1
                doc_id, text, meta, where = chunk[pos]
                d = doc.contents
                d.id, d.text, d.len = _lib.c_copy(doc_id), _lib.c_copy(text), len(text)
                d.meta, d.where = _lib.c_copy(meta), _lib.c_copy(where)
                return 1
            except BaseException as e:  # ends the run; raised below
                state["exc"] = e
                return 0

        def write(user, doc, records, length):
            try:
                events.append(("rec", ctypes.string_at(records, length)))
                return 0
            except BaseException as e:
                state["exc"] = e
                return 1

        def skip(user, err):
            events.append(("err", FeitError._from_c(err.contents, _lib.FEIT_ESKIP)))

        o = _lib.feit_batch_options_default()
        o.threads = int(threads or 0)
        o.emit = _lib.EMIT["documents"]
        cbs = (_lib.NEXT_FN(next_doc), _lib.WRITE_FN(write), _lib.SKIP_FN(skip))
        o.next, o.write, o.skip = cbs
        rc = _lib.feit_batch_run(self._ctx, ctypes.byref(o), None)
        if state["exc"] is not None:
            raise state["exc"]
        if rc == _lib.FEIT_ENOMEM:
            raise MemoryError("feit: out of memory")
        # every good item gave one record or one skip, in input order; the known-bad ones
        # take their place between them
        ev = iter(events)
        for i, c in enumerate(chunk):
            if c is None:
                yield i, errors[i]
                continue
            kind, val = next(ev)
            yield i, (json.loads(val) if kind == "rec" else val)

    def extract_file(self, inputs, output, emit="triples", threads=None, input_format="auto", max_doc=None):
        """`feit extract` as a function: reads inputs (paths of files or directories: text, JSON
        Lines, gzip) with the library's reader and writes the records to output (a binary file
        object), byte for byte what `feit extract --emit EMIT` writes for them.
        Returns a dict: docs, skipped, sentences, triples, bytes, and skips, the list of
        "file:line: reason" messages of the skipped documents (what `feit extract` reports)."""
        self._check()
        if isinstance(inputs, (str, bytes, os.PathLike)):
            inputs = [inputs]
        paths = [os.fsencode(p) for p in inputs]
        argv = (ctypes.c_char_p * len(paths))(*paths)
        ro = _lib.feit_read_options_default()
        ro.format = _lib.READ_FORMAT[input_format]
        if max_doc:
            ro.max_doc = int(max_doc)
        rd = _lib.feit_reader_new(argv, len(paths), ctypes.byref(ro))
        if not rd:
            raise MemoryError("feit: out of memory")
        skips, state = [], {"exc": None}

        def write(user, doc, records, length):
            try:
                output.write(ctypes.string_at(records, length))
                return 0
            except BaseException as e:
                state["exc"] = e
                return 1

        def skip(user, err):
            skips.append(str(FeitError._from_c(err.contents)))

        o = _lib.feit_batch_options_default()
        o.threads = int(threads or 0)
        o.emit = _lib.EMIT[emit]
        w, s = _lib.WRITE_FN(write), _lib.SKIP_FN(skip)
        o.next, o.write, o.skip = _lib.feit_batch_reader_next, w, s
        o.user = o.reader = rd
        st = _lib.feit_batch_stats()
        try:
            rc = _lib.feit_batch_run(self._ctx, ctypes.byref(o), ctypes.byref(st))
            stats = {"docs": st.docs, "skipped": st.skipped, "sentences": st.sentences,
                     "triples": st.triples, "bytes": st.bytes, "skips": skips}
            _lib.feit_batch_stats_free(ctypes.byref(st))
        finally:
            _lib.feit_reader_free(rd)
        if state["exc"] is not None:
            raise state["exc"]
        if rc == _lib.FEIT_ENOMEM:
            raise MemoryError("feit: out of memory")
        return stats


_default = None
_default_lock = threading.Lock()


def extract(text, id=None, meta=None):
    """Pipeline().extract(text) with a pipeline loaded once, on first use, from the default data
    directory."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Pipeline()
    return _default.extract(text, id=id, meta=meta)
