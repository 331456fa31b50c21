#!/usr/bin/env python3
"""trove-server benchmark (not run by CTest). Standard library only (Debian python3).

1. starts trove-server on free loopback ports with a fresh data folder;
2. creates a project with N tasks (default 100,000) through tasks.create, from parallel
   client threads (one HTTP request per task: the API has no bulk create);
3. measures requests/s of tasks.get_all_ex (a 100-row page of that project, as a table view
   asks for it) with wrk if installed (Lua script for the POST body), else a Python loop, and
   the same with nginx answering the identical bytes from a static file (the reference);
4. uploads a 1 GB file through the file server and measures GET throughput with curl from
   trove-server versus curl from nginx (sendfile) and from `python3 -m http.server` serving
   the same bytes;
5. prints the ratios and trove-server's peak memory (VmHWM).

Usage: tests/bench/bench_server.py [--server build/ci/server/trove-server] [--tasks 100000]
                                   [--file-mb 1000] [--duration 10]
"""
import argparse
import base64
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def vm_hwm_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def vm_rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


class Api:
    def __init__(self, url, token=None):
        u = urllib.parse.urlparse(url)
        self.host, self.port = u.hostname, u.port
        self.token = token

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=600)
        h = dict(headers or {})
        if self.token and "Authorization" not in h:
            h["Authorization"] = "Bearer " + self.token
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        return r.status, data

    def call(self, endpoint, payload):
        status, data = self.request("POST", "/v2.23/" + endpoint, json.dumps(payload),
                                    {"Content-Type": "application/json"})
        if status != 200:
            raise RuntimeError("%s: HTTP %d %s" % (endpoint, status, data[:300]))
        return json.loads(data)["data"]


def start_server(binary, data_dir):
    out = open(os.path.join(data_dir, "..", "server.out"), "w+")
    err = open(os.path.join(data_dir, "..", "server.err"), "w")
    proc = subprocess.Popen([binary, "--data", data_dir, "--host", "127.0.0.1",
                             "--api-port", "0", "--files-port", "0"], stdout=out, stderr=err)
    deadline = time.time() + 60
    api = files = None
    while time.time() < deadline and not (api and files):
        time.sleep(0.1)
        out.seek(0)
        text = out.read()
        m = re.search(r"^api_server=(\S+)", text, re.M)
        n = re.search(r"^files_server=(\S+)", text, re.M)
        api, files = (m.group(1) if m else None), (n.group(1) if n else None)
        if proc.poll() is not None:
            break
    if not (api and files):
        proc.kill()
        sys.exit("trove-server did not start")
    creds = subprocess.run([binary, "--data", data_dir, "--print-credentials"],
                           capture_output=True, text=True, check=True).stdout
    keys = dict(line.split("=", 1) for line in creds.splitlines() if "=" in line)
    return proc, api, files, keys["CLEARML_API_ACCESS_KEY"], keys["CLEARML_API_SECRET_KEY"]


def login(api_url, key, secret):
    api = Api(api_url)
    basic = base64.b64encode(("%s:%s" % (key, secret)).encode()).decode()
    status, data = api.request("GET", "/auth.login", headers={"Authorization": "Basic " + basic})
    if status != 200:
        sys.exit("auth.login failed: %d %s" % (status, data[:200]))
    return json.loads(data)["data"]["token"]


def create_tasks(api_url, token, project, count, threads=8):
    done = [0]
    lock = threading.Lock()
    errors = []

    def worker(start, stop):
        api = Api(api_url, token)
        for i in range(start, stop):
            try:
                api.call("tasks.create", {"name": "task %06d" % i, "type": "training",
                                          "project": project, "tags": ["bench", "t%d" % (i % 10)],
                                          "system_tags": ["development"]})
            except Exception as e:  # keep the first few
                if len(errors) < 5:
                    errors.append(str(e))
            with lock:
                done[0] += 1

    per = (count + threads - 1) // threads
    ts = [threading.Thread(target=worker, args=(k * per, min(count, (k + 1) * per)))
          for k in range(threads)]
    t0 = time.time()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    if errors:
        print("  task creation errors (first ones):", errors)
    return time.time() - t0


WRK_LUA = """
wrk.method = "POST"
wrk.body   = [[%s]]
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %s"
"""


GET_ALL_EX_BODY = {"project": None, "page": 0, "page_size": 100, "order_by": ["-last_update"],
                   "system_tags": ["-archived"],
                   "only_fields": ["name", "type", "status", "tags", "last_update", "user.name"]}


