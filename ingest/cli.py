"""Read article files, clean them, and index them (or print them with --dry-run).

PATH may be a .txt file (title on the first meaningful line), an .html/.htm page, a .jsonl file (one
article per line: title, body, and optionally url (or link), published (or published_at, datePublished, date),
source, id), a .json file (one such article, a list of them, or an export listing them under "articles"),
a directory (read recursively), a shell glob, or - for JSON Lines on standard input.

Bad input never stops the run: each bad file or record gets one line on stderr naming it and the reason,
goes to --rejects FILE when given, and makes the exit status 1. The last line on stderr sums it up:
read = indexed + updated + skipped (the same article twice in one run) + failed (+ not indexed); a
later record with an earlier one's id but other content replaces it (counted as updated). Exit status 2
means the search engine could not be used and the run stopped: the records read but not confirmed written
are counted as "not indexed", named on stderr and in --rejects (with the document as "raw", which reads
back as JSON Lines); records after them were not read. Nothing is lost: run the same command again.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import IO, Any

from tqdm import tqdm

from ingest.pipeline import Preparer, Processed, iter_articles
from ingest.readers import DEFAULT_MAX_BYTES, Failure, expand_paths, other_files

DEFAULT_BATCH_SIZE = 500  # for engines that state no preference (a bulk request to a search server)
EXIT_OK, EXIT_FAILURES, EXIT_ENGINE = 0, 1, 2
# Input below this size is processed in one process by default: spawning workers (each imports the
# pipeline and ICU) costs more than it saves on a few hundred articles.
AUTO_JOBS_MIN_BYTES = 2 * 1024**2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``ingest`` subcommand's options."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, globs, or - for stdin")
    parser.add_argument("--dry-run", action="store_true", help="print documents as JSON Lines, index nothing")
    parser.add_argument("--rejects", metavar="FILE", help="write records that failed to FILE (JSON Lines)")
    parser.add_argument(
        "--batch-size",
        type=_positive_int,
        default=None,
        help="documents sent to the engine per request (one commit each in the embedded engine); "
        f"default: the engine's preference, {DEFAULT_BATCH_SIZE} for Elasticsearch/OpenSearch",
    )
    parser.add_argument(
        "--max-bytes",
        type=_positive_int,
        default=DEFAULT_MAX_BYTES,
        help=f"refuse files (and JSON lines) larger than this (default {DEFAULT_MAX_BYTES:,})",
    )
    parser.add_argument(
        "--jobs",
        type=_non_negative_int,
        default=None,
        help="worker processes for cleaning, detection and the embedded engine's analysis (0: all in "
        "this process); default: one per CPU when the input files hold at least "
        f"{AUTO_JOBS_MIN_BYTES // 1024**2} MB, else 0",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no per-record messages")
    parser.add_argument("--data-dir", help="embedded engine's directory (overrides SEARCH_APP_DATA_DIR)")
    parser.add_argument("--engine-url", help="Elasticsearch/OpenSearch URL (overrides SEARCH_APP_ENGINE_URL)")


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use (containers, taskset)
    except AttributeError:
        return os.cpu_count() or 1


def default_jobs(paths: list[str], exclude: Collection[str] = ()) -> int:
    """Worker processes when --jobs is not given: one per CPU for input files of AUTO_JOBS_MIN_BYTES or
    more (their size is known before reading), else none; standard input alone counts as small."""
    cpus = _cpus()
    if cpus < 2:
        return 0
    total = 0
    for path in expand_paths(paths, exclude):
        if isinstance(path, Failure) or path == "-":
            continue
        try:
            total += os.path.getsize(path)
        except OSError:
            continue  # reading it will report the problem
        if total >= AUTO_JOBS_MIN_BYTES:
            return cpus
    return 0


@dataclass
class Summary:
    """What happened to every record read; read == indexed + updated + skipped + failed + not_indexed.

    ``not_indexed``: records read and handed to the engine that it never confirmed writing, because it
    failed (or the run was interrupted) partway; shown only when there are some.
    """

    read: int = 0
    indexed: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    not_indexed: int = 0
    dry_run: bool = False

    def line(self) -> str:
        if self.dry_run:
            return (
                f"ingest (dry run): read {self.read}, printed {self.indexed}, "
                f"skipped {self.skipped}, failed {self.failed}"
            )
        line = (
            f"ingest: read {self.read}, indexed {self.indexed}, updated {self.updated}, "
            f"skipped {self.skipped}, failed {self.failed}"
        )
        return line + (f", not indexed {self.not_indexed}" if self.not_indexed else "")


@dataclass
class _Reporter:
    """Failure messages (stderr, through tqdm so the bar stays intact) and the rejects file."""

    quiet: bool
    rejects: IO[str] | None
    summary: Summary
    # id -> fingerprint of the article last seen with it in this run (see _unique)
    seen_ids: dict[str, int] = field(default_factory=dict)
    # Articles handed to the engine whose write it has not confirmed yet (the batch being sent).
    pending: list[Processed] = field(default_factory=list)

    def fail(self, failure: Failure) -> None:
        self.summary.failed += 1
        self._report(failure)

    def abandon_pending(self, why: str) -> None:
        """Count and report every pending article as not indexed: the run stops before it was written."""
        for item in self.pending:
            self.summary.not_indexed += 1
            raw = json.dumps(item.article, ensure_ascii=False)
            self._report(Failure(item.path, item.line, f"not indexed: {why}", raw))
        self.pending = []

    def say(self, where: str, message: str) -> None:
        """One line on stderr about a record (through tqdm so the bar stays intact), unless quiet."""
        if not self.quiet:
            tqdm.write(f"ingest: {where}: {message}", file=sys.stderr)

    def _report(self, failure: Failure) -> None:
        self.say(failure.where, failure.reason)
        if self.rejects:
            self.rejects.write(json.dumps(failure.as_reject(), ensure_ascii=False) + "\n")
            self.rejects.flush()


def _fingerprint(article: Mapping[str, Any]) -> int:
    # Within one run only (str hashes are salted per process): tells a repeat from a new version. The
    # other fields are made from these (language and countries from the text, the year from the date).
    return hash(tuple(article[key] for key in ("title", "body", "published", "source", "url")))


def _unique(items: Iterator[Processed | Failure], reporter: _Reporter) -> Iterator[Processed]:
    """Articles, each once per run: the same article again is counted as skipped; a later record with an
    earlier one's id but other content (a feed's updated version) goes on, and replaces it in the index.
    Failures are reported on the way."""
    for item in items:
        reporter.summary.read += 1
        if isinstance(item, Failure):
            reporter.fail(item)
            continue
        for note in item.notes:
            reporter.say(item.where, f"note: {note}")
        doc_id, fingerprint = item.article["id"], _fingerprint(item.article)
        earlier = reporter.seen_ids.get(doc_id)
        if earlier == fingerprint:
            reporter.summary.skipped += 1
            reporter.say(item.where, "skipped, the same article as an earlier record in this run")
            continue
        if earlier is not None:
            reporter.say(item.where, "note: replaces an earlier record with the same id in this run")
        reporter.seen_ids[doc_id] = fingerprint
        yield item


def _progress(items: Iterator[Any], quiet: bool) -> Iterator[Any]:
    disable = quiet or not sys.stderr.isatty()
    return tqdm(items, unit=" records", file=sys.stderr, disable=disable, dynamic_ncols=True)


def _print_documents(articles: Iterator[Processed], summary: Summary) -> None:
    out = sys.stdout
    for item in articles:
        out.write(json.dumps(item.article, ensure_ascii=False) + "\n")
        summary.indexed += 1
    out.flush()


def _index_documents(
    articles: Callable[[Preparer | None], Iterator[Processed]],
    args: argparse.Namespace,
    jobs: int,
    reporter: _Reporter,
) -> None:
    from search_app.config import Config
    from search_app.engines import open_engine

    config = Config.from_env(data_dir=args.data_dir, engine_url=args.engine_url)
    engine = open_engine(config)
    try:
        engine.ensure_index()
        # With worker processes, they also do the engine's per-document work (the embedded engine's
        # analysis), leaving this process only the writing. Without, the engine does it inside upsert,
        # where it overlaps with Tantivy's own indexing thread.
        prepare = engine.document_preparer() if jobs > 0 else None
        batch_size = args.batch_size or engine.upsert_batch_size or DEFAULT_BATCH_SIZE
        for item in articles(prepare):
            reporter.pending.append(item)
            if len(reporter.pending) >= batch_size:
                _send(engine, reporter)
        if reporter.pending:
            _send(engine, reporter)
        engine.refresh()
    finally:
        engine.close()


def _send(engine: Any, reporter: _Reporter) -> None:
    """Write the pending batch; when the engine raises, the batch stays pending (not indexed)."""
    batch = reporter.pending
    if batch and all(item.prepared is not None for item in batch):
        result = engine.upsert_prepared([item.prepared for item in batch])
    else:
        result = engine.upsert([item.article for item in batch])
    reporter.pending = []
    reporter.summary.indexed += result.created
    reporter.summary.updated += result.updated
    where = {item.article["id"]: item for item in batch}
    for doc_id, reason in result.failed:
        item = where.get(doc_id)
        path, line = (item.path, item.line) if item else ("<engine>", None)
        raw = json.dumps(item.article, ensure_ascii=False) if item else None
        reporter.fail(Failure(path, line, f"the engine refused the document: {reason}", raw))


def run(args: argparse.Namespace) -> int:
    """Run the ingest: 0 when all went in, 1 when some records failed, 2 when the engine failed."""
    from search_app.engines.base import EngineError

    summary = Summary(dry_run=args.dry_run)
    with ExitStack() as stack:
        rejects = None
        if args.rejects:
            try:
                rejects = stack.enter_context(open(args.rejects, "w", encoding="utf-8"))
            except OSError as exc:
                print(f"ingest: cannot write rejects file {args.rejects}: {exc.strerror}", file=sys.stderr)
                return EXIT_ENGINE
        reporter = _Reporter(quiet=args.quiet, rejects=rejects, summary=summary)
        own_files = [args.rejects] if args.rejects else []
        jobs = args.jobs if args.jobs is not None else default_jobs(args.paths, own_files)

        def articles(prepare: Preparer | None = None) -> Iterator[Processed]:
            found = iter_articles(
                args.paths, max_bytes=args.max_bytes, exclude=own_files, jobs=jobs, prepare=prepare
            )
            return _unique(_progress(found, args.quiet), reporter)

        try:
            if args.dry_run:
                _print_documents(articles(), summary)
            else:
                _index_documents(articles, args, jobs, reporter)
        except EngineError as exc:
            print(f"ingest: search engine error: {exc}", file=sys.stderr)
            reporter.abandon_pending(f"the search engine failed ({exc})")
            print("ingest: the run stopped; input after the last record read was not read", file=sys.stderr)
            print(summary.line(), file=sys.stderr)
            return EXIT_ENGINE
        except KeyboardInterrupt:
            print("ingest: interrupted", file=sys.stderr)
            reporter.abandon_pending("the run was interrupted")
            print(summary.line(), file=sys.stderr)
            return 130
    print(summary.line(), file=sys.stderr)
    _report_other_files(args.paths)
    return EXIT_FAILURES if summary.failed else EXIT_OK


def _report_other_files(paths: list[str]) -> None:
    """One line on the files the directories held that are not articles: a PDF or a .doc the user meant
    to ingest would otherwise go unnoticed (they are no failure: images and style sheets are expected)."""
    counts = other_files(paths)
    if counts:
        listed = ", ".join(f"{n} {suffix or '(no extension)'}" for suffix, n in counts.items())
        total = sum(counts.values())
        hint = " (name .json files to read them: DIR/*.json)" if ".json" in counts else ""
        print(
            f"ingest: {total} other file{'s' * (total != 1)} in the directories not read: {listed}{hint}",
            file=sys.stderr,
        )
