#!/usr/bin/env bash
# Runs one BenchmarkDotNet selection several times and prints each run's ratio of the generated
# coroutines to the hand-written reference, with the load average, then the median (issue 16: W2
# "stable" means the median of five runs at most 1.00x and no run above 1.05x).
#
#   scripts/bench-repeat.sh [runs] [class] [BenchmarkDotNet arguments...]
#   scripts/bench-repeat.sh 5 W2Yields --job short --inProcess
#
# Only the reference and the generated coroutines run (the other competitors do not change the ratio).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs="${1:-5}"
class="${2:-W2Yields}"
shift 2 || true
extra=("$@")
[[ ${#extra[@]} -gt 0 ]] || extra=(--job short --inProcess)

dll=benchmarks/Coroutines.Benchmarks/bin/Release/net10.0/Coroutines.Benchmarks.dll
dotnet build benchmarks/Coroutines.Benchmarks -c Release --nologo -v quiet > /dev/null
out=$(mktemp -d)
ratios=()
for ((r = 1; r <= runs; r++)); do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    dotnet "$dll" --filter "*$class.HandWritten*" "*$class.Generated*" "${extra[@]}" --artifacts "$out/$r" > "$out/$r.log" 2>&1
    csv="$out/$r/results/Coroutines.Benchmarks.$class-report.csv"
    # Median column of each row (ns); the ratio of medians, as docs/benchmarks.md reports it.
    ratio=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i ~ /^Median/) m = i; next }
                       $1 ~ /Hand-written/ { h = $m } $1 ~ /Generated/ { g = $m }
                       END { gsub(/,/, "", h); gsub(/,/, "", g); printf "%.3f %s %s", g / h, g, h }' "$csv")
    read -r value generated handwritten <<< "$ratio"
    ratios+=("$value")
    echo "run $r (load average $load): generated $generated ns, hand-written $handwritten ns per resume: ratio $value"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
max=$(printf '%s\n' "${ratios[@]}" | sort -n | tail -1)
echo "median of $runs runs: $median; highest: $max"
rm -rf "$out"
