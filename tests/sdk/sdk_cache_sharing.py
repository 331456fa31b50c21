#!/usr/bin/env python3
"""The cache Trove shares with the ClearML SDK, checked both ways with the official SDK and
trove-cli. Run through run_sdk_acceptance.sh --cache (see README.md); needs TROVE_CLI (path of
trove-cli) and the CLEARML_* variables the runner sets. Each SDK step runs in a fresh process,
with the SDK's HTTP transport watched (requests.Session.send) to count file-server requests.

1. trove-cli get → the SDK's artifact.get_local_copy() and StorageManager.get_local_copy() return
   the same file with no file GET.
2. SDK get_local_copy() → trove-cli get reports "cached" and the same path.
3. the same for a folder artifact: trove-cli get extracts it where the SDK looks.
4. trove-cli put of a file and of a folder, put-model of weights → the SDK reads them back
   (bytes, extracted folder, model get_local_copy).
5. a project and task with names the SDK quotes (a quote, %, #, non-ASCII): trove-cli reads the
   SDK's upload, and its own upload lands in the SDK's folder and reads back.
Exit code 0 only if every step passed.
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import traceback

FAILED = []


def step(name, fn):
    try:
        detail = fn()
        print("PASS  %-62s %s" % (name, detail or ""), flush=True)
    except Exception as e:
        FAILED.append((name, repr(e)))
        print("FAIL  %-62s %r" % (name, e), flush=True)
        traceback.print_exc()


def check(cond, detail):
    if not cond:
        raise AssertionError(str(detail))


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def cli(*args):
    """Runs trove-cli; returns (last stdout line, stderr)."""
    r = subprocess.run([os.environ["TROVE_CLI"]] + list(args), capture_output=True, text=True,
                       timeout=300)
    if r.returncode != 0:
        raise RuntimeError("trove-cli %s: exit %d: %s" % (" ".join(args), r.returncode, r.stderr))
    lines = [l for l in r.stdout.splitlines() if l.strip()]
    return (lines[-1] if lines else ""), r.stderr


SDK_CHILD = r'''
import json, os, sys
import requests
files_host = os.environ["CLEARML_FILES_HOST"].rstrip("/")
seen = []
send = requests.Session.send
def counting(self, request, **kw):
    if request.url.startswith(files_host):
        seen.append(request.method)
    return send(self, request, **kw)
requests.Session.send = counting
from clearml import StorageManager, Task
op, task_id, key = sys.argv[1:4]
task = Task.get_task(task_id=task_id)
out = {}
if op == "artifact":
    a = task.artifacts[key]
    out["path"] = a.get_local_copy()
    out["uri"] = a.url
    out["hash"] = a.hash
elif op == "storage":
    out["path"] = StorageManager.get_local_copy(task.artifacts[key].url, extract_archive=False)
elif op == "model":
    m = [m for m in task.models["output"] if m.name in key.split(",")][-1]
    out["path"] = m.get_local_copy()
out["file_requests"] = seen
print("RESULT " + json.dumps(out))
'''


def sdk(op, task_id, key):
    r = subprocess.run([sys.executable, "-c", SDK_CHILD, op, task_id, key], capture_output=True,
                       text=True, timeout=300)
    lines = [l for l in r.stdout.splitlines() if l.startswith("RESULT ")]
    if r.returncode != 0 or not lines:
        raise RuntimeError("SDK %s %s: exit %d: %s" % (op, key, r.returncode, r.stderr[-2000:]))
    return json.loads(lines[-1][len("RESULT "):])


def make_task(work, project="Trove SDK/cache sharing", name="cache sharing"):
    """The SDK makes a task with two file artifacts and a folder artifact."""
    code = r'''
import sys
from clearml import Task
work, project, name = sys.argv[1:4]
task = Task.init(project_name=project, task_name=name,
                 output_uri=True, auto_connect_frameworks=False, auto_resource_monitoring=False)
task.upload_artifact("first", artifact_object=work + "/first.bin", wait_on_upload=True)
task.upload_artifact("second", artifact_object=work + "/second.bin", wait_on_upload=True)
task.upload_artifact("tree", artifact_object=work + "/tree", wait_on_upload=True)
print("TASK " + task.id, flush=True)
task.close()
'''
    for file_name in ("first.bin", "second.bin"):
        with open(os.path.join(work, file_name), "wb") as f:
            f.write(os.urandom(200000))
    os.makedirs(os.path.join(work, "tree", "inner"))
    for rel, text in (("a.txt", "alpha\n"), (os.path.join("inner", "b.txt"), "beta\n")):
        with open(os.path.join(work, "tree", rel), "w") as f:
            f.write(text)
    r = subprocess.run([sys.executable, "-c", code, work, project, name], capture_output=True,
                       text=True, timeout=600)
    ids = [l.split()[1] for l in r.stdout.splitlines() if l.startswith("TASK ")]
    if r.returncode != 0 or not ids:
        raise RuntimeError("SDK task creation failed: %s" % r.stderr[-2000:])
    return ids[0]


def main():
    work = tempfile.mkdtemp(prefix="trove-cache-work-")
    task_id = make_task(work)
    print("task", task_id, flush=True)

    # 1. trove-cli first, then the SDK: a cache hit for both of the SDK's entry points.
    state = {}

    def cli_first():
        path, err = cli("get", task_id, "first")
        check("cached" not in err, err)
        check(sha256(path) == sha256(os.path.join(work, "first.bin")), path)
        state["first"] = path
        return path
    step("trove-cli get (downloads)", cli_first)

    def sdk_hit():
        r = sdk("artifact", task_id, "first")
        check(r["path"] == state["first"], (r["path"], state["first"]))
        check(not r["file_requests"], "SDK made file requests: %s" % r["file_requests"])
        return "same path, 0 file requests"
    step("SDK artifact.get_local_copy() after trove-cli: cache hit", sdk_hit)

    def storage_hit():
        r = sdk("storage", task_id, "first")
        check(r["path"] == state["first"], (r["path"], state["first"]))
        check(not r["file_requests"], "SDK made file requests: %s" % r["file_requests"])
        return "same path, 0 file requests"
    step("SDK StorageManager.get_local_copy() after trove-cli: cache hit", storage_hit)

    # 2. The SDK first, then trove-cli.
    def sdk_first():
        r = sdk("artifact", task_id, "second")
        check(r["file_requests"], "the SDK did not download")
        state["second"] = r["path"]
        path, err = cli("get", task_id, "second")
        check("cached" in err, "trove-cli did not report a cache hit: %r" % err)
        check(path == r["path"], (path, r["path"]))
        return path
    step("trove-cli get after the SDK: \"cached\", same path", sdk_first)

    # 3. Folders: trove-cli extracts where the SDK looks, and the reverse.
    def folder_cli_first():
        path, err = cli("get", task_id, "tree")
        check(os.path.isdir(path), path)
        r = sdk("artifact", task_id, "tree")
        check(r["path"] == path, (r["path"], path))
        check(not r["file_requests"], "SDK made file requests: %s" % r["file_requests"])
        with open(os.path.join(path, "inner", "b.txt")) as f:
            check(f.read() == "beta\n", "content")
        return path
    step("folder: trove-cli get, then SDK get_local_copy (extracted, hit)", folder_cli_first)

    # 4. trove-cli put (file, folder) and put-model, read back by the SDK.
    put_file = os.path.join(work, "put.bin")
    with open(put_file, "wb") as f:
        f.write(os.urandom(123457))
    put_dir = os.path.join(work, "put folder")
    os.makedirs(os.path.join(put_dir, "deep"))
    with open(os.path.join(put_dir, "deep", "c.txt"), "w") as f:
        f.write("gamma\n")
    weights = os.path.join(work, "cli_weights.bin")
    with open(weights, "wb") as f:
        f.write(os.urandom(54321))

    def put_file_back():
        cli("put", task_id, put_file, "--name", "cli file")
        r = sdk("artifact", task_id, "cli file")
        check(r["path"] and sha256(r["path"]) == sha256(put_file), r)
        check(r["hash"] == sha256(put_file), "registered hash %s" % r["hash"])
        return r["uri"]
    step("trove-cli put FILE → SDK get_local_copy (bytes, hash)", put_file_back)

    def put_folder_back():
        cli("put", task_id, put_dir, "--name", "cli folder")
        r = sdk("artifact", task_id, "cli folder")
        check(os.path.isdir(r["path"]), r)
        with open(os.path.join(r["path"], "deep", "c.txt")) as f:
            check(f.read() == "gamma\n", "content")
        return r["uri"]
    step("trove-cli put FOLDER → SDK get_local_copy (extracted)", put_folder_back)

    def put_model_back():
        cli("put-model", task_id, weights, "--name", "cli model")
        r = sdk("model", task_id, "cli model,cli_weights")
        check(r["path"] and sha256(r["path"]) == sha256(weights), r)
        return r["path"]
    step("trove-cli put-model → SDK models['output'] get_local_copy", put_model_back)

    # 5. Names the SDK has to quote (a quote, a percent sign, "#", non-ASCII): trove-cli reads
    # what the SDK uploaded, and uploads under the same folder the SDK used.
    odd_work = tempfile.mkdtemp(prefix="trove-cache-odd-")
    odd = make_task(odd_work, 'Trove SDK/50% "odd" caf\u00e9', 'say "hi" #1 100% r\u00e9sum\u00e9')

    def odd_cli_reads_sdk():
        path, _ = cli("get", odd, "first")
        check(sha256(path) == sha256(os.path.join(odd_work, "first.bin")), path)
        return path
    step("quoted names: trove-cli get of an SDK upload", odd_cli_reads_sdk)

    def odd_sdk_reads_cli():
        cli("put", odd, put_file, "--name", "cli file")
        r = sdk("artifact", odd, "cli file")
        check(r["path"] and sha256(r["path"]) == sha256(put_file), r)
        theirs = sdk("artifact", odd, "second")["uri"]
        check(r["uri"].split("/artifacts/")[0] == theirs.split("/artifacts/")[0],
              (r["uri"], theirs))
        return r["uri"]
    step("quoted names: trove-cli put → SDK get_local_copy, same folder", odd_sdk_reads_cli)

    print("\n%d failed" % len(FAILED))
    for name, err in FAILED:
        print("  FAILED %s: %s" % (name, err))
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
