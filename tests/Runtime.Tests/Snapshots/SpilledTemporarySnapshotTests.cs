using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// A saveable coroutine saved while its state machine keeps values that are not locals across a
/// suspension (SpilledTemporaryCoroutines.Spills: an argument evaluated before a call that
/// suspends, a receiver, the list, index and old value of a compound assignment, the value a switch
/// tests, a closure environment's variable): saved at every millisecond of its run and restored
/// into a fresh scheduler, or cloned, it prints what the uninterrupted run prints.
/// </summary>
public sealed class SpilledTemporarySnapshotTests
{
    private static readonly SavedProgram<List<string>> Program = new("spills", () => SpilledTemporaryCoroutines.SpillsCoroutine(new List<string>()));

    // Every millisecond of the run (it ends at 35 ms, when nothing is left to save).
    public static IEnumerable<object[]> Moments() => Enumerable.Range(0, 35).Select(at => new object[] { at });

    [Theory]
    [MemberData(nameof(Moments))]
    public void Restored_at_any_moment_it_prints_what_the_uninterrupted_run_prints(int at)
        => Program.AssertRestoredAtEndsAsUninterrupted(at);

    [Theory]
    [InlineData(3, true)]
    [InlineData(14, false)]
    [InlineData(30, true)]
    public void A_clone_and_its_original_run_without_affecting_each_other(int at, bool originalFirst)
        => Program.AssertCloneAndOriginalEndAsUninterrupted(at, originalFirst);

    [Fact]
    public void The_uninterrupted_run_is_the_one_CSharp_gives()
    {
        Assert.Equal(
            new[]
            {
                "made left", "5ms waited 5", "made right", "left-5-right",
                "made pad", "11ms waited 6", "...pad",
                "list", "index 1", "18ms waited 7", "10,27",
                "index 2", "21ms waited 3", "23ms waited 2", "1,2,15",
                "made b", "case b",
                "closure 1", "30ms waited 1", "closure after 1",
                "closure 101", "35ms waited 1", "closure after 101",
            },
            Program.Uninterrupted());
    }

    [Fact]
    public void The_moments_saved_cover_every_suspension_with_a_temporary_live()
    {
        var state = typeof(SpilledTemporaryCoroutines.SpillsStateMachine).GetField("state", BindingFlags.NonPublic | BindingFlags.Instance)!;
        var seen = new HashSet<int>();
        foreach (var at in Enumerable.Range(0, 35))
        {
            var root = Program.StoppedAt(at).LiveCoroutines().Single(c => c.Name == "spills").Coroutine;
            seen.Add((int)state.GetValue(root)!);
        }
        // 1: the first argument kept; 2: the receiver; 3: list, index, old value; 4 and 5: index, old value
        // (and at 5 the first operand's value); 6: the switch's value; 7: the closure's variable; 8: its old value.
        Assert.Superset(new HashSet<int> { 1, 2, 3, 4, 5, 6, 7, 8 }, seen);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void The_spent_value_of_a_suspension_that_cannot_be_saved_is_not_saved(int at)
        => new SavedProgram<List<string>>("greet", () => SpilledTemporaryCoroutines.GreetCoroutine(new List<string>())).AssertRestoredAtEndsAsUninterrupted(at);
}