def run_wrk(url, lua, duration):
    out = subprocess.run(["wrk", "-t", "2", "-c", "8", "-d", "%ds" % duration, "-s", lua, url],
                         capture_output=True, text=True).stdout
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    lat = re.search(r"Latency\s+(\S+)", out)
    return (float(m.group(1)) if m else float("nan"), int(non2xx.group(1)) if non2xx else 0,
            lat.group(1) if lat else "?")


def bench_get_all_ex(api_url, token, project, duration, scratch):
    """wrk on tasks.get_all_ex; returns (tool, req/s, rows, non-2xx, latency, the answer bytes)."""
    body = json.dumps(dict(GET_ALL_EX_BODY, project=[project]))
    api = Api(api_url, token)
    status, answer = api.request("POST", "/v2.23/tasks.get_all_ex", body,
                                 {"Content-Type": "application/json"})
    rows = len(json.loads(answer)["data"]["tasks"])
    if shutil.which("wrk"):
        lua = os.path.join(scratch, "get_all_ex.lua")
        with open(lua, "w") as f:
            f.write(WRK_LUA % (body, token))
        rps, non2xx, lat = run_wrk(api_url.rstrip("/") + "/v2.23/tasks.get_all_ex", lua, duration)
        return ("wrk -t2 -c8", rps, rows, non2xx, lat, answer)
    n, t0 = 0, time.time()
    while time.time() - t0 < duration:
        api.call("tasks.get_all_ex", json.loads(body))
        n += 1
    return ("python loop, 1 connection at a time", n / (time.time() - t0), rows, 0, "?", answer)


NGINX_CONF = """
user root;
worker_processes 2;
daemon off;
pid %(dir)s/nginx.pid;
error_log %(dir)s/nginx.err;
events { worker_connections 256; }
http {
    access_log off;
    sendfile on;
    keepalive_timeout %(keepalive)s;
    client_body_temp_path %(dir)s/tmp;
    proxy_temp_path %(dir)s/tmp;
    fastcgi_temp_path %(dir)s/tmp;
    uwsgi_temp_path %(dir)s/tmp;
    scgi_temp_path %(dir)s/tmp;
    server {
        listen 127.0.0.1:%(port)d;
        root %(root)s;
        # wrk POSTs the get_all_ex body: answer it with the static copy of the reply
        error_page 405 =200 $uri;
    }
}
"""


def start_nginx(scratch, root, keepalive):
    """Debian's nginx serving `root` on a free port (the reference static server), or None."""
    exe = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if not exe:
        return None, None
    d = tempfile.mkdtemp(prefix="nginx-", dir=scratch)
    os.makedirs(os.path.join(d, "tmp"))
    port = free_port()
    conf = os.path.join(d, "nginx.conf")
    with open(conf, "w") as f:
        f.write(NGINX_CONF % {"dir": d, "root": root, "port": port, "keepalive": keepalive})
    proc = subprocess.Popen([exe, "-p", d, "-c", conf], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    wait_port(port)
    return proc, port


def nginx_worker_hwm_mb(master):
    """Largest VmHWM among the nginx master's worker processes."""
    best = 0.0
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open("/proc/%s/stat" % pid) as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == master:
                        best = max(best, vm_hwm_mb(int(pid)))
            except (OSError, ValueError, IndexError):
                pass
    return best


def wait_port(port):
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)


def upload_big(files_url, token, key, path):
    size = os.path.getsize(path)
    boundary = "trovebench%d" % os.getpid()
    head = ('--%s\r\nContent-Disposition: form-data; name="/%s"; filename="/%s"\r\n'
            'Content-Type: application/octet-stream\r\n\r\n' % (boundary, key, key)).encode()
    tail = ("\r\n--%s--\r\n" % boundary).encode()

    def body():
        yield head
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                yield chunk
        yield tail

    u = urllib.parse.urlparse(files_url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=600)
    t0 = time.time()
    conn.request("POST", u.path or "/", body=body(), headers={
        "Authorization": "Bearer " + token,
        "Content-Type": "multipart/form-data; boundary=" + boundary,
        "Content-Length": str(len(head) + size + len(tail))})
    r = conn.getresponse()
    r.read()
    conn.close()
    if r.status != 200:
        sys.exit("upload failed: HTTP %d" % r.status)
    return time.time() - t0


