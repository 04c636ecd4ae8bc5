#!/usr/bin/env bash
# The PACS worker against a real Orthanc: starts Debian's Orthanc with the DICOMweb plugin on a loopback port with a
# throwaway storage folder, seeds N DX spine films (the bundled sample through dcmtk's img2dcm, each copy with new
# series and instance UIDs) through Orthanc's REST API, then times `spinekit pacs --once` (every film analysed and
# its SR and overlay stored) and a second pass (every film skipped), each with its peak resident memory.
# Targets (issue #18): 100 instances at >= 3 per second on two cores, <= 1.5 GB peak; the second pass stores nothing.
# Usage: bench/scripts/pacs-orthanc.sh [N=100] [work folder]   (build first: dotnet build -c Release;
#        needs apt-get install -y orthanc orthanc-dicomweb dcmtk)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
count="${1:-100}"
work="${2:-/tmp/spinekit-pacs-bench}"
spinekit=(dotnet "$root/src/SpineKit.Cli/bin/Release/net10.0/spinekit.dll")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
rm -rf "$work" && mkdir -p "$work/db" "$work/seed"
cat > "$work/orthanc.json" <<JSON
{ "Name": "bench", "StorageDirectory": "$work/db", "IndexDirectory": "$work/db", "HttpPort": $port,
  "HttpBindAddress": "127.0.0.1", "DicomServerEnabled": false, "RemoteAccessAllowed": false, "AuthenticationEnabled": false,
  "Plugins": ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"], "DicomWeb": { "Enable": true, "Root": "/dicom-web/" } }
JSON
Orthanc "$work/orthanc.json" >"$work/orthanc.log" 2>&1 &
orthanc=$!
trap 'kill $orthanc 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/system" >/dev/null && break; sleep 0.2; done

img2dcm "$root/samples/ap-radiograph.jpg" "$work/base.dcm" -k "(0008,0060)=DX" -k "(0018,0015)=SPINE" -k "(0018,5101)=AP"
for i in $(seq 1 "$count"); do
    cp "$work/base.dcm" "$work/seed/$i.dcm"
    dcmodify -q -nb -gin -gse "$work/seed/$i.dcm"
    curl -sf -X POST --data-binary @"$work/seed/$i.dcm" "http://127.0.0.1:$port/instances" >/dev/null
done

run_pass() {
    local name="$1" summary seconds kib
    /usr/bin/time -o "$work/$name.time" -f '%e %M' "${spinekit[@]}" pacs --url "http://127.0.0.1:$port/dicom-web/" --modality DX --body-part SPINE --once >"$work/$name.out" 2>"$work/$name.err" || true
    summary=$(tail -1 "$work/$name.out")
    read -r seconds kib <"$work/$name.time"
    python3 -c "import json,sys; n=$count; s=float('$seconds'); print(json.dumps({'pass': '$name', 'instances': n, 'summary': '$summary', 'seconds': s, 'perSecond': round(n / s, 2), 'peakMiB': round($kib / 1024)}))"
}
run_pass first
run_pass second
