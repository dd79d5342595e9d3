#!/usr/bin/env bash
# The long reliability run: generator fuzzing, scheduler properties against the reference model,
# and load, at sizes far beyond the normal suite's; then writes the figures to docs/reliability.md.
#
#   scripts/reliability.sh                      # the long run (tens of minutes on 2 cores)
#   FUZZ_MUTANTS=20000 PROPERTY_ITERATIONS=2000 scripts/reliability.sh   # a shorter one
#
# Sizes and seeds (environment variables; the normal `dotnet test` uses the small defaults in
# tests/Reliability.Tests/Support/Settings.cs):
#   FUZZ_MUTANTS         mutants run through the generator        (long run: 200000)
#   FUZZ_SEED            seed of the mutants (mutant i = (seed, i))  (long run: 20260108)
#   FUZZ_TIMEOUT_MS      time bound per input before it is a hang   (15000)
#   PROPERTY_ITERATIONS  random schedules per scheduler property    (long run: 20000)
#   LOAD_COROUTINES      coroutines x 10 sleeps on the virtual clock (long run: 2000000)
#   LOAD_TIMERS          timers, 90% of them cancelled               (long run: 1000000)
#   LOAD_POSTS           posts per thread (4 threads) in the storm   (long run: 1000000)
#   LOAD_TASK_COMPLETIONS task completions per thread (4 threads)     (long run: 500000)
#   RUN_DIFFERENTIAL=1   also run the generator's differential tester (tests/Generator.Tests,
#                        RandomProgram*) with RANDOM_PROGRAMS (20000); scripts/random-programs.sh
#                        runs it alone (100,000 programs)
#
# Each test writes its figures to artifacts/reliability/*.json; this script reads them (and the
# differential tester's artifacts/reliability/random-programs.txt, if any) into the table.
# Exit status: that of the test run. The table is written either way and says which parts failed.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

export FUZZ_MUTANTS="${FUZZ_MUTANTS:-200000}"
export FUZZ_SEED="${FUZZ_SEED:-20260108}"
export FUZZ_TIMEOUT_MS="${FUZZ_TIMEOUT_MS:-15000}"
export PROPERTY_ITERATIONS="${PROPERTY_ITERATIONS:-20000}"
export LOAD_COROUTINES="${LOAD_COROUTINES:-2000000}"
export LOAD_TIMERS="${LOAD_TIMERS:-1000000}"
export LOAD_POSTS="${LOAD_POSTS:-1000000}"
export LOAD_TASK_COMPLETIONS="${LOAD_TASK_COMPLETIONS:-500000}"

out="artifacts/reliability"
mkdir -p "$out" docs
# Figures of an earlier run must not be mistaken for this one's.
rm -f "$out"/fuzz.json "$out"/properties.json "$out"/load-*.json
log="$out/run.log"

started=$(date -u +%s)
echo "reliability run: FUZZ_MUTANTS=$FUZZ_MUTANTS FUZZ_SEED=$FUZZ_SEED PROPERTY_ITERATIONS=$PROPERTY_ITERATIONS LOAD_COROUTINES=$LOAD_COROUTINES LOAD_TIMERS=$LOAD_TIMERS LOAD_POSTS=$LOAD_POSTS" | tee "$log"

# The regression tests (no category) fail while their bugs are open; the long run is about new failures.
dotnet test tests/Reliability.Tests --filter "Category=Fuzz|Category=Property|Category=Load" \
    --logger "console;verbosity=normal" 2>&1 | tee -a "$log"
status=${PIPESTATUS[0]}

differential_status=""
if [[ "${RUN_DIFFERENTIAL:-0}" == "1" ]]; then
    export RANDOM_PROGRAMS="${RANDOM_PROGRAMS:-20000}"
    rm -f "$out/random-programs.txt"
    dotnet test tests/Generator.Tests --filter "FullyQualifiedName~Random_programs_behave_like_the_original_method" 2>&1 | tee -a "$log"
    differential_status=${PIPESTATUS[0]}
    if [[ $differential_status -ne 0 ]]; then
        status=$differential_status
    fi
fi
elapsed=$(( $(date -u +%s) - started ))

RUN_STATUS=$status ELAPSED=$elapsed python3 - "$out" docs/reliability.md <<'PY'
import json, os, platform, re, subprocess, sys, datetime

out, target = sys.argv[1], sys.argv[2]

