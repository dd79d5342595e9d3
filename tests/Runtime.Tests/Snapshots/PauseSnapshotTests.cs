using System.Collections.Generic;
using System.Linq;
using Coroutines.Snapshots;
using Xunit;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// Paused coroutines in a snapshot (src/Runtime/Snapshots/SnapshotWriter.Pauses.cs): a program
/// saved at every millisecond, restored and cloned, prints what the uninterrupted run prints; a
/// paused sleep keeps what was left of it, a paused ready coroutine runs at resume, and a
/// wake-up kept while paused is acted on at resume.
/// </summary>
public sealed class PauseSnapshotTests
{
    private static readonly SavedProgram<List<string>> Program = new("game", () => SaveablePauseCoroutines.GameCoroutine(new List<string>()));

    private static Scheduler StoppedAt(int at) => Program.StoppedAt(at);

    // Every millisecond of the run (it ends at 34 ms).
    public static IEnumerable<object[]> Moments() => Enumerable.Range(0, 34).Select(at => new object[] { at });

    [Theory]
    [MemberData(nameof(Moments))]
    public void A_program_restored_while_coroutines_are_paused_prints_what_the_uninterrupted_run_prints(int at)
        => Program.AssertRestoredAtEndsAsUninterrupted(at);

    [Theory]
    [InlineData(1, true)]
    [InlineData(8, false)]
    public void A_clone_and_its_original_run_without_affecting_each_other(int at, bool originalFirst)
        => Program.AssertCloneAndOriginalEndAsUninterrupted(at, originalFirst);

    [Fact]
    public void The_moments_saved_cover_a_paused_ready_sleeping_waiting_and_woken_coroutine_and_a_paused_call_frame()
    {
        var seen = new HashSet<string>();
        foreach (var at in Enumerable.Range(0, 34))
        {
            var scheduler = StoppedAt(at);
            foreach (var root in scheduler.PausedRoots())
            {
                var frame = root.Membership!.PausedFrame!;
                seen.Add($"{frame.Membership!.PausedAs}{(frame.Status == CoroutineStatus.Ready ? " woken" : "")}{(frame.Caller is null ? "" : " frame")}");
            }
        }
        Assert.Superset(new HashSet<string> { "Ready", "Sleeping", "Waiting frame", "Waiting woken frame" }, seen);
    }
}
