#!/usr/bin/env bash
# The long run of the random differential tester (tests/Generator.Tests, RandomProgramTests):
# random coroutine programs checked against the original methods and against C# async on a
# virtual-time loop; then rewrites its rows of docs/reliability.md.
#
#   scripts/random-programs.sh                         # 100,000 programs (45-55 minutes of 2 idle cores; docs/reliability.md)
#   RANDOM_PROGRAMS=5000 scripts/random-programs.sh    # a shorter one
#
# Settings (environment variables; the normal `dotnet test` runs 1,000 from seed 20260401):
#   RANDOM_PROGRAMS   programs to compare                       (100000)
#   RANDOM_SEED       seed of the run (program i = (seed, i))   (20260402)
#   RANDOM_FIRST      index of the first program                (0)
#   RANDOM_FEATURES   constructs to write (RandomProgramFeatures) (Supported)
#   RANDOM_CHUNK      programs per test run                     (10000)
#   ROWS_ONLY=1       only rewrite the rows from the chunks already in artifacts/reliability
# The programs run in chunks, each one `dotnet test` writing artifacts/reliability/random-programs-FIRST.txt;
# the rows add up the chunks that finished (a stopped run still reports what it compared, and says so).
# A mismatch prints the program, both traces and the command that reproduces just that program.
# Exit status: that of the test run. The rows are written either way and say whether it passed.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

export RANDOM_PROGRAMS="${RANDOM_PROGRAMS:-100000}"
export RANDOM_SEED="${RANDOM_SEED:-20260402}"
export RANDOM_FIRST="${RANDOM_FIRST:-0}"

export RANDOM_CHUNK="${RANDOM_CHUNK:-10000}"

out="artifacts/reliability"
mkdir -p "$out"
log="$out/random-programs.log"
status=0
if [[ "${ROWS_ONLY:-0}" != "1" ]]; then
    rm -f "$out"/random-programs-*.txt # figures of an earlier run must not be mistaken for this one's
    : > "$log"
    # Release: the generator and the compiler run optimized, as in a user's build.
    dotnet build tests/Generator.Tests -c Release -v q 2>&1 | tee -a "$log"
    git rev-parse --short HEAD > "$out/random-programs-commit" # what the chunks run, whatever is committed meanwhile
    end=$((RANDOM_FIRST + RANDOM_PROGRAMS))
    for ((first = RANDOM_FIRST; first < end; first += RANDOM_CHUNK)); do
        count=$((end - first < RANDOM_CHUNK ? end - first : RANDOM_CHUNK))
        RANDOM_SUMMARY="$PWD/$out/random-programs-$first.txt" RANDOM_FIRST=$first RANDOM_PROGRAMS=$count dotnet test tests/Generator.Tests -c Release --no-build \
            --filter "FullyQualifiedName~Random_programs_behave_like_the_original_method" \
            --logger "console;verbosity=detailed" 2>&1 | tee -a "$log"
        status=${PIPESTATUS[0]}
        if [[ $status -ne 0 ]]; then
            break
        fi
    done
fi

RUN_STATUS=$status PLANNED=$RANDOM_PROGRAMS python3 scripts/random-programs-rows.py docs/reliability.md "$out"/random-programs-*.txt
exit "$status"
