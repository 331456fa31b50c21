#!/usr/bin/env python3
"""SDK acceptance workflow: the official ClearML SDK, unchanged, against a ClearML-compatible
server (trove-server). Not part of CTest: see README.md in this folder.

Phase 1 (this process): Task.init, upload_artifact of a file, a folder, np.eye, a DataFrame,
a PIL image, a dict and an arbitrary object; OutputModel.update_weights with output_uri set;
task.close(). Phase 2 (a NEW process, `--verify`): Task.get_task(id), get_local_copy()/get()
of every artifact and of the output model, compared with the originals; a second
get_local_copy() must come from the cache.

Exit code 0 only if every step passed; each step prints PASS/FAIL with the error.
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback

RESULTS = []
FILE_REQUESTS = []  # (method, url) of every HTTP request to CLEARML_FILES_HOST (phase 2)


def watch_file_requests():
    """Records the file-server requests the SDK makes, by wrapping requests' transport (the SDK
    itself is not changed). Lets phase 2 prove that a cache hit makes no file GET."""
    import requests

    files_host = os.environ.get("CLEARML_FILES_HOST", "").rstrip("/")
    send = requests.Session.send

    def counting_send(self, request, **kwargs):
        if files_host and request.url.startswith(files_host):
            FILE_REQUESTS.append((request.method, request.url))
        return send(self, request, **kwargs)
    requests.Session.send = counting_send


def file_gets_during(fn):
    """Runs fn() and returns (its value, the number of file-server requests it made)."""
    before = len(FILE_REQUESTS)
    value = fn()
    return value, len(FILE_REQUESTS) - before


def step(name, fn):
    t0 = time.time()
    try:
        value = fn()
        RESULTS.append((name, True, ""))
        print("PASS  %-40s %.2fs" % (name, time.time() - t0), flush=True)
        return value
    except Exception as e:  # report and keep going
        RESULTS.append((name, False, repr(e)))
        print("FAIL  %-40s %s" % (name, repr(e)), flush=True)
        traceback.print_exc()
        return None


class Sample(object):
    """An arbitrary object: uploaded as a pickle artifact."""

    def __init__(self, a, b):
        self.a = a
        self.b = b

    def __eq__(self, other):
        return isinstance(other, Sample) and (self.a, self.b) == (other.a, other.b)

    def __repr__(self):
        return "Sample(a=%r, b=%r)" % (self.a, self.b)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def originals(work):
    """The objects of phase 1, rebuilt identically in phase 2."""
    import numpy as np
    import pandas as pd
    from PIL import Image

    df = pd.DataFrame({"num": [1, 2, 3, 4], "val": [0.5, 1.25, -3.0, 7.75],
                       "txt": ["a", "b c", "d,e", "f\"g"]})
    arr = (np.arange(8 * 8 * 3, dtype=np.uint8) * 3).reshape(8, 8, 3)
    image = Image.fromarray(arr, mode="RGB")
    return {
        "csv": os.path.join(work, "preprocess_data.csv"),
        "folder": os.path.join(work, "folder"),
        "eye": np.eye(100, 100),
        "df": df,
        "image": image,
        "dict": {"lr": 0.001, "layers": [64, 32], "name": "trove", "nested": {"ok": True}},
        "object": Sample(a=1, b=[1.5, "x", (2, 3)]),
        "weights": os.path.join(work, "model_weights.bin"),
    }


def make_files(work):
    with open(os.path.join(work, "preprocess_data.csv"), "w") as f:
        f.write("a,b,c\n1,2.5,x\n2,3.5,y\n")
    os.makedirs(os.path.join(work, "folder", "sub"), exist_ok=True)
    with open(os.path.join(work, "folder", "one.txt"), "w") as f:
        f.write("one\n")
    with open(os.path.join(work, "folder", "sub", "two.txt"), "w") as f:
        f.write("two two\n")
    with open(os.path.join(work, "model_weights.bin"), "wb") as f:
        f.write(os.urandom(300000))


def phase1():
    from clearml import OutputModel, Task

    work = tempfile.mkdtemp(prefix="trove-sdk-work-")
    make_files(work)
    o = originals(work)
    csv_sha, weights_sha = sha256(o["csv"]), sha256(o["weights"])  # the SDK deletes the weights
    project = os.environ.get("TROVE_SDK_PROJECT", "Trove SDK/acceptance")
    task = step("Task.init", lambda: Task.init(project_name=project, task_name="sdk workflow",
                                               output_uri=True, auto_connect_frameworks=False))
    if task is None:
        return 1
    step("upload_artifact file", lambda: task.upload_artifact("data", artifact_object=o["csv"]))
    step("upload_artifact folder", lambda: task.upload_artifact("folder", artifact_object=o["folder"]))
    step("upload_artifact numpy", lambda: task.upload_artifact("features", artifact_object=o["eye"]))
    step("upload_artifact pandas", lambda: task.upload_artifact("dataframe", artifact_object=o["df"]))
    step("upload_artifact image", lambda: task.upload_artifact("image", artifact_object=o["image"]))
    step("upload_artifact dict", lambda: task.upload_artifact("dict", artifact_object=o["dict"]))
    step("upload_artifact object", lambda: task.upload_artifact("object", artifact_object=o["object"]))

    def weights():
        model = OutputModel(task=task, name="great model", framework="PyTorch")
        model.update_weights(weights_filename=o["weights"])
        return model.id
    model_id = step("OutputModel.update_weights", weights)
    step("task.close", task.close)
    task_id = task.id
    print("task id:", task_id, "model id:", model_id, flush=True)

    # Phase 2 in a fresh process, as a user would.
    rc = subprocess.call([sys.executable, os.path.abspath(__file__), "--verify", task_id, work,
                          csv_sha, weights_sha])
    RESULTS.append(("phase 2 (new process)", rc == 0, "exit code %d" % rc))
    return summary()


def phase2(task_id, work, csv_sha, weights_sha):
    import numpy as np
    from clearml import Task

    watch_file_requests()
    o = originals(work)
    cache = os.environ.get("CLEARML_CACHE_DIR", "")
    task = step("Task.get_task", lambda: Task.get_task(task_id=task_id))
    if task is None:
        return summary()
    step("task status completed", lambda: _check(task.get_status() == "completed", task.get_status()))
    arts = step("task.artifacts", lambda: task.artifacts)
    if not arts:
        return summary()
    step("artifact keys", lambda: _check(
        {"data", "folder", "features", "dataframe", "image", "dict", "object"} <= set(arts.keys()),
        sorted(arts.keys())))

    def file_copy():
        p, gets = file_gets_during(arts["data"].get_local_copy)
        _check(sha256(p) == csv_sha, p)
        _check(not cache or os.path.realpath(p).startswith(os.path.realpath(cache)), p)
        _check(gets > 0, "no file request for the first copy")
        return p
    first = step("file get_local_copy", file_copy)

    def cached_again():
        ino = os.stat(first).st_ino
        p, gets = file_gets_during(arts["data"].get_local_copy)
        _check(p == first and os.stat(p).st_ino == ino, (first, p))
        _check(gets == 0, "%d file requests on a cache hit" % gets)
    if first:
        step("file second copy from cache (0 file GETs)", cached_again)

    def every_copy_matches_hash():
        # The bytes served are the bytes the SDK uploaded: sha256 equals the recorded hash.
        for key, a in sorted(arts.items()):
            if a.type == "archive":
                continue  # get_local_copy() extracts it; the zip is checked below
            p = a.get_local_copy()
            _check(p and sha256(p) == a.hash, (key, p))
        return len(arts)
    step("every artifact's bytes == recorded sha256", every_copy_matches_hash)

    def folder_zip():
        from clearml import StorageManager
        p = StorageManager.get_local_copy(arts["folder"].url, extract_archive=False)
        _check(p and sha256(p) == arts["folder"].hash, p)
    step("folder zip bytes == recorded sha256", folder_zip)

    def folder():
        p = arts["folder"].get_local_copy()
        _check(os.path.isdir(p), p)
        for rel in ("one.txt", os.path.join("sub", "two.txt")):
            with open(os.path.join(p, rel), "rb") as a, open(os.path.join(o["folder"], rel), "rb") as b:
                _check(a.read() == b.read(), rel)
    step("folder get_local_copy (extracted)", folder)
    step("numpy get", lambda: _check(np.array_equal(arts["features"].get(), o["eye"]), "eye differs"))

    def pandas():
        import pandas as pd
        pd.testing.assert_frame_equal(arts["dataframe"].get(), o["df"])
    step("pandas get", pandas)
    step("image get", lambda: _check(
        np.array_equal(np.asarray(arts["image"].get().convert("RGB")), np.asarray(o["image"])), "pixels"))
    step("dict get", lambda: _check(arts["dict"].get() == o["dict"], arts["dict"].get()))
    step("object get", lambda: _check(arts["object"].get() == o["object"], arts["object"].get()))

    def model_copy():
        m = task.models["output"][-1]
        p, gets = file_gets_during(m.get_local_copy)
        _check(p and sha256(p) == weights_sha, p)
        _check(gets > 0, "no file request for the first model copy")
        p2, gets = file_gets_during(task.models["output"][-1].get_local_copy)
        _check(p2 == p, (p, p2))
        _check(gets == 0, "%d file requests on a model cache hit" % gets)
    step("output model get_local_copy (+cache, 0 GETs)", model_copy)
    print("file-server requests in phase 2: %d (%s)" % (
        len(FILE_REQUESTS), ", ".join(sorted({m for m, _ in FILE_REQUESTS}))), flush=True)
    return summary()


def _check(cond, detail):
    if not cond:
        raise AssertionError(str(detail))


def summary():
    failed = [r for r in RESULTS if not r[1]]
    print("\n%d steps, %d failed" % (len(RESULTS), len(failed)))
    for name, _, err in failed:
        print("  FAILED %s: %s" % (name, err))
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--verify":
        sys.exit(phase2(*sys.argv[2:6]))
    sys.exit(phase1())
