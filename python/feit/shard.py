"""One shard of an archive through feit, as a task of feit.dask (or of any other engine) runs it.

process(src, dst) reads src (a file: JSON Lines, text, either gzip-compressed) with the library's
reader and writes dst with exactly the bytes `feit extract src` writes (gzip-compressed when dst
ends in .gz). The output appears at once when the shard is done (written to dst.part-HOST-PID,
then renamed), so a failed or retried task never leaves half a file under the final name.
"""
import gzip
import os
import socket

from . import Pipeline

_pipelines = {}  # one loaded pipeline per worker process and set of options


def _pipeline(data_dir, gazetteers, rules):
    key = (data_dir, tuple(gazetteers) if isinstance(gazetteers, (list, tuple)) else gazetteers, rules)
    p = _pipelines.get(key)
    if p is None:
        p = _pipelines[key] = Pipeline(data_dir=data_dir, gazetteers=gazetteers, rules=rules)
    return p


def process(src, dst, cwd=None, emit="triples", threads=1, input_format="auto",
            data_dir=None, gazetteers=None, rules=None):
    """Processes one shard; returns the counts (docs, skipped, triples, ...), the skip messages
    ("skips") and the host. cwd: the directory relative paths are relative to (the client's); when
    this process runs there, src is read as given, so that ids made from the path ("<file>:<line>")
    are those of `feit extract src` run in that directory. Raises on any failure (missing input,
    unwritable output): the engine retries and reports it."""
    host = socket.gethostname()
    here = os.getcwd()
    path = src
    if cwd and not os.path.isabs(src) and os.path.realpath(cwd) != os.path.realpath(here):
        path = os.path.join(cwd, src)
    if cwd and not os.path.isabs(dst):
        dst = os.path.join(cwd, dst)
    if not os.path.isfile(path):
        raise FileNotFoundError("%s: no such file on %s" % (path, host))
    p = _pipeline(data_dir, gazetteers, rules)
    os.makedirs(os.path.dirname(dst) or ".", exist_ok=True)
    tmp = "%s.part-%s-%d" % (dst, host, os.getpid())
    try:
        with open(tmp, "wb") as raw:
            if dst.endswith(".gz"):
                # no name and no time in the header: the same output gives the same bytes
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out:
                    stats = p.extract_file([path], out, emit=emit, threads=threads, input_format=input_format)
            else:
                stats = p.extract_file([path], raw, emit=emit, threads=threads, input_format=input_format)
        os.replace(tmp, dst)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    stats.update(host=host, input=src, output=dst)
    return stats
