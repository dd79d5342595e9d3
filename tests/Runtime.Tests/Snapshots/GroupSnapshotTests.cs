using System;
using System.Collections.Generic;
using System.Linq;
using Coroutines.Snapshots;
using Xunit;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// Yield.AwaitAll and Yield.AwaitAny in a snapshot (src/Runtime/Composition/AwaitGroup.Snapshots.cs):
/// a program saved at every millisecond, restored and cloned, prints what the uninterrupted run
/// prints; a group keeps what it waits for, its count, its winner and its place among the
/// listeners of each coroutine it waits for; AwaitAny's losers unwind after a restore too.
/// </summary>
public sealed class GroupSnapshotTests
{
    private static readonly SavedProgram<List<string>> Program = new("main", () => SaveableGroupCoroutines.RacesCoroutine(new List<string>()));

    private static Scheduler StoppedAt(int at) => Program.StoppedAt(at);

    // Every millisecond of the run (it ends at 14 ms).
    public static IEnumerable<object[]> Moments() => Enumerable.Range(0, 15).Select(at => new object[] { at });

    [Theory]
    [MemberData(nameof(Moments))]
    public void A_program_restored_mid_wait_prints_what_the_uninterrupted_run_prints(int at)
        => Program.AssertRestoredAtEndsAsUninterrupted(at);

    [Theory]
    [InlineData(3, true)]
    [InlineData(3, false)]
    [InlineData(12, true)]
    public void A_clone_and_its_original_run_without_affecting_each_other(int at, bool originalFirst)
        => Program.AssertCloneAndOriginalEndAsUninterrupted(at, originalFirst);

    [Fact]
    public void The_moments_saved_cover_all_any_and_any_waiting_for_its_losers_each_also_woken_and_unread()
    {
        var seen = new HashSet<string>();
        foreach (var at in Enumerable.Range(0, 15))
        {
            var main = StoppedAt(at).LiveCoroutines().Single(c => c.Name == "main").Coroutine;
            if (main.WaitingOn is AwaitGroup group)
            {
                seen.Add(group.Describe().Split(' ')[0] + (group.IsDone ? " done" : ""));
            }
        }
        Assert.Equal(new[] { "all", "all done", "any", "the", "the done" }, seen.Order(StringComparer.Ordinal)); // "the": the losers of any, unwinding; "done": woken, result not read yet
    }
}