def load(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)

def n(value):
    return f"{value:,}" if isinstance(value, int) else str(value)

def sh(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except Exception:
        return "?"

log = open(os.path.join(out, "run.log"), errors="replace").read()
def outcome(name):
    # The test names of each part, as dotnet test prints them.
    failed = re.findall(r"^\s+Failed Coroutines\.Reliability\.Tests\.(\w+)\.", log, re.M)
    passed = re.findall(r"^\s+Passed Coroutines\.Reliability\.Tests\.(\w+)\.", log, re.M)
    if name in failed:
        return "**FAILED** (see artifacts/reliability/run.log)"
    return "passed" if name in passed else "not run"

fuzz = load("fuzz.json")
props = load("properties.json")
sleepers = load("load-sleepers.json")
timers = load("load-timers.json")
posts = [p for p in (load("load-posts-cancel.json"), load("load-posts-stop.json")) if p]
completions = load("load-task-completions.json")

rows = []
if fuzz:
    v = fuzz["verdicts"]
    tried = fuzz["mutants"]
    detail = ", ".join(f"{k} {n(c)}" for k, c in sorted(v.items(), key=lambda kv: -kv[1]))
    rows.append(("Generator: mutants tried", f"{n(tried)} from {fuzz['seeds']} seed files, FUZZ_SEED={fuzz['seed']}, {fuzz['elapsedSeconds']} s; slowest input {fuzz['slowestMs']:.0f} ms (bound {n(fuzz['timeoutMs'])} ms) — {outcome('Fuzzing')}"))
    rows.append(("Generator: verdicts", detail))
    bugs = fuzz.get("bugsFound", [])
    fixed = [b for b in bugs if b["Fixed"]]
    open_ = [b for b in bugs if not b["Fixed"]]
    hits = fuzz.get("knownIssues", {})
    rows.append(("Generator: crashes and wrong outputs found", f"{len(bugs)} distinct ({len(fixed)} fixed, {len(open_)} open); new in this run: {fuzz['newFailures']}"))
    for b in bugs:
        state = "fixed" if b["Fixed"] else f"open, {n(hits.get(b['Id'], 0))} mutants of this run hit it"
        rows.append((f"&nbsp;&nbsp;`{b['Id']}`", f"{b['Summary']} ({state})"))
else:
    rows.append(("Generator: mutants tried", "no results (the fuzz test did not finish)"))

# The differential tester's rows are written by scripts/random-programs-rows.py (below, with
# RUN_DIFFERENTIAL=1, or by scripts/random-programs.sh): keep the ones already there.
previous = open(target).read().split("\n") if os.path.exists(target) else []
rows += [tuple(cell.strip() for cell in l.strip("|").split("|", 1)) for l in previous if l.startswith("| Generator: random programs")]

if props:
    rows.append(("Scheduler: random schedules compared with the reference model", f"{n(props['programsCompared'])} ({n(props['iterationsPerProperty'])} per property, Run() and RunDue() hosts), {n(props['eventsCompared'])} events, seeds random per run (a failure prints its CsCheck seed) — {outcome('Properties')}"))
else:
    rows.append(("Scheduler: random schedules compared with the reference model", "no results"))

load_parts = []
if sleepers:
    load_parts.append(f"{n(sleepers['coroutines'])} coroutines x {sleepers['sleepsEach']} sleeps ({n(sleepers['steps'])} steps, {sleepers['seconds']} s)")
if timers:
    load_parts.append(f"{n(timers['timers'])} timers, {n(timers['cancelled'])} cancelled, exactly {n(timers['ran'])} ran in order, {n(timers['entriesAfterCancelling'])} queue entries left after cancelling")
for p in posts:
    load_parts.append(f"{n(p['posts'])} posts from {p['threads']} threads ({p['end']}, {p['seconds']} s), none lost or run twice")
if completions:
    load_parts.append(f"{n(completions['completions'])} task completions from {completions['threads']} threads ({completions['seconds']} s), each waiter resumed once on the loop thread")
rows.append(("Scheduler: load held", ("; ".join(load_parts) if load_parts else "no results") + f" — {outcome('Load')}"))

cpu = "?"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass
mem = "?"
try:
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) // 1024 // 1024} GiB"
            break
except OSError:
    pass
