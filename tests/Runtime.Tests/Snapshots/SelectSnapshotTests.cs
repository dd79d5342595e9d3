using System;
using System.Collections.Generic;
using System.Linq;
using Coroutines.Snapshots;
using Xunit;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// Selects in a snapshot (src/Runtime/Composition/Select/*.Snapshots.cs): a program saved at every
/// millisecond of its run, restored into a fresh scheduler and cloned, prints what the
/// uninterrupted run prints; a select's cases keep their places in their channels' lines, its
/// timeouts their remaining time, its end case its coroutine, a select won and not yet read its winner.
/// </summary>
public sealed class SelectSnapshotTests
{
    private const int End = 43; // the run's last millisecond

    private static (Scheduler Scheduler, SaveableSelectCoroutines.BrokerStateMachine Main) Start()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var main = scheduler.Spawn(SaveableSelectCoroutines.BrokerCoroutine(new List<string>()).WithName("broker"));
        return (scheduler, main);
    }

    private static List<string> Uninterrupted()
    {
        var (scheduler, main) = Start();
        scheduler.Run();
        Assert.Equal(CoroutineStatus.Completed, main.Status);
        return main.Result;
    }

    private static readonly SavedProgram<List<string>> Program = new("broker", () => SaveableSelectCoroutines.BrokerCoroutine(new List<string>()));

    private static Scheduler StoppedAt(int at) => Program.StoppedAt(at);

    private static List<string> RunToEnd(Scheduler scheduler) => Program.RunToEnd(scheduler);

    public static IEnumerable<object[]> Moments() => Enumerable.Range(0, End + 1).Select(at => new object[] { at });

    [Fact]
    public void The_program_ends_within_the_moments_saved_and_uses_every_case()
    {
        var log = Uninterrupted();
        Assert.Contains(log, line => line.Contains("select got", StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains("select timed out", StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains("sent True", StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains("gave up", StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains("worker ended", StringComparison.Ordinal));
        Assert.Contains(StoppedAt(End).LiveCoroutines(), c => c.Name == "broker");
        Assert.DoesNotContain(StoppedAt(End + 1).LiveCoroutines(), c => c.Name == "broker"); // the moments saved cover the whole run
    }

    [Theory]
    [MemberData(nameof(Moments))]
    public void A_program_restored_mid_select_prints_what_the_uninterrupted_run_prints(int at)
    {
        var expected = Uninterrupted();
        var saved = StoppedAt(at);
        var restored = Scheduler.Restore(saved.SaveToBytes());
        Assert.Equal(TimeSpan.FromMilliseconds(at), restored.Now);
        Assert.Equal(expected, RunToEnd(restored));
    }

    [Theory]
    [MemberData(nameof(Moments))]
    public void A_clone_and_its_original_run_without_affecting_each_other(int at)
    {
        var expected = Uninterrupted();
        var original = StoppedAt(at);
        var clone = original.Clone();
        var (first, second) = at % 2 == 0 ? (original, clone) : (clone, original);
        Assert.Equal(expected, RunToEnd(first));
        Assert.Equal(expected, RunToEnd(second));
    }

    [Fact]
    public void The_moments_saved_cover_a_select_wait_of_each_case_kind_a_select_won_but_not_read_and_a_paused_select()
    {
        // The tests above are only as good as the waits they save: they must see each kind.
        var seen = new HashSet<string>();
        foreach (var at in Enumerable.Range(0, End + 1))
        {
            var scheduler = StoppedAt(at);
            // The live dump leaves out a paused coroutine woken while paused (it is in no queue): the paused roots add it.
            foreach (var coroutine in scheduler.LiveCoroutines().Select(c => c.Coroutine).Concat(scheduler.PausedRoots()).Distinct())
            {
                if (coroutine.WaitingOn is not SelectOperation select)
                {
                    continue;
                }
                if (coroutine.Paused)
                {
                    seen.Add(select.Winner >= 0 ? "won while paused" : "paused");
                }
                if (select.Winner >= 0)
                {
                    seen.Add("won");
                    continue;
                }
                foreach (var selectCase in select.Cases)
                {
                    seen.Add(selectCase switch
                    {
                        ReceiveCase<int> => "receive",
                        SendCase<int> => "send",
                        TimeoutCase => "timeout",
                        EndCase => "end",
                        _ => "other",
                    });
                }
            }
        }
        Assert.Equal(new[] { "end", "paused", "receive", "send", "timeout", "won", "won while paused" }, seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_restored_select_shares_its_cases_with_the_fields_and_its_channel_with_the_other_coroutines()
    {
        var saved = StoppedAt(1); // the taker waits on jobs in a select; plain waits there too
        var restored = Scheduler.Restore(saved.SaveToBytes());
        var taker = restored.LiveCoroutines().Single(c => c.Name == "taker").Coroutine;
        var select = Assert.IsType<SelectOperation>(taker.WaitingOn);
        var receive = Assert.IsType<ReceiveCase<int>>(select.Cases[0]);
        var plain = restored.LiveCoroutines().Single(c => c.Name == "plain").Coroutine;
        Assert.Equal(CoroutineStatus.Waiting, taker.Status);
        Assert.Equal(CoroutineStatus.Waiting, plain.Status);
        Assert.Contains("receive from Channel<Int32>", receive.ToString(), StringComparison.Ordinal);
        Assert.Same(restored, select.Scheduler);
    }
}
