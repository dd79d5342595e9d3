using System;
using System.Collections.Generic;
using System.Linq;
using Coroutines.Snapshots;
using Xunit;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// Yield.Scope in a snapshot (src/Runtime/Scopes/Scope.Snapshots.cs): a program saved at every
/// millisecond, restored and cloned, prints what the uninterrupted run prints; a scope keeps its
/// body, members (nested scopes too), count of live members and faults, and its members their scope.
/// </summary>
public sealed class ScopeSnapshotTests
{
    private static readonly SavedProgram<List<string>> Program = new("main", () => SaveableScopeCoroutines.MissionsCoroutine(new List<string>()));

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
    public void The_moments_saved_cover_nested_scopes_and_a_fault_cancelling_members()
    {
        var seen = new HashSet<string>();
        foreach (var at in Enumerable.Range(0, 15))
        {
            foreach (var live in StoppedAt(at).LiveCoroutines())
            {
                if (live.Coroutine.Membership?.Scope is { } scope)
                {
                    seen.Add(scope.Body.Name);
                }
            }
        }
        Assert.Contains(seen, name => name.Contains("Inner", StringComparison.Ordinal));
        Assert.Contains(seen, name => name.Contains("Crew", StringComparison.Ordinal));
    }

    [Fact]
    public void A_scope_no_coroutine_waits_for_is_refused_naming_its_members()
    {
        // What a blocking Yield.Scope called outside a coroutine makes: a scope with no parent.
        var scheduler = new Scheduler(new VirtualClock());
        var body = scheduler.Spawn(SaveableScopeCoroutines.CrewCoroutine(false, new List<string>()).WithName("crew"));
        Scope.Adopt(scheduler, body);
        scheduler.CallLater(1, scheduler.Stop);
        scheduler.Run();
        var error = Assert.Throws<SnapshotException>(() => scheduler.SaveToBytes());
        Assert.Contains("coroutine 'crew'", error.Message, StringComparison.Ordinal);
        Assert.Contains("which no coroutine waits for", error.Message, StringComparison.Ordinal);
    }
}
