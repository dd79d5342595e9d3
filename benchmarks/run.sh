#!/usr/bin/env bash
# Runs the benchmark suite and writes docs/benchmarks.md.
#
#   benchmarks/run.sh [short|full] [--report-only]
#
#   short (default): BenchmarkDotNet's ShortRun job (1 launch, 3 warm-ups, 3 iterations): CI-sized,
#                    about 6 minutes on 2 cores.
#   full:            BenchmarkDotNet's default job: for the record (25 to 35 minutes on 2 cores).
#   --report-only:   rewrite docs/benchmarks.md from the last run's artifacts (e.g. after editing
#                    benchmarks/analysis.md), without running anything.
#
# Results: artifacts/benchmarks/<job>/ (BenchmarkDotNet's csv, markdown and html reports, the W3
# memory table, the log) and docs/benchmarks.md (the table, ratios to the reference, the machine,
# the date, and benchmarks/analysis.md). Extra arguments go to BenchmarkDotNet, e.g.
#   benchmarks/run.sh short --filter '*W2*'     (the report then needs every workload's results)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

job="${1:-short}"
shift || true
report_only=false
if [[ "${1:-}" == "--report-only" ]]; then report_only=true; shift; fi
case "$job" in
    short) job_args=(--job short) ;;
    full)  job_args=() ;;
    *) echo "usage: benchmarks/run.sh [short|full] [--report-only] [BenchmarkDotNet arguments]" >&2; exit 2 ;;
esac

project=benchmarks/Coroutines.Benchmarks
dll="$project/bin/Release/net10.0/Coroutines.Benchmarks.dll"
out="artifacts/benchmarks/$job"

report() {
    echo "== report"
    set -a
    # shellcheck disable=SC1091
    source "$out/machine.env"
    set +a
    dotnet "$dll" --report "$out/results" "$out/memory.md" benchmarks/analysis.md docs/benchmarks.md "$job"
}

if $report_only; then
    [[ -f "$out/machine.env" ]] || { echo "no previous $job run in $out" >&2; exit 1; }
    dotnet build "$project" -c Release --nologo -v quiet > /dev/null
    report
    exit 0
fi

rm -rf "$out"
mkdir -p "$out"

# The machine, recorded with the results so that --report-only can rewrite the report later.
cat > "$out/machine.env" <<MACHINE
BENCH_DATE='$(date -u '+%Y-%m-%d %H:%M UTC')'
BENCH_NPROC='$(nproc)'
BENCH_CPU='$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')'
BENCH_OS='$(uname -sr)'
BENCH_DOTNET='$(dotnet --version)'
BENCH_LOAD='$(cut -d' ' -f1-3 /proc/loadavg)'
MACHINE

echo "== building $project (Release)"
if ! dotnet build "$project" -c Release --nologo > "$out/build.log" 2>&1; then
    tail -n 30 "$out/build.log" >&2
    echo "build failed: see $out/build.log" >&2
    exit 1
fi

filter=(--filter '*')
if [[ " $* " == *" --filter "* ]]; then filter=(); fi

echo "== BenchmarkDotNet ($job job): full log in $out/bdn.log"
started=$(date +%s)
set +e
dotnet "$dll" "${filter[@]}" "${job_args[@]}" --artifacts "$out" "$@" 2>&1 | tee "$out/bdn.log" |
    grep --line-buffered -E '^// Benchmark: |^\| |Global total time'
status=${PIPESTATUS[0]}
set -e
echo "BenchmarkDotNet finished in $(( $(date +%s) - started )) s with exit code $status"

echo "== W3 memory (1,000,000 coroutines suspended at once)"
dotnet "$dll" --memory | tee "$out/memory.md"

report
exit "$status"
