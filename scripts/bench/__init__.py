"""The benchmarks, one module per concern; the scripts `bench_*.py` are their command lines.

Shared: `corpus` (synthetic notes from scripts/synth.py, marked `synthetisch: true`), `builds`
(MkDocs builds in a subprocess: wall and CPU time, peak memory, site size), `server` (a built
site served on loopback with gzip, as GitHub Pages does, with a request log), `browser`
(measuring page views and searches in headless Chromium) and `report` (units, ratios, tables).
Per benchmark: `search`, `queries` and `search_report` (bench_search.py); `build` and
`build_report` (bench_build.py); `relevance` (bench_relevance.py); `similar` (bench_similar.py).

The scripts put `scripts/` on `sys.path` and import `bench.<module>`.
"""
