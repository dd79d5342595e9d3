using System;
using Xunit;

namespace Coroutines.Tests.Composition;

/// <summary>Yield.Select over channel receives and sends, timeouts and coroutine ends.</summary>
public partial class SelectTests
{
    [Coroutine]
    private static void Pick(Channel<int> left, Channel<int> right, int timeoutMs, Trace trace)
    {
        var fromLeft = Case.Receive(left);
        var fromRight = Case.Receive(right);
        int chosen = Yield.Select(fromLeft, fromRight, Case.Timeout(timeoutMs));
        if (chosen == 0)
        {
            trace.Add($"left {fromLeft.Item}");
        }
        else if (chosen == 1)
        {
            trace.Add($"right {fromRight.Item}");
        }
        else
        {
            trace.Add("timeout");
        }
    }

    [Fact]
    public void When_several_cases_are_ready_the_first_in_argument_order_wins_and_the_other_items_stay()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var left = new Channel<int>();
        var right = new Channel<int>();
        left.TrySend(1);
        right.TrySend(2);
        scheduler.Spawn(PickCoroutine(left, right, 100, trace));
        scheduler.Spawn(PickCoroutine(right, left, 100, trace)); // the same channels, in the other order

        scheduler.Run();

        Assert.Equal(new[] { "t=0 left 1", "t=0 left 2" }, trace.Lines);
        Assert.Equal(0, left.Count + right.Count);
    }

    [Coroutine]
    private static void SendLater(Channel<int> channel, int ms, int item)
    {
        Yield.Sleep(ms);
        channel.Send(item);
    }

    [Fact]
    public void The_first_case_to_happen_wins_and_the_others_are_withdrawn_so_nothing_is_lost()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var left = new Channel<int>();
        var right = new Channel<int>();
        scheduler.Spawn(PickCoroutine(left, right, 1000, trace));
        scheduler.Spawn(SendLaterCoroutine(right, 100, 7));
        scheduler.Spawn(SendLaterCoroutine(left, 200, 8)); // after the select ended: stays in the channel

        scheduler.Run();

        Assert.Equal(new[] { "t=0.1 right 7" }, trace.Lines);
        Assert.True(left.TryReceive(out var kept));
        Assert.Equal(8, kept);
        Assert.Equal(TimeSpan.FromMilliseconds(200), scheduler.Now); // the timeout was withdrawn: no timer left
    }

    [Fact]
    public void A_timeout_wins_when_nothing_else_happens_in_time()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var left = new Channel<int>();
        var right = new Channel<int>();
        scheduler.Spawn(PickCoroutine(left, right, 100, trace));

        scheduler.Run();

        Assert.Equal(new[] { "t=0.1 timeout" }, trace.Lines);
        Assert.True(left.TrySend(1)); // no receive case is left in line
        Assert.True(left.TryReceive(out _));
    }

    [Fact]
    public void A_select_cancelled_after_an_item_was_handed_to_it_gives_the_item_back()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var left = new Channel<int>();
        var right = new Channel<int>();
        var picker = scheduler.Spawn(PickCoroutine(left, right, 1000, trace));
        scheduler.CallLater(100, () =>
        {
            Assert.True(left.TrySend(5)); // handed to the waiting select: it is woken, not yet run
            picker.Cancel();
        });

        scheduler.Run();

        Assert.Empty(trace.Lines);
        Assert.True(left.TryReceive(out var back));
        Assert.Equal(5, back);
        Assert.Equal(0, right.Count);
    }

    [Coroutine]
    private static void Offer(Channel<int> channel, int item, Trace trace)
    {
        var send = Case.Send(channel, item);
        int chosen = Yield.Select(send, Case.Timeout(100));
        trace.Add(chosen == 0 ? $"sent {item} ({send.Sent})" : $"gave up on {item}");
    }

    [Coroutine]
    private static void ReceiveAfter(Channel<int> channel, int ms, Trace trace)
    {
        Yield.Sleep(ms);
        int item = channel.Receive();
        trace.Add($"received {item}");
    }

    [Fact]
    public void A_send_case_sends_only_if_it_wins()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var rendezvous = new Channel<int>(0);
        scheduler.Spawn(OfferCoroutine(rendezvous, 1, trace));
        scheduler.Spawn(ReceiveAfterCoroutine(rendezvous, 50, trace));
        scheduler.Spawn(OfferCoroutine(new Channel<int>(0), 2, trace)); // nobody receives

        scheduler.Run();

        Assert.Equal(new[] { "t=0.05 received 1", "t=0.05 sent 1 (True)", "t=0.1 gave up on 2" }, trace.Lines);
    }

    [Coroutine]
    private static void Watch(Coroutine worker, Channel<int> channel, Trace trace)
    {
        var item = Case.Receive(channel);
        int chosen = Yield.Select(item, Case.End(worker));
        trace.Add(chosen == 1 ? $"worker ended: {worker.Status}" : $"item {item.Item}");
    }

    [Coroutine]
    private static void Work(int ms) => Yield.Sleep(ms);

    [Fact]
    public void A_coroutine_end_case_wins_when_it_ends_first_and_the_coroutine_is_not_cancelled_when_another_wins()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>();
        var worker = WorkCoroutine(100);
        scheduler.Spawn(WatchCoroutine(worker, channel, trace));
        var long_ = WorkCoroutine(500);
        scheduler.Spawn(WatchCoroutine(long_, channel, trace));
        scheduler.CallLater(200, () => channel.TrySend(9));

        scheduler.Run();

        Assert.Equal(new[] { "t=0.1 worker ended: Completed", "t=0.2 item 9" }, trace.Lines);
        Assert.Equal(CoroutineStatus.Completed, long_.Status);
    }

    [Fact]
    public void A_closed_channel_makes_its_receive_case_win_with_no_item()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var left = new Channel<int>();
        var right = new Channel<int>();
        var picker = scheduler.Spawn(ClosedPickCoroutine(left, right, trace));
        scheduler.CallLater(100, left.Close);

        scheduler.Run();

        Assert.Equal(new[] { "t=0.1 left closed" }, trace.Lines);
        Assert.Equal(CoroutineStatus.Completed, picker.Status);
    }

    [Coroutine]
    private static void ClosedPick(Channel<int> left, Channel<int> right, Trace trace)
    {
        var fromLeft = Case.Receive(left);
        int chosen = Yield.Select(fromLeft, Case.Receive(right));
        trace.Add(chosen == 0 && fromLeft.Closed ? "left closed" : "?");
    }

    [Fact]
    public void A_waiting_select_describes_its_cases_and_bad_input_is_refused()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var picker = scheduler.Spawn(PickCoroutine(new Channel<int>(), new Channel<int>(), 100, new Trace()));
        string? seen = null;
        scheduler.CallLater(50, () => seen = picker.WaitingOn!.ToString());

        scheduler.Run();

        Assert.Equal("select of receive from Channel<Int32> (0 buffered), receive from Channel<Int32> (0 buffered), a timeout of 100 ms", seen);
        Assert.Throws<ArgumentException>(() => Yield.Select());
        Assert.Throws<ArgumentNullException>(() => Yield.Select(null!));
        Assert.Throws<InvalidOperationException>(() => Yield.Select(Case.Receive(new Channel<int>())));
        using (Clock.Use(new VirtualClock()))
        {
            Assert.Equal(1, Yield.Select(Case.Receive(new Channel<int>()), Case.Timeout(30)));
            Assert.Equal(TimeSpan.FromMilliseconds(30), Clock.Current.Now);
        }
    }
}
