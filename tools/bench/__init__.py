"""The benchmarks behind BENCHMARKS.md (`./edition bench`): measured in one run, compared as ratios.
Never imported by the edition itself."""
