#!/usr/bin/env python3
"""Checklist check, not run by CTest: a 5 GiB streamed multipart upload to a fresh trove-server,
then a streamed GET (sha256 compared) and a Range read of the tail; prints VmHWM along the way.
usage: tests/bench/big_upload.py [path/to/trove-server]"""
# 5 GiB streamed multipart upload to trove-server, then a streamed GET; prints VmHWM before/after
import sys, os, hashlib, http.client, urllib.parse, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_server as b
import tempfile
scratch = tempfile.mkdtemp(prefix="acc-big-", dir="/tmp")
data = os.path.join(scratch, "data"); os.makedirs(data)
server = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "build", "ci", "server", "trove-server")
proc, api, files, key, secret = b.start_server(server, data)
try:
    token = b.login(api, key, secret)
    total = 5 * 1024**3 + 12345
    block = hashlib.sha256(b"x").digest() * (1 << 15)  # 1 MiB pattern
    h = hashlib.sha256()
    boundary = "accbig"
    name = "big/five gib.bin"
    head = ('--%s\r\nContent-Disposition: form-data; name="/%s"; filename="/%s"\r\nContent-Type: application/octet-stream\r\n\r\n' % (boundary, name, name)).encode()
    tail = ("\r\n--%s--\r\n" % boundary).encode()
    def body():
        yield head
        left = total
        while left:
            n = min(left, len(block)); chunk = block[:n]; h.update(chunk); left -= n
            yield chunk
        yield tail
    print("VmHWM before: %.0f MB" % b.vm_hwm_mb(proc.pid), flush=True)
    u = urllib.parse.urlparse(files)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=900)
    t = time.time()
    c.request("POST", "/", body=body(), headers={"Authorization": "Bearer " + token, "Content-Type": "multipart/form-data; boundary=" + boundary, "Content-Length": str(len(head) + total + len(tail))})
    r = c.getresponse(); print("upload HTTP", r.status, r.read()[:200], "%.1f s" % (time.time() - t), flush=True)
    size = os.path.getsize(os.path.join(data, "files", name))
    print("stored size", size, "expected", total, flush=True)
    print("VmHWM after upload: %.0f MB" % b.vm_hwm_mb(proc.pid), flush=True)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=900)
    c.request("GET", "/" + urllib.parse.quote(name), headers={"Authorization": "Bearer " + token})
    r = c.getresponse(); g = hashlib.sha256(); n = 0
    while True:
        chunk = r.read(1 << 20)
        if not chunk: break
        g.update(chunk); n += len(chunk)
    print("GET", r.status, n, "bytes, sha256 equal:", g.hexdigest() == h.hexdigest(), flush=True)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    c.request("GET", "/" + urllib.parse.quote(name), headers={"Authorization": "Bearer " + token, "Range": "bytes=%d-%d" % (total - 10, total + 100)})
    r = c.getresponse(); print("Range tail", r.status, r.getheader("Content-Range"), len(r.read()), flush=True)
    print("VmHWM after GET: %.0f MB" % b.vm_hwm_mb(proc.pid), flush=True)
finally:
    proc.terminate(); proc.wait()
    import shutil; shutil.rmtree(scratch, ignore_errors=True)
