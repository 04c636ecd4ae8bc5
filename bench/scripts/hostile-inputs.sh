#!/usr/bin/env bash
# Runs every hostile case of the hostile-input issue through `spinekit analyze` (and the bombs through
# `segment` and `info`) one process each, and prints exit code, wall seconds and peak resident memory per
# case, then one batch of the sample mixed with all of them. Targets: exit 1 (info: 0 for a legal header), <= 10 s and <= 1.5 GB per case;
# the mixed batch analyses the sample and exits 1.
# Usage: bench/scripts/hostile-inputs.sh [work folder]   (build first: dotnet build -c Release)
set -u
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-/tmp/spinekit-hostile}"
spinekit=(dotnet "$root/src/SpineKit.Cli/bin/Release/net10.0/spinekit.dll")
rm -rf "$work" && mkdir -p "$work/cases"
python3 "$root/bench/scripts/make-hostile-inputs.py" "$work/cases" "$root/samples/ap-radiograph.jpg"

printf '%-28s %-8s %4s %7s %8s\n' case command exit seconds peak_MB
worst_s=0; worst_mb=0; bad=0
run_case() {
    # EXPECTED (exit code) NAME COMMAND ARGS...
    local expected="$1" name="$2"; shift 2
    local stats
    stats=$( { /usr/bin/time -f '%e %M' timeout 60 "${spinekit[@]}" "$@" >/dev/null 2>"$work/last.err"; echo "rc=$?" >>"$work/last.err"; } 2>&1 )
    local rc seconds kb
    rc=$(grep -o 'rc=[0-9]*' "$work/last.err" | tail -1 | cut -d= -f2)
    read -r seconds kb < <(grep -E '^[0-9.]+ [0-9]+$' "$work/last.err" | tail -1)
    printf '%-28s %-8s %4s %7s %8d\n' "$name" "$1" "$rc" "$seconds" $((kb / 1024))
    [ "$rc" = "$expected" ] || bad=$((bad + 1))
    worst_s=$(python3 -c "print(max($worst_s, $seconds))")
    worst_mb=$((kb / 1024 > worst_mb ? kb / 1024 : worst_mb))
}

for file in "$work"/cases/*; do
    name=$(basename "$file")
    [ "$name" = loop ] && continue
    run_case 1 "$name" analyze "$file" --out "$work/out"
done
for bomb in bomb-16384.jpg bomb-16000.png bomb-deflated.dcm; do
    run_case 1 "$bomb" segment "$work/cases/$bomb" --out "$work/out"
    # info describes headers without decoding pixels, so a legal but huge PNG or JPEG header is described (0);
    # the deflated DICOM must still be inflated to be described, and is refused at the bound (1).
    run_case "$([ "$bomb" = bomb-deflated.dcm ] && echo 1 || echo 0)" "$bomb" info "$work/cases/$bomb"
done
run_case 1 "folder with a link loop" analyze "$work/cases" --out "$work/out"

# The sample among all of them, under a 1 GiB heap limit: it must be analysed, the rest named, exit 1.
cp "$root/samples/ap-radiograph.jpg" "$work/cases/good.jpg"
DOTNET_GCHeapHardLimit=0x40000000 run_case 1 "mixed batch, 1 GiB heap" analyze "$work/cases" --out "$work/out"
DOTNET_GCHeapHardLimit=0x40000000 "${spinekit[@]}" analyze "$work/cases" --out "$work/out" --overwrite 2>/dev/null | tail -1
echo "cases with another exit code than expected: $bad; slowest: $worst_s s; largest peak: $worst_mb MB"
