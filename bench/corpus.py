"""Generated corpora for the benchmarks, built once per (size, seed) and cached.

The articles come from the deterministic generator of issue #2 (``bench/generate_corpus.py``); this module
only runs it and keeps the result under ``bench/.cache/`` (gitignored) so that every benchmark at a given
size reads the very same articles.

    python bench/corpus.py 10000 100000      # build (or reuse) the 10k and 100k corpora
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
GENERATOR = BENCH_DIR / "generate_corpus.py"
DEFAULT_CACHE = BENCH_DIR / ".cache"
DEFAULT_SEED = 1
MARKER = "corpus.json"
# What the ingest pipeline reads (issue #2); anything else the generator writes (e.g. a manifest) is ignored.
ARTICLE_SUFFIXES = (".jsonl", ".txt", ".html", ".htm")


@dataclass(frozen=True)
class Corpus:
    """A generated corpus on disk: ``root`` holds the article files."""

    count: int
    seed: int
    root: Path
    files: tuple[Path, ...]
    bytes: int
    text_bytes: int  # UTF-8 bytes of the articles' titles and bodies (what "a 3 KB article" means)

    @property
    def mean_article_kb(self) -> float:
        return self.text_bytes / max(self.count, 1) / 1024


def _article_files(root: Path) -> tuple[Path, ...]:
    return tuple(sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in ARTICLE_SUFFIXES))


def _text_bytes(files: tuple[Path, ...]) -> int:
    total = 0
    for path in files:
        if path.suffix != ".jsonl":
            total += path.stat().st_size
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                total += len((record.get("title") or "").encode()) + len((record.get("body") or "").encode())
    return total


def _load(root: Path) -> Corpus:
    marker = json.loads((root / MARKER).read_text(encoding="utf-8"))
    files = _article_files(root / "articles")
    if "text_bytes" not in marker:
        marker["text_bytes"] = _text_bytes(files)
        (root / MARKER).write_text(json.dumps(marker), encoding="utf-8")
    size = sum(f.stat().st_size for f in files)
    return Corpus(marker["count"], marker["seed"], root / "articles", files, size, marker["text_bytes"])


def ensure_corpus(count: int, seed: int = DEFAULT_SEED, cache_dir: Path = DEFAULT_CACHE) -> Corpus:
    """The corpus of ``count`` articles for ``seed``, generated on first use and cached afterwards."""
    if count < 1:
        raise ValueError("a corpus needs at least one article")
    root = cache_dir / f"corpus-{count}-seed{seed}"
    if (root / MARKER).exists():
        return _load(root)
    if not GENERATOR.exists():
        raise SystemExit(f"{GENERATOR} is missing: the corpus generator comes with issue #2")
    if root.exists():  # an interrupted earlier run
        shutil.rmtree(root)
    out = root / "articles"
    out.mkdir(parents=True)
    command = [sys.executable, str(GENERATOR), "--count", str(count), "--seed", str(seed), "--out", str(out)]
    print(f"generating {count:,} articles: {' '.join(command)}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise SystemExit(f"corpus generator failed ({done.returncode}):\n{done.stderr.strip()[-2000:]}")
    if not _article_files(out):
        shutil.rmtree(root, ignore_errors=True)
        raise SystemExit(f"corpus generator wrote no article files under {out}")
    marker = {"count": count, "seed": seed, "generator_seconds": round(time.perf_counter() - started, 2)}
    (root / MARKER).write_text(json.dumps(marker), encoding="utf-8")
    return _load(root)


def single_article(corpus: Corpus) -> Path:
    """A file holding just the corpus's first article: ingesting it costs the command's fixed start-up."""
    first = corpus.files[0]
    target = corpus.root.parent / "single" / first.name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        if first.suffix == ".jsonl":
            with first.open(encoding="utf-8") as handle:
                target.write_text(handle.readline(), encoding="utf-8")
        else:
            shutil.copyfile(first, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("counts", nargs="+", type=int, metavar="COUNT", help="corpus sizes (articles)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args(argv)
    for count in args.counts:
        corpus = ensure_corpus(count, args.seed, args.cache_dir)
        print(
            f"{corpus.count:,} articles, {len(corpus.files)} files, "
            f"{corpus.bytes / 1024**2:.1f} MiB ({corpus.mean_article_kb:.2f} KB/article): {corpus.root}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
