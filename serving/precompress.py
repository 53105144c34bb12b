"""Compress Streamlit's static files once, for ``serving.static`` to serve.

    python -m serving.precompress                  # into $DESCENTLAB_STATIC_CACHE or ./.static-cache
    python -m serving.precompress --out /app/.static-cache --check   # and fail unless the big bundles are there

Every text file of Streamlit's ``static/`` subtree (``.js``, ``.css``, ``.json``, ``.svg``, ...; fonts and images
are compressed formats already) gets a ``.br`` (brotli quality 11) and a ``.gz`` (gzip level 9, no name or
time in its header: the same bytes on every build) in the cache folder, under the same relative path, and a
line in ``manifest.json`` with the original's size and modification time (``serving.static`` serves a variant
only while they still match). A file already compressed for the same original is skipped, so a second run
costs a second; the first takes ~30 s of CPU per core for Streamlit 1.67's 26 MB (brotli 11 is slow: ~2 s per
MB, once), on every core of the machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

try:
    from serving.static import MANIFEST, SUBTREE, cache_dir, static_dir
except ImportError:  # run as a file
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from serving.static import MANIFEST, SUBTREE, cache_dir, static_dir

TEXT_SUFFIXES = (".js", ".mjs", ".css", ".json", ".svg", ".html", ".txt", ".map", ".xml", ".wasm")
BROTLI_QUALITY = 11
GZIP_LEVEL = 9
# Files that every page of the app loads: --check fails when one of them has no variant.
MUST = ("PlotlyChart.", "protobuf.", "index.")


def _compress(job: tuple[str, str, str, int]) -> tuple[str, int, int]:
    """Write ``<out>/<rel>.br`` and ``.gz`` for ``<source>/<rel>``; their sizes."""
    import brotli

    source, out, rel, quality = job
    data = (Path(source) / rel).read_bytes()
    sizes = []
    for suffix, packed in ((".br", brotli.compress(data, quality=quality)),
                           (".gz", gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))):
        target = Path(out) / (rel + suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(packed)
        tmp.replace(target)
        sizes.append(len(packed))
    return rel, sizes[0], sizes[1]


def precompress(out: Path, source: Path, workers: int | None = None, log=print, quality: int = BROTLI_QUALITY,
                only=None) -> dict:
    """Bring ``out`` up to date with ``source``; the manifest written. ``quality``: brotli's (tests use a fast
    one); ``only``: a predicate on the relative path, to compress some files only (tests)."""
    import streamlit

    out.mkdir(parents=True, exist_ok=True)
    try:
        old = json.loads((out / MANIFEST).read_text()).get("files", {})
    except (OSError, ValueError):
        old = {}
    files: dict[str, dict] = {}
    todo = []
    for path in sorted((source / SUBTREE).rglob("*")):
        if not path.is_file() or path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        rel = path.relative_to(source).as_posix()
        if only is not None and not only(rel):
            continue
        stat = path.stat()
        info = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
        before = old.get(rel, {})
        if (before.get("size"), before.get("mtime_ns")) == (info["size"], info["mtime_ns"]) and all(
                (out / (rel + s)).is_file() for s in (".br", ".gz")):
            files[rel] = before
        else:
            files[rel] = info
            todo.append(rel)
    started = time.perf_counter()
    # Biggest first: the 4.7 MB plotly bundle alone takes ~10 s at brotli 11.
    todo.sort(key=lambda rel: -files[rel]["size"])
    if todo:
        with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
            for rel, br, gz in pool.map(_compress, [(str(source), str(out), rel, quality) for rel in todo]):
                files[rel].update(br=br, gz=gz)
    manifest = {"streamlit": streamlit.__version__, "source": str(source), "brotli_quality": quality,
                "gzip_level": GZIP_LEVEL, "files": files}
    tmp = out / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True))
    tmp.replace(out / MANIFEST)
    raw = sum(f["size"] for f in files.values())
    log(f"precompressed {len(todo)} of {len(files)} files in {time.perf_counter() - started:.1f} s "
        f"({len(files) - len(todo)} up to date) into {out}: {raw / 1e6:.1f} MB -> "
        f"brotli {sum(f['br'] for f in files.values()) / 1e6:.1f} MB, gzip {sum(f['gz'] for f in files.values()) / 1e6:.1f} MB")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=None, help="cache folder (default: $DESCENTLAB_STATIC_CACHE "
                        "or .static-cache beside app.py)")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: one per core)")
    parser.add_argument("--check", action="store_true", help="fail unless every bundle every page loads "
                        "(plotly, protobuf, the main one) has both variants")
    args = parser.parse_args(argv)
    manifest = precompress(args.out or cache_dir(), static_dir(), args.workers)
    if args.check:
        from serving.static import load

        entries, note = load(args.out or cache_dir())
        names = [url.rsplit("/", 1)[-1] for url, e in entries.items() if len(e.variants) == 2]
        missing = [m for m in MUST if not any(n.startswith(m) and n.endswith(".js") for n in names)]
        print(note)
        if missing or len(entries) != len(manifest["files"]):
            print(f"precompress check FAILED: missing {missing}, {len(entries)} of {len(manifest['files'])} served",
                  file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
