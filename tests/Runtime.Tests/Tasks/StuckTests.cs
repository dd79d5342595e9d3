using System;
using System.Linq;
using Xunit;

namespace Coroutines.Tests.Tasks;

/// <summary>A loop that says when it is stuck: coroutines left waiting with nothing to wake them are named, with what they wait for and where.</summary>
public partial class StuckTests
{
    [Coroutine]
    private static int ReadOne(Channel<int> channel)
    {
        int item = channel.Receive(); // STUCK-RECEIVE
        return item;
    }

    [Coroutine]
    private static int Reader(Channel<int> channel)
    {
        Yield.Sleep(10);
        int item = ReadOne(channel); // STUCK-CALL
        return item;
    }

    [Coroutine]
    private static void Gather(Coroutine a, Coroutine b)
    {
        Yield.AwaitAll(a, b); // STUCK-GROUP
    }

    [Coroutine]
    private static void Partner(string name, Coroutine?[] others, int me)
    {
        Yield.Sleep(1);
        Yield.Await(others[1 - me]!); // STUCK-MUTUAL
    }

    private static StuckReport RunStuck(Scheduler scheduler)
    {
        var report = scheduler.Run(WhenStuck.Return);
        Assert.NotNull(report);
        return report!;
    }

    [Fact]
    public void A_receive_on_a_channel_nobody_writes_is_reported_with_its_logical_stack()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var reader = scheduler.Spawn(ReaderCoroutine(new Channel<int>(2)));

        var exception = Assert.Throws<SchedulerStuckException>(scheduler.Run);

        var info = Assert.Single(exception.Report.Coroutines);
        Assert.Same(reader, info.Coroutine);
        Assert.Equal(CoroutineStatus.Waiting, info.Status);
        Assert.Equal("waiting for an item from a Channel<Int32> (0 of 2 items)", info.Activity);
        Assert.Equal(["StuckTests.ReadOne", "StuckTests.Reader"], info.Frames.Select(f => f.Method));
        Assert.Equal([SourceMarkers.LineOf("STUCK-RECEIVE"), SourceMarkers.LineOf("STUCK-CALL")], info.Frames.Select(f => f.Line));
        Assert.All(info.Frames, f => Assert.EndsWith("StuckTests.cs", f.File, StringComparison.Ordinal));
        Assert.Contains($"at StuckTests.ReadOne (StuckTests.cs:{SourceMarkers.LineOf("STUCK-RECEIVE")})", exception.Message, StringComparison.Ordinal);
        Assert.Contains("The scheduler is stuck at 0.01 s", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_that_cannot_finish_is_reported_with_the_waiter_and_its_children()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>();
        var a = ReadOneCoroutine(channel);
        a.Name = "a";
        var b = ReaderCoroutine(channel);
        b.Name = "b";
        var gather = scheduler.Spawn(GatherCoroutine(a, b));

        var report = RunStuck(scheduler);

        Assert.Equal(["Gather", "a", "b"], report.Coroutines.Select(c => c.Name).Order(StringComparer.Ordinal));
        var waiter = report.Coroutines.Single(c => c.Coroutine == gather);
        Assert.Equal("waiting for all of 'a', 'b' (2 still running)", waiter.Activity);
        Assert.Equal(SourceMarkers.LineOf("STUCK-GROUP"), Assert.Single(waiter.Frames).Line);
        Assert.Equal(SourceMarkers.LineOf("STUCK-RECEIVE"), report.Coroutines.Single(c => c.Name == "a").Frames[0].Line);
    }

    [Fact]
    public void Two_coroutines_waiting_for_each_other_are_both_reported()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var pair = new Coroutine?[2];
        pair[0] = PartnerCoroutine("left", pair, 0);
        pair[0]!.Name = "left";
        pair[1] = PartnerCoroutine("right", pair, 1);
        pair[1]!.Name = "right";
        scheduler.Spawn(pair[0]!);
        scheduler.Spawn(pair[1]!);

        var report = RunStuck(scheduler);

        Assert.Equal(2, report.Coroutines.Count);
        Assert.Contains(report.Coroutines, c => c.Name == "left" && c.Activity == "waiting for coroutine 'right' (Waiting)");
        Assert.Contains(report.Coroutines, c => c.Name == "right" && c.Activity == "waiting for coroutine 'left' (Waiting)");
        Assert.All(report.Coroutines, c => Assert.Equal(SourceMarkers.LineOf("STUCK-MUTUAL"), c.Frames[0].Line));
    }

    [Fact]
    public void A_run_where_everything_ends_or_that_is_stopped_reports_nothing()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>();
        scheduler.Spawn(ReadOneCoroutine(channel));
        scheduler.CallLater(5, () => channel.TrySend(1));
        Assert.Null(scheduler.Run(WhenStuck.Return));

        scheduler.Spawn(ReadOneCoroutine(channel));
        scheduler.CallSoon(scheduler.Stop);
        Assert.Null(scheduler.Run(WhenStuck.Return)); // stopped: it may still be woken later
        channel.TrySend(2);
        Assert.Null(scheduler.Run(WhenStuck.Return));
    }
}
