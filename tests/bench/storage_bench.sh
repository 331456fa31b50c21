#!/usr/bin/env bash
# Storage benchmarks: Trove's downloader vs curl on a 1 GB artifact, and Trove's folder upload
# (libarchive zip + streamed multipart) vs Python's zipfile (the SDK's way) + curl, on 10,000
# small files (~200 MB). Both against a local trove-server. Prints times, ratios, peak RSS.
# Usage: tests/bench/storage_bench.sh [build dir, default build/ci] [size MB, default 1024]
set -euo pipefail
BUILD="${1:-build/ci}"
SIZE_MB="${2:-1024}"
SERVER="$BUILD/server/trove-server"
BENCH="$BUILD/tests/bench/trove-storage-bench"
[ -x "$SERVER" ] && [ -x "$BENCH" ] || { echo "build trove-server and trove-storage-bench first" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'kill $SERVER_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

"$SERVER" --data "$WORK/data" --host 127.0.0.1 --api-port 0 --files-port 0 > "$WORK/server.out" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do grep -q '^files_server=' "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
API=$(sed -n 's/^api_server=//p' "$WORK/server.out" | head -1)
FILES=$(sed -n 's/^files_server=//p' "$WORK/server.out" | head -1)
eval "$("$SERVER" --data "$WORK/data" --print-credentials | grep '^CLEARML_API_')"
TOKEN=$(curl -s -u "$CLEARML_API_ACCESS_KEY:$CLEARML_API_SECRET_KEY" "$API/auth.login" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["token"])')

peak() { /usr/bin/time -f '%e %M %U %S' "$@" 2>&1 >/dev/null | tail -1; }   # wall, KiB, user, sys

echo "== download: ${SIZE_MB} MB artifact =="
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom > "$WORK/big.bin"
curl -s -f -H "Authorization: Bearer $TOKEN" -F "/bench/big.bin=@$WORK/big.bin;filename=/bench/big.bin" "$FILES/" > /dev/null
rm -f "$WORK/big.bin"
# Three alternating runs per side (the machine may be shared); the best of each is reported.
C_T=999999; T_T=999999
for run in 1 2 3; do
    read -r c_t c_m c_u c_s < <(peak curl -s -f -H "Authorization: Bearer $TOKEN" -o "$WORK/curl.bin" "$FILES/bench/big.bin")
    rm -f "$WORK/curl.bin"
    read -r t_t t_b t_m t_c < <("$BENCH" download "$FILES/bench/big.bin" "$FILES" "$TOKEN" "$WORK/trove.bin")
    [ "$t_b" = "$((SIZE_MB * 1024 * 1024))" ] || echo "WARNING: trove downloaded $t_b bytes"
    rm -f "$WORK/trove.bin"
    echo "  run $run: curl ${c_t} s, trove ${t_t} s"
    if python3 -c "import sys; sys.exit(not $c_t < $C_T)"; then C_T=$c_t C_M=$c_m C_U=$c_u C_S=$c_s; fi
    if python3 -c "import sys; sys.exit(not $t_t < $T_T)"; then T_T=$t_t T_M=$t_m T_C=$t_c; fi
done
python3 - "$C_T" "$C_M" "$T_T" "$T_M" "$SIZE_MB" "$C_U" "$C_S" "$T_C" <<'PY'
import sys
ct, cm, tt, tm, mb = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
cc, tc = float(sys.argv[6]) + float(sys.argv[7]), float(sys.argv[8])
print(f"curl : {ct:7.2f} s  {mb/ct:8.1f} MiB/s  CPU {cc:6.2f} s  peak RSS {cm/1024:6.1f} MiB")
print(f"trove: {tt:7.2f} s  {mb/tt:8.1f} MiB/s  CPU {tc:6.2f} s  peak RSS {tm/1024:6.1f} MiB")
print(f"ratio trove/curl  time: {tt/ct:.2f}  CPU: {tc/cc:.2f}  memory: {tm/cm:.2f}")
PY

echo "== upload: folder of 10,000 small files (~200 MB) =="
python3 - "$WORK/folder" <<'PY'
import os, sys
root = sys.argv[1]
for i in range(10000):
    d = os.path.join(root, f"d{i // 500:02d}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"f{i:05d}.bin"), "wb") as f:
        f.write(os.urandom(10 * 1024) + bytes(10 * 1024))  # half random, half compressible
PY
cat > "$WORK/zip_sdk_way.py" <<'PY'
import sys, zipfile
from pathlib import Path
folder, out = Path(sys.argv[1]), sys.argv[2]
with zipfile.ZipFile(out, "w", allowZip64=True, compression=zipfile.ZIP_DEFLATED) as zf:
    for f in folder.rglob("*"):
        if f.is_file():
            zf.write(f.as_posix(), arcname=f.relative_to(folder).as_posix())
PY
START=$(date +%s.%N)
read -r Z_T Z_M Z_U Z_S < <(peak python3 "$WORK/zip_sdk_way.py" "$WORK/folder" "$WORK/folder.zip")
read -r U_T U_M U_U U_S < <(peak curl -s -f -H "Authorization: Bearer $TOKEN" -F "/bench/ref/folder.zip=@$WORK/folder.zip;filename=/bench/ref/folder.zip" "$FILES/")
END=$(date +%s.%N)
REF_T=$(python3 -c "print($END - $START)")
REF_M=$(( Z_M > U_M ? Z_M : U_M ))
rm -f "$WORK/folder.zip"
read -r T_T T_B T_M T_C < <("$BENCH" upload "$WORK/folder" "$FILES" "$TOKEN")
REF_C=$(python3 -c "print($Z_U + $Z_S + $U_U + $U_S)")
python3 - "$REF_T" "$REF_M" "$T_T" "$T_M" "$Z_T" "$U_T" "$REF_C" "$T_C" <<'PY'
import sys
rt, rm, tt, tm, zt, ut = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
rc, tc = float(sys.argv[7]), float(sys.argv[8])
print(f"python zipfile + curl: {rt:7.2f} s (zip {zt:.2f} s, upload {ut:.2f} s)  CPU {rc:6.2f} s  peak RSS {rm/1024:6.1f} MiB")
print(f"trove                : {tt:7.2f} s  CPU {tc:6.2f} s  peak RSS {tm/1024:6.1f} MiB")
print(f"ratio trove/reference  time: {tt/rt:.2f}  CPU: {tc/rc:.2f}  memory: {tm/rm:.2f}")
PY
ls -l "$WORK/data/files/bench/bench task.0123456789abcdef0123456789abcdef/artifacts/folder/" 2>/dev/null | tail -n +2 || true
