"""Writes the random differential tester's rows of docs/reliability.md from its summaries
(artifacts/reliability/random-programs-FIRST.txt, one per chunk, written by RandomProgramTests):
adds the chunks up and replaces the rows that start with "| Generator: random programs", or adds
them before the "| Scheduler:" rows.

Usage: random-programs-rows.py TARGET SUMMARY...   (RUN_STATUS: the test runs' exit status;
PLANNED: the programs the run meant to compare)
"""
import datetime, os, re, subprocess, sys

target, summaries = sys.argv[1], [p for p in sys.argv[2:] if os.path.exists(p)]
PREFIX = "| Generator: random programs"
COUNTS = ["random programs compared", "requested", "mismatches", "ended by an exception", "trace lines compared",
          "coroutines spawned in the interleaved runs", "interleaved trace lines compared with C# async",
          "calls between coroutines"]


def read(path):
    text = open(path).read()
    return {m.group(1): m.group(2).strip() for m in re.finditer(r"^([^:\n]+):\s*(.+)$", text, re.M)}


def rows():
    if not summaries:
        return [f"{PREFIX} against the original method and C# async | no results (no chunk finished; see artifacts/reliability/random-programs.log) |"]
    chunks = [read(p) for p in summaries]
    total = {k: sum(int(c.get(k, "0")) for c in chunks) for k in COUNTS}
    seconds = sum(float(c.get("seconds", "0")) for c in chunks)
    cpu = sum(float(c.get("cpu seconds", "0")) for c in chunks)
    seeds = sorted({c.get("seed", "?") for c in chunks})
    features = sorted({c.get("features", "?") for c in chunks})
    first = min(int(c.get("first program index", "0")) for c in chunks)
    planned = int(os.environ.get("PLANNED", total["requested"]))
    status = os.environ.get("RUN_STATUS", "?")
    outcome = ("passed" if status == "0"
               else f"stopped by hand after the chunks below (exit {status}), no failure" if status in ("130", "143") and total["mismatches"] == 0
               else f"**failed** (exit {status}; artifacts/reliability/random-programs.log)")
    if total["random programs compared"] < planned:
        outcome += f"; {total['random programs compared']:,} of the {planned:,} planned were compared"
    built = os.path.join(os.path.dirname(summaries[0]), "random-programs-commit")  # written when the run built the tests
    commit = (open(built).read().strip() if os.path.exists(built) else
              subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip() or "?")
    date = datetime.datetime.fromtimestamp(max(os.path.getmtime(p) for p in summaries), datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return [
        f"{PREFIX} against the original method and C# async | {total['random programs compared']:,} "
        f"(seed {', '.join(seeds)}, from index {first}, features {', '.join(features)}), "
        f"mismatches {total['mismatches']:,} — {outcome} |",
        f"{PREFIX}: what they did | {total['ended by an exception']:,} first coroutines ended by an exception; "
        f"{total['trace lines compared']:,} trace lines against the originals; {total['coroutines spawned in the interleaved runs']:,} coroutines "
        f"spawned interleaved, {total['interleaved trace lines compared with C# async']:,} trace lines against C# async; "
        f"{total['calls between coroutines']:,} calls between coroutines |",
        f"{PREFIX}: run | {len(chunks)} chunk(s), {seconds:,.0f} s wall, {cpu:,.0f} CPU s (the figure to compare when the machine is shared), Release build, {date}, commit {commit}; "
        f"written by `scripts/random-programs.sh` |",
    ]


lines = open(target).read().split("\n")
new = rows()
kept = [l for l in lines if not l.startswith(PREFIX)]
at = next((i for i, l in enumerate(lines) if l.startswith(PREFIX)), None)
if at is None:
    at = next((i for i, l in enumerate(kept) if l.startswith("| Scheduler:")), len(kept))
else:
    at = len([l for l in lines[:at] if not l.startswith(PREFIX)])
kept[at:at] = new
open(target, "w").write("\n".join(kept))
print(f"wrote {len(new)} rows to {target}")
