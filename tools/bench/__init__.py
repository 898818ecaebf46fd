"""The benchmarks behind BENCHMARKS.md: build and checker timings as ratios measured in one run,
synthetic books, output sizes and Lighthouse scores. Never imported by the edition itself."""
