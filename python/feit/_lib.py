"""ctypes declarations of libfeit (src/feit.h): finding the library, its structures and functions.

The library is looked for, in this order:
  1. $FEIT_LIBRARY, the path of a libfeit.so file;
  2. the package's own directory (a copy placed next to __init__.py);
  3. the lib/ directory of the prefix the package is installed in (`make install` puts the package
     in PREFIX/lib/python3/dist-packages/feit and the library in PREFIX/lib);
  4. a source tree's build/ directory (the package at python/feit, the library at build/);
  5. the dynamic loader: ctypes.util.find_library("feit") (the ld.so cache, LD_LIBRARY_PATH), then
     dlopen("libfeit.so") as it stands.
The structures below mirror src/feit.h field for field; python/tests checks their sizes and offsets
against the C compiler's.
"""
import ctypes
import ctypes.util
import glob
import os

_here = os.path.dirname(os.path.abspath(__file__))


def _candidates():
    env = os.environ.get("FEIT_LIBRARY")
    if env:
        yield env
        return
    dirs = [_here,
            os.path.normpath(os.path.join(_here, "..", "..", "..")),  # PREFIX/lib/python3/dist-packages/feit
            os.path.normpath(os.path.join(_here, "..", "..", "build"))]  # python/feit in a source tree
    for d in dirs:
        # libfeit.so.MAJOR (the soname) before the development link libfeit.so
        names = sorted(glob.glob(os.path.join(d, "libfeit.so.[0-9]*")), key=len)
        names += glob.glob(os.path.join(d, "libfeit.so"))
        for n in names:
            yield n
    found = ctypes.util.find_library("feit")
    if found:
        yield found
    yield "libfeit.so"


def _load():
    tried = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise ImportError("feit: libfeit.so not found; tried: " + "; ".join(tried) +
                      ". Install feit (make install) or set FEIT_LIBRARY to the library's path.")


lib, path = _load()

c_char_p, c_void_p, c_int, c_size_t = ctypes.c_char_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t
c_uint64, c_double = ctypes.c_uint64, ctypes.c_double
P = ctypes.POINTER

# return codes and enums of feit.h
FEIT_OK, FEIT_ENOMEM, FEIT_EIO, FEIT_EFORMAT, FEIT_ETOOBIG, FEIT_ESKIP, FEIT_ESTALE, FEIT_EINTR = 0, -1, -2, -3, -4, -5, -6, -7
FEIT_NTYPES = 5
EMIT = {"triples": 0, "entities": 1, "documents": 2}
READ_FORMAT = {"auto": 0, "text": 1, "jsonl": 2, "json": 3, "html": 4}


class feit_error(ctypes.Structure):
    _fields_ = [("file", ctypes.c_char * 512), ("line", c_int), ("column", c_int), ("text", ctypes.c_char * 512)]


class feit_options(ctypes.Structure):
    _fields_ = [("data_dir", c_char_p), ("language", c_char_p), ("gazetteers", c_char_p),
                ("user_gazetteers", c_char_p), ("rules", c_char_p), ("cache_dir", c_char_p),
                ("section_size", c_size_t)]


class feit_buf(ctypes.Structure):
    _fields_ = [("data", c_void_p), ("len", c_size_t), ("cap", c_size_t)]


class feit_input_doc(ctypes.Structure):
    # every pointer is malloc'ed and owned by whoever holds the document (feit_input_doc_free)
    _fields_ = [("id", c_void_p), ("text", c_void_p), ("len", c_size_t), ("meta", c_void_p), ("where", c_void_p)]


NOTE_FN = ctypes.CFUNCTYPE(None, c_void_p, P(feit_error))


class feit_read_options(ctypes.Structure):
    _fields_ = [("format", c_int), ("max_doc", c_size_t), ("text_field", c_char_p), ("id_field", c_char_p),
                ("encoding", c_char_p), ("include", P(c_char_p)), ("ninclude", c_size_t), ("exclude", P(c_char_p)),
                ("nexclude", c_size_t), ("output", c_char_p), ("note", NOTE_FN), ("note_user", c_void_p),
                ("stop", c_void_p), ("tell_wait", c_int)]


