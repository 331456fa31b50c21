#!/usr/bin/env python3
"""Trove's table and array decoders against pandas and numpy, side by side in one run.

Each measurement runs in its own process so that its peak RSS is its own: Trove through
build/ci/tests/bench/trove_bench_preview, the references through `python3 -c`. Times are
measured inside each process around the work (interpreter and library start-up excluded on
both sides). Inputs are generated in /tmp (see --data) and never committed.

usage: bench_preview.py [--data DIR] [--bench BIN]
"""
import argparse, json, os, subprocess, sys

PANDAS_FIRST = """
import time, resource, pandas as pd, sys
t = time.perf_counter(); c = time.process_time(); df = pd.read_csv(sys.argv[1], nrows=200); dt = time.perf_counter() - t; dc = time.process_time() - c
print('{"seconds": %.4f, "cpu": %.4f, "rows": %d, "peak_rss_kb": %d}' % (dt, dc, len(df), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
"""
PANDAS_FULL = """
import time, resource, pandas as pd, sys
t = time.perf_counter(); c = time.process_time(); df = pd.read_csv(sys.argv[1]); df.describe(include='all'); dt = time.perf_counter() - t; dc = time.process_time() - c
print('{"seconds": %.4f, "cpu": %.4f, "rows": %d, "peak_rss_kb": %d}' % (dt, dc, len(df), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
"""
NUMPY_SLICE = """
import time, resource, numpy as np, sys
r0, r1, c0, c1 = map(int, sys.argv[2:6])
t = time.perf_counter(); c = time.process_time(); a = np.load(sys.argv[1], mmap_mode='r'); s = a[r0:r1, c0:c1].astype(np.float64)
total = float(s.sum()); dt = time.perf_counter() - t; dc = time.process_time() - c
print('{"seconds": %.4f, "cpu": %.4f, "count": %d, "sum": %.6g, "peak_rss_kb": %d}' % (dt, dc, s.size, total, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
"""


def run(cmd):
    env = dict(os.environ)
    env.pop('OPENBLAS_CORETYPE', None)
    env.pop('OPENBLAS_L2_SIZE', None)
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default='/tmp/trove-bench')
    ap.add_argument('--bench', default='build/ci/tests/bench/trove_bench_preview')
    ap.add_argument('--python', default='/usr/bin/python3')
    ap.add_argument('--only', default='', help='run only the cases whose title contains this')
    ap.add_argument('--warm', action='store_true',
                    help='run both sides once untimed first, so neither reads a colder page cache')
    args = ap.parse_args()
    csv = os.path.join(args.data, 'big.csv')
    gz = csv + '.gz'
    npy = os.path.join(args.data, 'big.npy')
    for f in (csv, gz, npy):
        if not os.path.exists(f):
            sys.exit('missing %s: generate it with tests/bench/gen_preview_data.py' % f)
    py = args.python
    cases = []
    for label, path in (('csv', csv), ('csv.gz', gz)):
        size = os.path.getsize(path) / 2**20
        cases.append(('%s %.0f MiB first screen' % (label, size),
                      [args.bench, 'table-first', path], [py, '-c', PANDAS_FIRST, path], 'pandas nrows=200'))
        cases.append(('%s %.0f MiB full scan' % (label, size),
                      [args.bench, 'table-scan', path], [py, '-c', PANDAS_FULL, path], 'pandas read_csv+describe'))
    size = os.path.getsize(npy) / 2**20
    for name, box in (('viewport 50x100', (20000, 20050, 8000, 8100)), ('column 32768x1', (0, 32768, 5, 6))):
        cases.append(('npy %.0f MiB %s' % (size, name), [args.bench, 'npy-slice', npy] + [str(v) for v in box],
                      [py, '-c', NUMPY_SLICE, npy] + [str(v) for v in box], 'numpy mmap'))
    print('Times in seconds inside each process (wall, and CPU = user+sys); ratios are reference/Trove')
    print('(> 1: Trove is faster / smaller). Peak RSS in MiB per process (VmHWM, ru_maxrss).')
    print('%-34s %9s %9s %9s %9s %7s %7s %10s %10s %7s  %s' % ('case', 'trove', 'ref', 'trove cpu', 'ref cpu', 'wall x', 'cpu x', 'trove MiB', 'ref MiB', 'mem x', 'reference'))
    for title, trove_cmd, ref_cmd, ref_name in cases:
        if args.only not in title:
            continue
        if args.warm:
            run(trove_cmd)
            run(ref_cmd)
        t = run(trove_cmd)
        r = run(ref_cmd)
        for key in ('rows', 'count'):
            if key in t and key in r and t[key] != r[key]:
                print('  MISMATCH %s: trove %s, reference %s' % (key, t[key], r[key]))
        if 'sum' in t and abs(t['sum'] - r['sum']) > 1e-3 * max(1.0, abs(r['sum'])):
            print('  MISMATCH sum: trove %s, reference %s' % (t['sum'], r['sum']))
        print('%-34s %9.4f %9.4f %9.4f %9.4f %7.2f %7.2f %10.1f %10.1f %7.2f  %s' % (
            title, t['seconds'], r['seconds'], t['cpu'], r['cpu'], r['seconds'] / max(t['seconds'], 1e-9),
            r['cpu'] / max(t['cpu'], 1e-9), t['peak_rss_kb'] / 1024, r['peak_rss_kb'] / 1024,
            r['peak_rss_kb'] / max(t['peak_rss_kb'], 1), ref_name))


if __name__ == '__main__':
    main()
