#!/usr/bin/env bash
# Refine latency through HTTP: analyse one image on a running `spinekit serve`, then time N refines that
# drag one corner step by step (curl's total time per request), and print one JSON line with the median.
# usage: bench/scripts/web-refine-latency.sh [BASE_URL] [IMAGE] [N]
set -euo pipefail
base="${1:-http://127.0.0.1:5000}"
image="${2:-samples/ap-radiograph.jpg}"
count="${3:-20}"

analysed="$(curl -sf -F "file=@${image}" "${base}/api/analyze")"
id="$(printf '%s' "$analysed" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
read -r x y < <(printf '%s' "$analysed" | python3 -c 'import json,sys; v=[v for v in json.load(sys.stdin)["prediction"]["vertebrae"] if v["level"]=="T8"][0]["corners"]["tl"]; print(v["x"], v["y"])')

times=()
for i in $(seq 1 "$count"); do
  body="$(printf '{"id":"%s","hints":[{"level":"T8","corner":"tl","x":%s,"y":%s}]}' "$id" "$(python3 -c "print(round($x + $i * 1.5, 2))")" "$(python3 -c "print(round($y + $i * 0.75, 2))")")"
  times+=("$(curl -sf -o /dev/null -w '%{time_total}' -X POST -H 'Content-Type: application/json' -d "$body" "${base}/api/refine")")
done

printf '%s\n' "${times[@]}" | python3 -c '
import json, statistics, sys
t = [float(line) * 1000 for line in sys.stdin if line.strip()]
print(json.dumps({"benchmark": "web-refine-http", "requests": len(t), "median_ms": round(statistics.median(t), 1),
                  "min_ms": round(min(t), 1), "max_ms": round(max(t), 1)}))'
