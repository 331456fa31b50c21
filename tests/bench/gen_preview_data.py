#!/usr/bin/env python3
"""Writes the inputs of bench_preview.py into DIR (default /tmp/trove-bench): big.csv (~1 GiB),
big.npy (2 GiB float32, 32768x16384); then run `gzip -k DIR/big.csv` for big.csv.gz."""
import numpy as np, pandas as pd, os, sys
out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/trove-bench"
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(1)
path = os.path.join(out, 'big.csv')
if not os.path.exists(path):
    first = True
    n = 1_000_000
    written = 0
    i = 0
    with open(path + '.tmp', 'w') as f:
        while written < 1.05e9:
            df = pd.DataFrame({
                'id': np.arange(i, i + n),
                'x': rng.standard_normal(n).round(6),
                'y': rng.integers(0, 1000000, n),
                'name': np.char.add('item ', rng.integers(0, 50000, n).astype(str)),
                'flag': rng.integers(0, 2, n).astype(bool),
                'day': (np.datetime64('2020-01-01') + rng.integers(0, 1500, n).astype('timedelta64[D]')).astype(str),
            })
            df.to_csv(f, header=first, index=False)
            first = False
            i += n
            written = f.tell()
    os.rename(path + '.tmp', path)
npy = os.path.join(out, 'big.npy')
if not os.path.exists(npy):
    a = np.lib.format.open_memmap(npy + '.tmp', mode='w+', dtype='<f4', shape=(32768, 16384))
    for r in range(0, 32768, 2048):
        a[r:r + 2048] = rng.standard_normal((2048, 16384), dtype=np.float32)
    a.flush(); del a
    os.rename(npy + '.tmp', npy)
