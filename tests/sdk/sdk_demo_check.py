#!/usr/bin/env python3
"""Reads the demo workspace of `trove-server --demo` with the official ClearML SDK: every demo
artifact through Artifact.get() / get_local_copy() and every model through get_local_copy().
This checks that our C++ writers (server/demo/writers) serialize exactly as the SDK expects.
Run through run_sdk_acceptance.sh --demo (see README.md). Exit code 0 only if all passed.
"""
import hashlib
import json
import os
import struct
import sys
import traceback
import zipfile

from clearml import Task

TASKS = [
    ("Trove Demo/Tabular", "prepare customer table"),
    ("Trove Demo/Vision", "train classifier"),
    ("Trove Demo/Vision/Experiments", "fine-tune classifier lr=1e-4"),
    ("Trove Demo/Vision", "evaluate fine-tuned"),
    ("Trove Demo/Vision/Experiments", "fine-tune classifier lr=1e-2"),
    ("Trove Demo", "artifact gallery"),
]
failures = []


def check(label, fn):
    try:
        detail = fn()
        print("PASS  %-60s %s" % (label, detail or ""), flush=True)
    except Exception as e:
        failures.append((label, repr(e)))
        print("FAIL  %-60s %r" % (label, e), flush=True)
        traceback.print_exc()


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def artifact(a):
    import numpy as np
    import pandas as pd
    from PIL import Image

    if a.type == "archive":
        p = a.get_local_copy()
        assert os.path.isdir(p), p
        return "extracted %d entries" % sum(len(f) for _, _, f in os.walk(p))
    if a.type == "custom":
        if not a.url.startswith(os.environ["CLEARML_FILES_HOST"]):
            return "external url, skipped"
        p = a.get_local_copy()
        assert sha256(p) == a.hash, "sha256 differs"
        return "%d bytes, sha256 ok" % os.path.getsize(p)
    v = a.get()
    expected = {"numpy": np.ndarray, "pandas": pd.DataFrame, "image": Image.Image, "dict": dict,
                "string": str}
    if a.type in expected:
        assert isinstance(v, expected[a.type]), type(v)
    if a.type == "pandas":
        assert list(v.columns) == ["id", "date", "city", "score", "count", "valid", "label", "note"]
        return "DataFrame %s" % (v.shape,)
    if a.type == "numpy":
        return "ndarray %s %s" % (v.shape, v.dtype)
    if a.type == "pickle":
        assert isinstance(v, dict), type(v)
        return "unpickled keys %s" % sorted(v)
    return type(v).__name__


def model(m):
    p = m.get_local_copy()
    assert p and os.path.isfile(p), p
    if p.endswith(".safetensors"):
        with open(p, "rb") as f:
            n = struct.unpack("<Q", f.read(8))[0]
            header = json.loads(f.read(n))
        end = max(v["data_offsets"][1] for k, v in header.items() if k != "__metadata__")
        assert os.path.getsize(p) == 8 + n + end
        return "safetensors %d tensors" % (len(header) - 1)
    if p.endswith(".pt"):
        names = zipfile.ZipFile(p).namelist()
        assert "archive/data.pkl" in names, names
        try:
            import torch
            sd = torch.load(p, weights_only=True)
            return "torch.load: %s" % list(sd)
        except ImportError:
            return "torch zip %d members (torch not installed)" % len(names)
    return "%d bytes" % os.path.getsize(p)


def main():
    for project, name in TASKS:
        task = Task.get_task(project_name=project, task_name=name)
        if task is None:
            failures.append((name, "task not found"))
            print("FAIL  task %s/%s not found" % (project, name))
            continue
        for key, a in sorted(task.artifacts.items()):
            check("%s: artifact %r (%s)" % (name, key, a.type), lambda a=a: artifact(a))
        for kind in ("input", "output"):
            for m in task.models[kind]:
                check("%s: %s model %r" % (name, kind, m.name), lambda m=m: model(m))
    print("\n%d failed" % len(failures))
    for label, err in failures:
        print("  FAILED %s: %s" % (label, err))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
