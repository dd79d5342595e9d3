using System;
using System.Collections.Generic;
using System.Linq;
using Coroutines.Snapshots;
using Xunit;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// Channels in a snapshot (src/Runtime/Channels/Channel.Snapshots.cs): a program saved at every
/// millisecond of its run, restored into a fresh scheduler and cloned, prints what the
/// uninterrupted run prints; waiters keep their places in line, items their order and the
/// channels their capacity and closed state.
/// </summary>
public sealed class ChannelSnapshotTests
{
    private static readonly SnapshotOptions Options = new SnapshotOptions().UseJson(SnapshotTestJson.Default);

    private static (Scheduler Scheduler, SaveableChannelCoroutines.PipelineStateMachine Main) Start()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var main = scheduler.Spawn(SaveableChannelCoroutines.PipelineCoroutine(new List<string>()).WithName("pipeline"));
        return (scheduler, main);
    }

    private static List<string> Uninterrupted()
    {
        var (scheduler, main) = Start();
        scheduler.Run();
        Assert.Equal(CoroutineStatus.Completed, main.Status);
        return main.Result;
    }

    private static readonly SavedProgram<List<string>> Program = new("pipeline", () => SaveableChannelCoroutines.PipelineCoroutine(new List<string>()));

    private static Scheduler StoppedAt(int at) => Program.StoppedAt(at);

    private static List<string> RunToEnd(Scheduler scheduler) => Program.RunToEnd(scheduler);

    // Every millisecond of the run (it ends at 40 ms).
    public static IEnumerable<object[]> Moments() => Enumerable.Range(0, 41).Select(at => new object[] { at });

    [Theory]
    [MemberData(nameof(Moments))]
    public void A_program_restored_mid_wait_prints_what_the_uninterrupted_run_prints(int at)
    {
        var expected = Uninterrupted();
        var saved = StoppedAt(at);
        var restored = Scheduler.Restore(saved.SaveToBytes(Options), Options);
        Assert.Equal(TimeSpan.FromMilliseconds(at), restored.Now);
        Assert.Equal(expected, RunToEnd(restored));
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(4, false)]
    [InlineData(17, true)]
    [InlineData(31, false)]
    public void A_clone_and_its_original_run_without_affecting_each_other(int at, bool originalFirst)
    {
        var expected = Uninterrupted();
        var original = StoppedAt(at);
        var clone = original.Clone(Options);
        var (first, second) = originalFirst ? (original, clone) : (clone, original);
        Assert.Equal(expected, RunToEnd(first));
        Assert.Equal(expected, RunToEnd(second));
    }

    [Fact]
    public void The_moments_saved_cover_waiting_senders_waiting_receivers_and_handed_items()
    {
        // The test above is only as good as the waits it saves: it must see each kind at least once.
        var seen = new HashSet<string>();
        foreach (var at in Enumerable.Range(0, 41))
        {
            foreach (var live in StoppedAt(at).LiveCoroutines())
            {
                if (live.Coroutine.WaitingOn is WaitTarget { SavedBy: not null } wait)
                {
                    seen.Add(wait.SavedOutOfLine ? "handed" : wait.Describe().StartsWith("room", StringComparison.Ordinal) ? "sender" : "receiver");
                }
            }
        }
        Assert.Equal(new[] { "handed", "receiver", "sender" }, seen.Order());
    }

    private static Scheduler Drains(Channel<int> channel)
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new List<string>();
        channel.TrySend(1);
        channel.TrySend(2);
        channel.TrySend(3);
        scheduler.Spawn(SaveableChannelCoroutines.DrainCoroutine(channel, "one", 4, log).WithName("one"));
        scheduler.Spawn(SaveableChannelCoroutines.DrainCoroutine(channel, "two", 3, log).WithName("two"));
        scheduler.Spawn(SaveableChannelCoroutines.FeederCoroutine(channel, 4, 7).WithName("feeder"));
        return scheduler;
    }

    private static (List<string> Log, Channel<int> Channel) RunDrains(Scheduler scheduler)
    {
        var coroutines = scheduler.LiveCoroutines().Select(c => c.Coroutine).ToList();
        scheduler.Run();
        Assert.All(coroutines, c => Assert.Equal(CoroutineStatus.Completed, c.Status));
        var one = (SaveableChannelCoroutines.DrainStateMachine)coroutines.Single(c => c.Name == "one");
        var two = (SaveableChannelCoroutines.DrainStateMachine)coroutines.Single(c => c.Name == "two");
        Assert.Same(one.Result, two.Result); // one log, shared
        return (one.Result, ((SaveableChannelCoroutines.FeederStateMachine)coroutines.Single(c => c.Name == "feeder")).Result);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void A_channel_shared_by_coroutines_is_one_channel_after_restore_with_its_items_and_waiters_in_order(int at)
    {
        var (expected, _) = RunDrains(Drains(new Channel<int>(3)));
        var channel = new Channel<int>(3);
        var scheduler = Drains(channel);
        scheduler.CallLater(at, scheduler.Stop);
        scheduler.Run();
        var restored = Scheduler.Restore(scheduler.SaveToBytes());
        var (log, restoredChannel) = RunDrains(restored);
        Assert.Equal(expected, log);
        Assert.NotSame(channel, restoredChannel);
        Assert.Equal(3, restoredChannel.Capacity);
        Assert.True(restoredChannel.IsClosed);
        Assert.False(channel.IsClosed); // the original was not touched
    }

    [Fact]
    public void A_wait_on_a_channel_no_saved_field_holds_is_refused_naming_it()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>(1);
        scheduler.Spawn(SaveableChannelCoroutines.DrainCoroutine(channel, "drain", 1, new List<string>()).WithName("drain"));
        scheduler.Run(WhenStuck.Return);
        var options = new SnapshotOptions();
        options.Permanents.Add("channel", channel);
        var error = Assert.Throws<SnapshotException>(() => scheduler.SaveToBytes(options));
        Assert.Contains("coroutine 'drain'", error.Message, StringComparison.Ordinal);
        Assert.Contains("an item from a Channel<Int32>", error.Message, StringComparison.Ordinal);
        Assert.Contains("no field of a saved coroutine holds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_select_case_held_only_as_a_SelectCase_is_refused_naming_its_field()
    {
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.Spawn(SaveableChannelCoroutines.PickUntypedCoroutine(new Channel<int>(), 50).WithName("picker"));
        scheduler.CallLater(1, scheduler.Stop);
        scheduler.Run();
        var error = Assert.Throws<SnapshotException>(() => scheduler.SaveToBytes());
        Assert.Contains("coroutine 'picker' (Waiting), field 'fromLeft': a Yield.Select case (receive from Channel<Int32> (0 buffered)) held as a SelectCase: keep it in a local of its own type", error.Message, StringComparison.Ordinal);
    }
}
