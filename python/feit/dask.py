"""python3 -m feit.dask: feit over a dask.distributed cluster, one task per input file (a shard).

    python3 -m feit.dask --local 4 -o facts/ archive/part-*.jsonl.gz
    python3 -m feit.dask --scheduler tcp://head:8786 -o /shared/facts/ /shared/archive/*.jsonl.gz

Each INPUT (.jsonl, .jsonl.gz, or any file `feit extract` reads) is one task: a worker reads it
with libfeit and writes OUTDIR/<input name>, byte for byte what `feit extract INPUT` writes (a .gz
name stays .gz: the same bytes, gzip-compressed). --local N starts a cluster of N worker processes
on this machine; --scheduler ADDRESS uses a running `dask scheduler` whose `dask worker`s may be on
other hosts: they must have feit installed and see INPUT and OUTDIR at the same paths (a shared
file system). A task that fails is retried (--retries, default 2); a shard that still fails is
named on stderr and the exit status is 2; its output is not written. Skipped documents are
reported as `feit extract` reports them (file:line: reason), with exit status 1.
Progress: Dask's progress bar on stderr (by default when stderr is a terminal).
"""
import argparse
import contextlib
import logging
import os
import sys


def _args(argv):
    ap = argparse.ArgumentParser(
        prog="python3 -m feit.dask",
        description="Runs feit extract on a dask.distributed cluster, one task per input file; "
                    "writes OUTDIR/<input name>, the bytes `feit extract INPUT` writes.")
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", help="a running dask scheduler (tcp://host:8786)")
    where.add_argument("--local", metavar="N", type=int,
                       help="start a local cluster of N worker processes (default: the number of cores)")
    ap.add_argument("-o", "--output", metavar="OUTDIR", required=True, help="directory for the outputs")
    ap.add_argument("--emit", choices=["triples", "entities", "documents"], default="triples")
    ap.add_argument("--input-format", choices=["auto", "text", "jsonl"], default="auto")
    ap.add_argument("--threads", type=int, default=1, metavar="N", help="threads per task (default 1)")
    ap.add_argument("--retries", type=int, default=2, metavar="N", help="retries of a failed task (default 2)")
    ap.add_argument("--data-dir", metavar="DIR", help="the data directory on the workers")
    ap.add_argument("--gazetteers", metavar="DIR", action="append", help="as feit extract (at most twice)")
    ap.add_argument("--rules", metavar="FILE", help="relation rules instead of the data directory's")
    ap.add_argument("--progress", dest="progress", action="store_true", default=None,
                    help="Dask's progress bar on stderr (default: when stderr is a terminal)")
    ap.add_argument("--no-progress", dest="progress", action="store_false")
    ap.add_argument("inputs", metavar="INPUT", nargs="+")
    a = ap.parse_args(argv)
    if a.local is not None and a.local < 1:
        ap.error("--local must be at least 1")
    if a.threads < 1 or a.retries < 0:
        ap.error("--threads must be at least 1 and --retries at least 0")
    if a.gazetteers and len(a.gazetteers) > 2:
        ap.error("--gazetteers at most twice")
    names = {}
    for src in a.inputs:
        n = os.path.basename(src)
        if not n:
            ap.error("%s: not a file name" % src)
        if n in names:
            ap.error("%s and %s would both write %s" % (names[n], src, os.path.join(a.output, n)))
        names[n] = src
    return a


def main(argv=None):
    a = _args(argv)
    try:
        from distributed import Client, LocalCluster, progress, wait
    except ImportError as e:
        print("feit.dask: needs dask.distributed (Debian: python3-distributed): %s" % e, file=sys.stderr)
        return 2
    from feit.shard import process  # by its module name, so that workers import it

    os.makedirs(a.output, exist_ok=True)
    cluster = None
    try:
        if a.scheduler:
            client = Client(a.scheduler)
        else:
            cluster = LocalCluster(n_workers=a.local or os.cpu_count(), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
    except Exception as e:
        print("feit.dask: no cluster: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        return 2
    cwd = os.getcwd()
    gaz = tuple(a.gazetteers) if a.gazetteers else None
    shards = []
    for i, src in enumerate(a.inputs):
        dst = os.path.join(a.output, os.path.basename(src))
        fut = client.submit(process, src, dst, cwd=cwd, emit=a.emit, threads=a.threads,
                            input_format=a.input_format, data_dir=a.data_dir, gazetteers=gaz,
                            rules=a.rules, key="feit-%d-%s" % (i, os.path.basename(src)),
                            retries=a.retries, pure=False)
        shards.append((src, dst, fut))
    futures = [f for _, _, f in shards]
    show = sys.stderr.isatty() if a.progress is None else a.progress
    if show:
        with contextlib.redirect_stdout(sys.stderr):  # the bar writes to stdout
            progress(futures)
        print(file=sys.stderr)
    wait(futures)

    status, failed = 0, []
    total = {"docs": 0, "skipped": 0, "triples": 0}
    for src, dst, fut in shards:
        if fut.status == "finished":
            st = fut.result()
            for msg in st["skips"]:
                print("feit.dask: feit extract: %s" % msg, file=sys.stderr)
            for k in total:
                total[k] += st[k]
            if st["skipped"]:
                status = max(status, 1)
        else:
            exc = fut.exception()
            print("feit.dask: %s: failed after %d attempts, no output written: %s: %s"
                  % (src, a.retries + 1, type(exc).__name__, exc), file=sys.stderr)
            with contextlib.suppress(OSError):
                if os.path.isfile(dst):
                    os.unlink(dst)  # an output of an earlier run is not this run's
            failed.append(src)
            status = 2
    workers = len(client.scheduler_info().get("workers", {}))
    print("feit.dask: %d shards on %d workers: %d documents, %d skipped, %d triples; %d failed%s"
          % (len(shards), workers, total["docs"], total["skipped"], total["triples"], len(failed),
             (": " + " ".join(failed)) if failed else ""), file=sys.stderr)
    client.close()
    if cluster is not None:
        cluster.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
