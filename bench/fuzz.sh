#!/usr/bin/env bash
# Fuzzes the native core's decode → segment → crop → preprocess path (src/native/fuzz/decode_segment_fuzz.cpp) with
# libFuzzer under AddressSanitizer and UndefinedBehaviorSanitizer, for a bounded time, from a seed corpus of real
# files of each format (copied from ../shared/data into artifacts/fuzz/seeds; never committed). Findings go to
# artifacts/fuzz/findings/; the script exits 1 when there is one.
#
#   bench/fuzz.sh [--seconds N] [--data DIR]
#
# Needs clang and libFuzzer (Debian: apt-get install clang-14 libfuzzer-14-dev libclang-rt-14-dev; the script says so when missing).
# Only the torch-free sources are compiled (the classical path a worker runs on untrusted bytes), with c10 linked
# for the exception type status.cpp catches.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=300
data=../shared/data
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=${2:?--seconds needs N}; shift 2 ;;
    --data) data=${2:?--data needs DIR}; shift 2 ;;
    *) echo "usage: bench/fuzz.sh [--seconds N] [--data DIR]" >&2; exit 2 ;;
  esac
done
clang=$(command -v clang++-14 || command -v clang++ || true)
[ -n "$clang" ] || { echo "fuzz: clang++ is missing: apt-get install clang-14 libfuzzer-14-dev libclang-rt-14-dev" >&2; exit 2; }

out=artifacts/fuzz
mkdir -p "$out/seeds" "$out/corpus" "$out/findings"
src=src/native/src
"$clang" -std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I src/native/include -I "$src" $(pkg-config --cflags opencv4) -I /usr/include/torch/csrc/api/include \
  src/native/fuzz/decode_segment_fuzz.cpp "$src"/status.cpp "$src"/image_header.cpp "$src"/image.cpp \
  "$src"/segment_contrast.cpp "$src"/segment_nuclei.cpp "$src"/segment_necks.cpp "$src"/segment.cpp "$src"/crop.cpp \
  "$src"/preprocess.cpp "$src"/api_image.cpp "$src"/api_segment.cpp "$src"/api_preprocess.cpp \
  -lopencv_imgcodecs -lopencv_imgproc -lopencv_core -lc10 -o "$out/decode_segment_fuzz"

# Seeds: small real files of every format the farm reads (a G-band TIFF, Q-band BMPs, a DAPI PNG spread).
mapfile -t tiffs < <(find "$data/pki3/97002023.12" -name '*.tiff' | sort)
cp "${tiffs[@]:0:4}" "$out/seeds/"
mapfile -t bmps < <(find "$data/bioimlab/1" -name '*.bmp' | sort)
for f in "${bmps[@]:0:4}"; do cp "$f" "$out/seeds/bioimlab-$(basename "$f")"; done
cp "$data/metaphase-mfish/0im.png" "$out/seeds/"

status=0
ASAN_OPTIONS=detect_leaks=1 "$out/decode_segment_fuzz" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 \
  -max_len=262144 -artifact_prefix="$out/findings/" -print_final_stats=1 "$out/corpus" "$out/seeds" \
  >"$out/fuzz.log" 2>&1 || status=$?
grep -E "^stat::|^#[0-9]+.*DONE" "$out/fuzz.log" | tail -n 12
findings=$(find "$out/findings" -type f | wc -l)
echo "fuzz: $seconds s, exit $status, $findings finding(s) in $out/findings; log $out/fuzz.log"
[ "$findings" -eq 0 ] && [ "$status" -eq 0 ]