def curl_speed(url, token=None, runs=3):
    best = 0.0
    for _ in range(runs):
        cmd = ["curl", "-s", "-o", "/dev/null", "-w", "%{speed_download} %{size_download}", url]
        if token:
            cmd[1:1] = ["-H", "Authorization: Bearer " + token]
        speed, size = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
        best = max(best, float(speed))
    return best, int(float(size))


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    p = argparse.ArgumentParser()
    p.add_argument("--server", default=os.path.join(root, "build", "ci", "server", "trove-server"))
    p.add_argument("--tasks", type=int, default=100000)
    p.add_argument("--file-mb", type=int, default=1000)
    p.add_argument("--duration", type=int, default=10)
    a = p.parse_args()

    scratch = tempfile.mkdtemp(prefix="trove-bench-")
    data = os.path.join(scratch, "data")
    os.makedirs(data)
    proc, api_url, files_url, key, secret = start_server(a.server, data)
    web = None
    try:
        token = login(api_url, key, secret)
        api = Api(api_url, token)
        project = api.call("projects.create", {"name": "bench project", "description": ""})["id"]
        print("trove-server pid %d, api %s, files %s" % (proc.pid, api_url, files_url))

        secs = create_tasks(api_url, token, project, a.tasks)
        print("tasks.create: %d tasks in %.1f s = %.0f tasks/s (8 client threads, "
              "one request each)" % (a.tasks, secs, a.tasks / secs))
        print("  RSS after creation: %.0f MB" % vm_rss_mb(proc.pid))

        tool, rps, rows, non2xx, lat, answer = bench_get_all_ex(api_url, token, project,
                                                                 a.duration, scratch)
        print("tasks.get_all_ex (100-row page of %d tasks, %d-byte answer): %.0f requests/s [%s], "
              "latency avg %s, non-2xx %d" % (a.tasks, len(answer), rps, tool, lat, non2xx))
        if rows != 100:
            print("  WARNING: the page held %d rows, expected 100" % rows)
        # Reference: nginx answering the same bytes from a static file, also closing the
        # connection after each answer as trove-server does (keepalive_timeout 0).
        static = os.path.join(scratch, "static")
        os.makedirs(static)
        with open(os.path.join(static, "tasks.get_all_ex"), "wb") as f:
            f.write(answer)
        ngx, ngx_port = start_nginx(scratch, static, 0)
        if ngx and shutil.which("wrk"):
            try:
                ref_rps, ref_non2xx, ref_lat = run_wrk(
                    "http://127.0.0.1:%d/tasks.get_all_ex" % ngx_port,
                    os.path.join(scratch, "get_all_ex.lua"), a.duration)
            finally:
                ngx.terminate()
                ngx.wait()
            print("  reference: nginx, the same answer from a static file, no keep-alive: "
                  "%.0f requests/s, latency avg %s, non-2xx %d; ratio trove/nginx %.2f"
                  % (ref_rps, ref_lat, ref_non2xx, rps / ref_rps))
        print("  trove-server VmHWM so far: %.0f MB" % vm_hwm_mb(proc.pid))

        big = os.path.join(scratch, "web", "big.bin")
        os.makedirs(os.path.dirname(big))
        block = os.urandom(1 << 20)
        with open(big, "wb") as f:
            for _ in range(a.file_mb):
                f.write(block)
        size = os.path.getsize(big)
        key_path = "bench project/big.%s/artifacts/big/big.bin" % project
        up = upload_big(files_url, token, key_path, big)
        print("upload of %d MB through the file server: %.1f s = %.0f MB/s"
              % (size // 1000000, up, size / up / 1e6))

        uri = files_url.rstrip("/") + "/" + urllib.parse.quote(key_path)
        trove_speed, got = curl_speed(uri, token)
        if got != size:
            print("  WARNING: trove-server sent %d bytes of %d" % (got, size))
        print("GET %d MB with curl (best of 3): trove-server %.0f MB/s"
              % (size // 1000000, trove_speed / 1e6))
        ngx, ngx_port = start_nginx(scratch, os.path.dirname(big), 65)
        if ngx:
            try:
                ngx_speed, _ = curl_speed("http://127.0.0.1:%d/big.bin" % ngx_port)
                ngx_hwm = nginx_worker_hwm_mb(ngx.pid)
            finally:
                ngx.terminate()
                ngx.wait()
            print("  reference nginx (sendfile): %.0f MB/s, worker VmHWM %.0f MB; "
                  "ratio trove/nginx %.2f" % (ngx_speed / 1e6, ngx_hwm, trove_speed / ngx_speed))
        port = free_port()
        web = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                                "127.0.0.1", "--directory", os.path.dirname(big)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(port)
        ref_speed, _ = curl_speed("http://127.0.0.1:%d/big.bin" % port)
        web_hwm = vm_hwm_mb(web.pid)
        print("  reference python3 -m http.server: %.0f MB/s, VmHWM %.0f MB; "
              "ratio trove/http.server %.2f" % (ref_speed / 1e6, web_hwm, trove_speed / ref_speed))
        print("trove-server peak memory (VmHWM) over the whole run: %.0f MB"
              % vm_hwm_mb(proc.pid))
    finally:
        if web:
            web.terminate()
            web.wait()
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
