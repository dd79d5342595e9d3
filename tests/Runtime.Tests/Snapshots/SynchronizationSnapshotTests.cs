using System;
using System.Collections.Generic;
using System.Linq;
using Coroutines.Snapshots;
using Xunit;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// Locks, semaphores and events in a snapshot (src/Runtime/Synchronization/*.Snapshots.cs): a
/// program saved at every millisecond of its run, restored and cloned, prints what the
/// uninterrupted run prints; each line of waiters keeps its order, a lock its holder, a semaphore
/// its free permits, an event whether it is set.
/// </summary>
public sealed class SynchronizationSnapshotTests
{
    private static readonly SavedProgram<List<string>> Program = new("main", () => SaveableSynchronizationCoroutines.ContentionCoroutine(new List<string>()));

    private static Scheduler StoppedAt(int at) => Program.StoppedAt(at);

    // Every millisecond of the run (it ends at 22 ms).
    public static IEnumerable<object[]> Moments() => Enumerable.Range(0, 22).Select(at => new object[] { at });

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
    public void The_moments_saved_cover_a_waiter_in_line_and_one_granted_its_turn_of_each_primitive()
    {
        var seen = new HashSet<string>();
        foreach (var at in Enumerable.Range(0, 22))
        {
            foreach (var live in StoppedAt(at).LiveCoroutines())
            {
                if (live.Coroutine.WaitingOn is WaitTarget { SavedBy: { } owner } wait)
                {
                    seen.Add($"{owner.GetType().Name} {(wait.SavedOutOfLine ? "granted" : "in line")}");
                }
            }
        }
        Assert.Equal(
            new[] { "Event granted", "Event in line", "Lock granted", "Lock in line", "Semaphore granted", "Semaphore in line" },
            seen.Order(StringComparer.Ordinal));
    }
}
