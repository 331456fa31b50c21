#!/usr/bin/env python3
"""Zip listing benchmark: Trove's ZipReader vs Python's zipfile, side by side.

Builds a zip with 10,000 members (once, cached in the temp dir), then lists it with
build/ci/tests/bench/bench_zip_listing and with zipfile.ZipFile(...).infolist() in a fresh
Python process each, reporting median listing time over N runs, peak RSS, and the ratios.
"""
import json
import os
import subprocess
import sys
import tempfile

MEMBERS = 10_000
REPEATS = 20
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
bench = os.environ.get("BENCH_BIN", os.path.join(root, "build/ci/tests/bench/bench_zip_listing"))
path = os.path.join(tempfile.gettempdir(), f"trove_bench_{MEMBERS}.zip")

if not os.path.exists(path):
    import zipfile
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(MEMBERS):
            z.writestr(f"data/shard_{i // 100:03d}/member_{i:05d}.txt", f"payload {i}\n" * 20)

PY_CHILD = r"""
import json, resource, sys, time, zipfile
ms = []
for _ in range(int(sys.argv[2])):
    t = time.perf_counter()
    with zipfile.ZipFile(sys.argv[1]) as z:
        n = len(z.infolist())
    ms.append((time.perf_counter() - t) * 1000)
ms.sort()
print(json.dumps({"entries": n, "median_ms": ms[len(ms) // 2],
                  "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

trove = json.loads(subprocess.run([bench, path, str(REPEATS)], check=True,
                                  capture_output=True, text=True).stdout)
python = json.loads(subprocess.run([sys.executable, "-c", PY_CHILD, path, str(REPEATS)],
                                   check=True, capture_output=True, text=True).stdout)
# Baseline RSS of each runtime doing nothing, to show what the listing itself costs.
base_py = json.loads(subprocess.run(
    [sys.executable, "-c", "import json,resource,zipfile;print(json.dumps({'kb':"
     "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))"],
    check=True, capture_output=True, text=True).stdout)["kb"]

size = os.path.getsize(path)
print(f"zip: {path} ({size / 1e6:.1f} MB, {MEMBERS} members), median of {REPEATS} listings")
print(f"{'':22}{'Trove ZipReader':>18}{'Python zipfile':>18}{'ratio':>10}")
print(f"{'entries':22}{trove['entries']:>18}{python['entries']:>18}")
print(f"{'median listing (ms)':22}{trove['median_ms']:>18.2f}{python['median_ms']:>18.2f}"
      f"{python['median_ms'] / trove['median_ms']:>9.1f}x")
print(f"{'peak RSS (MB)':22}{trove['peak_rss_kb'] / 1024:>18.1f}{python['peak_rss_kb'] / 1024:>18.1f}"
      f"{python['peak_rss_kb'] / trove['peak_rss_kb']:>9.2f}x")
print(f"{'python idle RSS (MB)':22}{'':>18}{base_py / 1024:>18.1f}")
