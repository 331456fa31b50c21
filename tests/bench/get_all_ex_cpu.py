#!/usr/bin/env python3
"""Server CPU per tasks.get_all_ex request, for one or more trove-server binaries on the same
data (not run by CTest). Load-independent where wrk's requests/s is not: on a shared machine it
reads the server's utime+stime from /proc around a sequential loop of requests.

1. fills a data folder with N tasks in one project through tasks.create (the first binary);
2. for each binary in turn: starts it on that folder, sends one warm-up and then K
   get_all_ex requests (100-row page, order_by -last_update, as bench_server.py), prints CPU ms
   and wall ms per request and the server's VmHWM: once repeating the same query (a list
   polled, or paged through: served from the server's list cache since `ListCache`), and once
   with a task edited before every request (each one computed from scratch; the edit's own
   CPU is measured apart and subtracted).

usage: tests/bench/get_all_ex_cpu.py [--tasks 100000] [--requests 10] BINARY [BINARY ...]
(e.g. a copy of an older build/ci/server/trove-server, then the current one)
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_server as b  # noqa: E402


def server_cpu_ms(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")


def measure(binary, data, requests):
    proc, api_url, _, key, secret = b.start_server(binary, data)
    try:
        api = b.Api(api_url, b.login(api_url, key, secret))
        project = api.call("projects.get_all", {"name": "^bench project$"})["projects"][0]["id"]
        body = json.dumps(dict(b.GET_ALL_EX_BODY, project=[project]))
        headers = {"Content-Type": "application/json"}
        api.request("POST", "/v2.23/tasks.get_all_ex", body, headers)
        victim = json.loads(api.request("POST", "/v2.23/tasks.get_all",
                                        json.dumps({"project": [project], "page": 0,
                                                    "page_size": 1, "only_fields": ["id"]}),
                                        headers)[1])["data"]["tasks"][0]["id"]
        counter = [0]

        def edit():
            counter[0] += 1
            status, answer = api.request("POST", "/v2.23/tasks.edit",
                                         json.dumps({"task": victim, "force": True,
                                                     "comment": "edit %d" % counter[0]}),
                                         headers)
            if status != 200:
                sys.exit("tasks.edit: HTTP %d %s" % (status, answer[:200]))

        def loop(write_between):
            if not write_between:  # the first request after the edits computes the list
                api.request("POST", "/v2.23/tasks.get_all_ex", body, headers)
            c0, t0 = server_cpu_ms(proc.pid), time.time()
            for _ in range(requests):
                if write_between:
                    edit()
                status, answer = api.request("POST", "/v2.23/tasks.get_all_ex", body, headers)
                if status != 200:
                    sys.exit("get_all_ex: HTTP %d %s" % (status, answer[:200]))
            c1, t1 = server_cpu_ms(proc.pid), time.time()
            return (c1 - c0) / requests, (t1 - t0) * 1000 / requests, answer

        c0 = server_cpu_ms(proc.pid)
        for _ in range(requests):
            edit()
        edit_ms = (server_cpu_ms(proc.pid) - c0) / requests
        for label, write_between in (("same query", False), ("after a write", True)):
            cpu, wall, answer = loop(write_between)
            if write_between:
                cpu -= edit_ms
            rows = len(json.loads(answer)["data"]["tasks"])
            print("%s: %s: %.1f ms server CPU / request, %.1f ms wall, %d rows, VmHWM %.0f MB"
                  % (binary, label, cpu, wall, rows, b.vm_hwm_mb(proc.pid)), flush=True)
    finally:
        proc.terminate()
        proc.wait(30)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--tasks", type=int, default=100000)
    p.add_argument("--requests", type=int, default=10)
    p.add_argument("binaries", nargs="+")
    a = p.parse_args()
    scratch = tempfile.mkdtemp(prefix="trove-bench-cpu-")
    data = os.path.join(scratch, "data")
    os.makedirs(data)
    try:
        proc, api_url, _, key, secret = b.start_server(a.binaries[0], data)
        try:
            token = b.login(api_url, key, secret)
            project = b.Api(api_url, token).call(
                "projects.create", {"name": "bench project", "description": ""})["id"]
            secs = b.create_tasks(api_url, token, project, a.tasks)
            print("created %d tasks in %.0f s" % (a.tasks, secs), flush=True)
        finally:
            proc.terminate()
            proc.wait(30)
        for binary in a.binaries:
            measure(binary, data, a.requests)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