class feit_pred_count(ctypes.Structure):
    _fields_ = [("predicate", c_char_p), ("n", c_size_t)]


class feit_batch_stats(ctypes.Structure):
    _fields_ = [("docs", c_size_t), ("skipped", c_size_t), ("sentences", c_size_t), ("triples", c_size_t),
                ("entities", c_size_t * FEIT_NTYPES), ("preds", P(feit_pred_count)), ("npreds", c_size_t),
                ("bytes", c_uint64), ("seconds", c_double), ("consumed", c_uint64), ("total", c_uint64)]


NEXT_FN = ctypes.CFUNCTYPE(c_int, c_void_p, P(feit_input_doc), P(feit_error))
WRITE_FN = ctypes.CFUNCTYPE(c_int, c_void_p, P(feit_input_doc), c_void_p, c_size_t)
SKIP_FN = ctypes.CFUNCTYPE(None, c_void_p, P(feit_error))
PROGRESS_FN = ctypes.CFUNCTYPE(None, c_void_p, P(feit_batch_stats))


class feit_batch_options(ctypes.Structure):
    _fields_ = [("threads", c_int), ("emit", c_int), ("next", NEXT_FN), ("write", WRITE_FN), ("skip", SKIP_FN),
                ("progress", PROGRESS_FN), ("user", c_void_p), ("stop", P(c_int)), ("reader", c_void_p)]


def _fn(name, restype, *argtypes):
    f = getattr(lib, name)
    f.restype, f.argtypes = restype, list(argtypes)
    return f


feit_version = _fn("feit_version", c_char_p)
feit_options_default = _fn("feit_options_default", feit_options)
feit_data_dir = _fn("feit_data_dir", c_int, P(feit_options), c_char_p, c_size_t)
feit_context_new = _fn("feit_context_new", c_void_p, P(feit_options), P(feit_error))
feit_context_free = _fn("feit_context_free", None, c_void_p)
feit_worker_new = _fn("feit_worker_new", c_void_p, c_void_p)
feit_worker_free = _fn("feit_worker_free", None, c_void_p)
feit_process = _fn("feit_process", c_void_p, c_void_p, c_char_p, c_char_p, c_size_t)
feit_result_write = _fn("feit_result_write", c_int, c_void_p, c_int, c_char_p, P(feit_buf))
feit_buf_free = _fn("feit_buf_free", None, P(feit_buf))
feit_read_options_default = _fn("feit_read_options_default", feit_read_options)
feit_reader_new = _fn("feit_reader_new", c_void_p, P(c_char_p), c_size_t, P(feit_read_options))
feit_reader_free = _fn("feit_reader_free", None, c_void_p)
feit_batch_options_default = _fn("feit_batch_options_default", feit_batch_options)
feit_batch_run = _fn("feit_batch_run", c_int, c_void_p, P(feit_batch_options), P(feit_batch_stats))
feit_batch_stats_free = _fn("feit_batch_stats_free", None, P(feit_batch_stats))
# the library's own `next` for a feit_reader, handed to feit_batch_run as a function pointer
feit_batch_reader_next = ctypes.cast(lib.feit_batch_reader_next, NEXT_FN)

# the C allocator: documents handed to the batch runner are freed by it with free()
_libc = ctypes.CDLL(None)
malloc = _libc.malloc
malloc.restype, malloc.argtypes = c_void_p, [c_size_t]


def c_copy(data):
    """A malloc'ed, NUL-terminated copy of bytes data (the batch runner frees it)."""
    p = malloc(len(data) + 1)
    if not p:
        raise MemoryError("feit: out of memory")
    ctypes.memmove(p, data, len(data))
    ctypes.memset(p + len(data), 0, 1)
    return p
