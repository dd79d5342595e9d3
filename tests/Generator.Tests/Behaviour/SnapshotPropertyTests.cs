using System;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// The snapshot property (issue 19, docs/snapshots.md): random programs saved at a random moment
/// and restored into a fresh scheduler of another load of the program, and for the first few also
/// in a fresh process, log exactly what the uninterrupted run logs; clones likewise, run in either
/// order. CI size is small; more with
/// <c>SNAPSHOT_PROGRAMS=2000 SNAPSHOT_SEED=7 SNAPSHOT_FRESH_PROCESSES=20 dotnet test tests/Generator.Tests --filter FullyQualifiedName~SnapshotProperty</c>.
/// </summary>
public sealed class SnapshotPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void Random_programs_saved_and_restored_or_cloned_log_what_the_uninterrupted_run_logs()
    {
        var count = Setting("SNAPSHOT_PROGRAMS", 40);
        var seed = Setting("SNAPSHOT_SEED", 19);
        var freshProcesses = Setting("SNAPSHOT_FRESH_PROCESSES", 3); // a process start each: a handful
        var outcome = SnapshotProgramRunner.Run(seed, Setting("SNAPSHOT_FIRST", 0), count, freshProcesses);

        Assert.True(outcome.Failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, outcome.Failures));
        var summary = $"{outcome.Milliseconds} ms, {outcome.Programs} programs: {outcome.NotSaveable} refused by COR0030 or COR0034, {outcome.Restored} restored ({outcome.FreshProcesses} also in a fresh process), {outcome.Cloned} cloned, {outcome.RefusedAtMoment} refused at the chosen moment:{Environment.NewLine}{string.Join(Environment.NewLine, outcome.Refusals)}";
        output.WriteLine(summary);
        // The property must cover most programs, or it proves little.
        Assert.True(outcome.Restored >= outcome.Programs / 2, summary);
        Assert.Equal(outcome.Restored, outcome.Cloned);
        Assert.Equal(Math.Min(freshProcesses, outcome.Restored), outcome.FreshProcesses);
        // Every program saveable by COR0030 is saved, or refused at its moment with the reason listed.
        Assert.True(outcome.Programs - outcome.NotSaveable == outcome.Restored + outcome.RefusedAtMoment, summary);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;
}