commit = sh("git", "rev-parse", "--short", "HEAD")
dirty = sh("git", "status", "--porcelain")
rows.append(("Seeds", f"FUZZ_SEED={os.environ.get('FUZZ_SEED')}; scheduler properties: random (CsCheck); load: fixed"))
rows.append(("Sizes", f"FUZZ_MUTANTS={os.environ.get('FUZZ_MUTANTS')} PROPERTY_ITERATIONS={os.environ.get('PROPERTY_ITERATIONS')} LOAD_COROUTINES={os.environ.get('LOAD_COROUTINES')} LOAD_TIMERS={os.environ.get('LOAD_TIMERS')} LOAD_POSTS={os.environ.get('LOAD_POSTS')} LOAD_TASK_COMPLETIONS={os.environ.get('LOAD_TASK_COMPLETIONS')}"))
rows.append(("Date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC") + f", {int(os.environ['ELAPSED']) // 60} min {int(os.environ['ELAPSED']) % 60} s"))
rows.append(("Machine", f"{os.cpu_count()} cores ({cpu}), {mem}, {platform.system()} {platform.release()}, .NET SDK {sh('dotnet', '--version')}"))
rows.append(("Commit", f"{commit}{' (with uncommitted changes)' if dirty else ''}"))
rows.append(("Test run", "passed" if os.environ["RUN_STATUS"] == "0" else f"**failed** (exit {os.environ['RUN_STATUS']}; artifacts/reliability/run.log)"))

lines = [
    "# Reliability",
    "",
    "Figures of the last run of `scripts/reliability.sh` (written by it; do not edit by hand), and of",
    "`scripts/random-programs.sh` for the random programs' rows. What is checked, and how to reproduce a",
    "failure, is described in `tests/Reliability.Tests` and in `RandomProgramTests` (tests/Generator.Tests):",
    "",
    "- **Generator fuzzing** (`Fuzzing/`): valid coroutine sources mutated the way an editor and a user",
    "  do (token deletions, duplications, swaps and insertions, truncation mid-typing, names made to",
    "  collide with each other and with generated names, statements inserted, moved and wrapped in other",
    "  constructs, modifiers changed), plus deep inputs (a 200-level nested loop, a 5,000-statement",
    "  method). Every mutant runs through the generator: it must not throw (no CS8785, no COR0017), must",
    "  finish within the time bound, and what it emits must compile unless a COR error or the user's own",
    "  compiler errors explain why not.",
    "- **Random programs** (`tests/Generator.Tests/Behaviour/RandomProgramTests.cs`): random coroutine",
    "  programs (loops, switch, try/catch/finally, using, foreach, calls between coroutines, several",
    "  coroutines spawned together) checked against two oracles: the first coroutine alone against the",
    "  original method run directly, and all of them interleaved on one Scheduler against the same",
    "  program written with C# `async` on a virtual-time loop that orders continuations exactly as the",
    "  Scheduler orders steps (`Infrastructure/VirtualTime.cs`).",
    "- **Scheduler properties** (`Properties/`): random schedules of CallLater, CallSoon, Post, scripted",
    "  coroutines, cancellations and faults on a virtual clock, compared event by event with a small",
    "  reference model (sorted timer list, FIFO ready list, asyncio's pass rule), plus invariants: time",
    "  never goes backwards, every callback runs exactly once unless cancelled first, nothing runs after",
    "  its cancellation, cancelled entries are reclaimed.",
    "- **Load** (`Load/`): many sleepers on the virtual clock, mostly-cancelled timers, task completions from four threads into a running loop, a post storm from",
    "  four threads into a loop on the real clock.",
    "",
    "| What | Figure |",
    "| --- | --- |",
]
lines += [f"| {k} | {v} |" for k, v in rows]
lines += [
    "",
    "The normal `dotnet test` runs the same tests at small sizes (10,000 mutants, a few hundred schedules",
    "per property, the load sizes above at their defaults). Reproduce one mutant with its seed and index",
    "(the failure message prints both); a scheduler failure prints its shrunk schedule and a CsCheck seed",
    "(`CsCheck_Seed=...`).",
    "",
]
with open(target, "w") as f:
    f.write("\n".join(lines))
print(f"wrote {target}")
PY
if [[ -n "$differential_status" ]]; then
    RUN_STATUS=$differential_status python3 scripts/random-programs-rows.py "$out/random-programs.txt" docs/reliability.md
fi
exit "$status"
