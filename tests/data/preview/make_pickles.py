#!/usr/bin/env python3
"""Regenerates the checked-in pickle fixtures of tests/data/preview/pickle.

Nothing here is ever unpickled: the hostile files only *name* os.system, subprocess.Popen and
builtins.eval through __reduce__, which pickle.dumps records without calling.
Run with a Python that has numpy and pandas (Debian's /usr/bin/python3) for the last two.
"""
import collections
import datetime
import os
import pickle
import subprocess
import sys
import types

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pickle")
os.makedirs(out, exist_ok=True)


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


sample = {
    "name": "trove",
    "count": 42,
    "big": 2**70,
    "neg": -5,
    "ratio": 0.25,
    "flags": [True, False, None],
    "tuple": (1, 2, 3),
    "bytes": b"\x00\x01\x02",
    "nested": {"a": [1, {"b": "c"}]},
    "when": datetime.date(2024, 1, 2),
    "ordered": collections.OrderedDict([("x", 1), ("y", 2)]),
    "set": {7},
}
for proto in range(0, 6):
    obj = dict(sample)
    if proto == 5:
        obj["ba"] = bytearray(b"xyz")  # BYTEARRAY8
    write(f"proto{proto}.pkl", pickle.dumps(obj, protocol=proto))


class Evil:
    def __init__(self, fn, args):
        self.fn, self.args = fn, args

    def __reduce__(self):
        return (self.fn, self.args)


write("os_system.pkl", pickle.dumps(Evil(os.system, ("echo pwned",)), protocol=2))
write("subprocess.pkl", pickle.dumps({"x": Evil(subprocess.Popen, (["id"],))}, protocol=4))
write("eval.pkl", pickle.dumps([Evil(eval, ("1+1",))], protocol=0))

# A torch-like state dict, written without torch: fake torch modules supply the names.
torch = types.ModuleType("torch")
torch_utils = types.ModuleType("torch._utils")


def _rebuild_tensor_v2(*a):
    pass


_rebuild_tensor_v2.__module__ = "torch._utils"
torch_utils._rebuild_tensor_v2 = _rebuild_tensor_v2


class FloatStorage:
    pass


FloatStorage.__module__ = "torch"
torch.FloatStorage = FloatStorage
sys.modules["torch"] = torch
sys.modules["torch._utils"] = torch_utils


class FakeTensor:
    def __init__(self, key, shape):
        self.key, self.shape = key, shape

    def __reduce_ex__(self, proto):
        numel = 1
        for d in self.shape:
            numel *= d
        stride = []
        acc = 1
        for d in reversed(self.shape):
            stride.insert(0, acc)
            acc *= d
        return (_rebuild_tensor_v2,
                (("storage", FloatStorage, self.key, "cpu", numel), 0, tuple(self.shape),
                 tuple(stride), False, collections.OrderedDict()))


class TorchPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, tuple) and obj and obj[0] == "storage":
            return obj
        return None


import io

state = collections.OrderedDict()
state["fc1.weight"] = FakeTensor("0", (16, 8))
state["fc1.bias"] = FakeTensor("1", (16,))
state["fc2.weight"] = FakeTensor("2", (4, 16))
buf = io.BytesIO()
TorchPickler(buf, protocol=2).dump(state)
write("torch_state_dict.pkl", buf.getvalue())
del sys.modules["torch"], sys.modules["torch._utils"]

try:
    import numpy as np
    import pandas as pd

    write("numpy_array.pkl", pickle.dumps(np.arange(12, dtype="<f4").reshape(3, 4), protocol=2))
    write("dataframe.pkl", pickle.dumps(pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]}),
                                        protocol=4))
except ImportError:
    print("numpy/pandas missing: numpy_array.pkl and dataframe.pkl not regenerated")

full = pickle.dumps(sample, protocol=4)
write("truncated.pkl", full[: len(full) // 2])
