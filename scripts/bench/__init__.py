"""What the benchmark scripts share: the corpus they build, running builds, the printed report.

The scripts (`bench_build.py`, `bench_search.py`) put `scripts/` on `sys.path` and import
`bench.corpus`, `bench.builds` and `bench.report`.
"""
