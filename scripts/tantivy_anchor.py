#!/usr/bin/env python3
"""tantivy as an anchor for kensaku-bench --anchors (issue 10).

Builds a tantivy index of the benchmark's passages and times the benchmark's queries on it, in
one long-lived process, so interpreter start and import never count. kensaku-bench runs it as

    python3 scripts/tantivy_anchor.py PASSAGES.jsonl QUERIES.json INDEX_DIR RUNS

PASSAGES.jsonl  one {"doc": stem, "text": passage text} per line, the passages Kensaku indexes
QUERIES.json    [{"text": Kensaku query, "all": [...], "none": [...], "either": [...], "doc": stem|null}]
INDEX_DIR       an empty folder for the index
RUNS            timed rounds over all queries, after one warm-up round

and reads one JSON object from standard output. Exit 3 when the tantivy package is missing.

Index: field `text` (stored, positions, tokenizer ngram min 2 max 2 + lowercase), field `doc`
(raw, not stored). One writer thread (`Index.writer(heap, num_threads=1)`), one commit, merges
waited for. `index_seconds` runs from creating the index to the end of `wait_merging_threads`;
the Python Document objects are made before it starts. `index_bytes` is every file of INDEX_DIR.

Queries: each term of `all` is a MUST clause, `none` MUST_NOT, `either` one MUST clause of SHOULDs,
`doc` a MUST term on the `doc` field. A term of 2 or more characters is the query parser's
`"term"` on `text`: its bigrams, which the ngram tokenizer puts at position 0, so all of them must
occur, in any order. A one-character term is `regex_query("c.")`: the bigrams that start with it.
Latency is `time.perf_counter_ns()` around `searcher.search(query, 10)` only (count=True, so the
total is computed as Kensaku computes it); the query objects are built beforehand.
"""

import json
import os
import re
import resource
import sys
import time

HEAP_BYTES = 128_000_000


def percentile(samples, p):
    """Nearest rank, as kensaku-bench's Stats.percentile."""
    if not samples:
        return 0.0
    ordered = sorted(samples)
    rank = -(-p * len(ordered) // 100) - 1  # ceil(p/100 · n) − 1
    return ordered[min(max(int(rank), 0), len(ordered) - 1)]


def folder_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            full = os.path.join(root, name)
            if os.path.isfile(full):
                total += os.path.getsize(full)
    return total


def build(tantivy, passages_path, index_dir):
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("text", stored=True, tokenizer_name="bigram", index_option="position")
    builder.add_text_field("doc", stored=False, tokenizer_name="raw", index_option="basic")
    schema = builder.build()
    with open(passages_path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    documents = [tantivy.Document(text=row["text"], doc=row["doc"]) for row in rows]
    bigrams = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(2, 2)).filter(tantivy.Filter.lowercase()).build()

    start = time.perf_counter_ns()
    index = tantivy.Index(schema, path=index_dir, reuse=False)
    index.register_tokenizer("bigram", bigrams)
    writer = index.writer(HEAP_BYTES, num_threads=1)
    for document in documents:
        writer.add_document(document)
    writer.commit()
    writer.wait_merging_threads()
    seconds = (time.perf_counter_ns() - start) / 1e9
    index.reload()
    return schema, index, len(documents), seconds


def compile_query(tantivy, schema, index, spec):
    occur = tantivy.Occur

    def term(text):
        if len(text) >= 2:
            return index.parse_query('"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"', ["text"])
        return tantivy.Query.regex_query(schema, "text", re.escape(text.lower()) + ".")

    clauses = [(occur.Must, term(t)) for t in spec.get("all", [])]
    clauses += [(occur.MustNot, term(t)) for t in spec.get("none", [])]
    either = spec.get("either", [])
    if either:
        clauses.append((occur.Must, tantivy.Query.boolean_query([(occur.Should, term(t)) for t in either])))
    if spec.get("doc"):
        clauses.append((occur.Must, tantivy.Query.term_query(schema, "doc", spec["doc"])))
    return tantivy.Query.boolean_query(clauses)


def measure(searcher, queries, runs, count):
    """Microseconds per search: (all samples, samples per query)."""
    samples, per_query = [], [[] for _ in queries]
    for _ in range(runs):
        for i, query in enumerate(queries):
            start = time.perf_counter_ns()
            searcher.search(query, 10, count=count)
            micros = (time.perf_counter_ns() - start) / 1e3
            samples.append(micros)
            per_query[i].append(micros)
    return samples, per_query


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: tantivy_anchor.py PASSAGES.jsonl QUERIES.json INDEX_DIR RUNS")
    try:
        import tantivy
    except ImportError:
        print("tantivy_anchor: the Python package tantivy is missing: pip install tantivy", file=sys.stderr)
        sys.exit(3)
    passages_path, queries_path, index_dir, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    with open(queries_path, encoding="utf-8") as f:
        specs = json.load(f)

    schema, index, documents, index_seconds = build(tantivy, passages_path, index_dir)
    searcher = index.searcher()
    queries = [compile_query(tantivy, schema, index, spec) for spec in specs]
    zero_hits = [spec["text"] for spec, query in zip(specs, queries) if searcher.search(query, 10).count == 0]
    samples, per_query = measure(searcher, queries, runs, count=True)
    no_count, _ = measure(searcher, queries, runs, count=False)
    medians = sorted(({"query": spec["text"], "median_us": round(percentile(s, 50), 1)}
                      for spec, s in zip(specs, per_query)), key=lambda t: -t["median_us"])

    def peak_rss_kb():
        # VmHWM is this process's own peak. ru_maxrss is not: a process started by posix_spawn
        # (vfork) inherits the parent's peak through exec, and the benchmark holds every passage.
        try:
            for line in open("/proc/self/status"):
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    json.dump({
        "version": tantivy.__version__,
        "documents": documents,
        "segments": searcher.num_segments,
        "index_seconds": round(index_seconds, 3),
        "index_bytes": folder_bytes(index_dir),
        "peak_rss_kb": peak_rss_kb(),
        "query_p50_us": round(percentile(samples, 50), 1),
        "query_p99_us": round(percentile(samples, 99), 1),
        "query_max_us": round(max(samples, default=0), 1),
        "query_p50_us_no_count": round(percentile(no_count, 50), 1),
        "query_medians": medians,
        "zero_hit_queries": zero_hits,
    }, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
