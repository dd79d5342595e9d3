using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using static Coroutines.Tests.WaitCoroutines;

namespace Coroutines.Tests.Channels;

// Channel<T>, with senders and receivers lowered as the generator does: channel.Send(x) becomes
// `return channel.BeginSend(x);`, and `var x = channel.Receive();` becomes
// `return channel.BeginReceive();` then, in the next step (after ThrowPending), `x = channel.EndReceive();`.
[Collection(AllocationCollection.Name)]
public class ChannelTests
{
    /// <summary>
    /// <code>
    /// [Coroutine] int Produce(Channel&lt;int&gt; channel, int[] items, int startMs, int pauseMs)
    /// {
    ///     for (var i = 0; i &lt; items.Length; i++)
    ///     {
    ///         var delay = i == 0 ? startMs : pauseMs;
    ///         if (delay &gt; 0) Yield.Sleep(delay);
    ///         channel.Send(items[i]);
    ///         trace($"name sent {items[i]}");
    ///     }
    ///     trace("name done");
    ///     return items.Length;
    /// }
    /// </code>
    /// Allocates nothing per item when <paramref name="trace"/> is null.
    /// </summary>
    private static StepsCoroutine<int> Producer(string name, Trace? trace, Channel<int> channel, int[] items, int startMs = 0, int pauseMs = 0)
    {
        var next = 0;
        var sending = false;
        var slept = false;
        return new StepsCoroutine<int>(name, trace, (step, self) =>
        {
            if (sending)
            {
                sending = false;
                trace?.Add($"{name} sent {items[next]}");
                next++;
            }
            if (next == items.Length)
            {
                trace?.Add($"{name} done");
                return self.Return(next);
            }
            var delay = next == 0 ? startMs : pauseMs;
            if (delay > 0 && !slept)
            {
                slept = true;
                return Suspension.Sleep(delay);
            }
            slept = false;
            var suspension = channel.BeginSend(items[next]);
            sending = true;
            return suspension;
        });
    }

    /// <summary>
    /// <code>
    /// [Coroutine] int Consume(Channel&lt;int&gt; channel, int count, int startMs, int pauseMs)
    /// {
    ///     for (var i = 0; i &lt; count; i++)
    ///     {
    ///         var delay = i == 0 ? startMs : pauseMs;
    ///         if (delay &gt; 0) Yield.Sleep(delay);
    ///         var item = channel.Receive();
    ///         trace($"name got {item}");
    ///     }
    ///     trace("name done");
    ///     return count;
    /// }
    /// </code>
    /// </summary>
    private static StepsCoroutine<int> Consumer(string name, Trace? trace, Channel<int> channel, int count, int startMs = 0, int pauseMs = 0)
    {
        var received = 0;
        var receiving = false;
        var slept = false;
        return new StepsCoroutine<int>(name, trace, (step, self) =>
        {
            if (receiving)
            {
                receiving = false;
                var item = channel.EndReceive();
                trace?.Add($"{name} got {item}");
                received++;
            }
            if (received == count)
            {
                trace?.Add($"{name} done");
                return self.Return(received);
            }
            var delay = received == 0 ? startMs : pauseMs;
            if (delay > 0 && !slept)
            {
                slept = true;
                return Suspension.Sleep(delay);
            }
            slept = false;
            var suspension = channel.BeginReceive();
            receiving = true;
            return suspension;
        });
    }

    private static List<int> Drain(Channel<int> channel)
    {
        var items = new List<int>();
        while (channel.TryReceive(out var item))
        {
            items.Add(item);
        }
        return items;
    }

    [Fact]
    public void Items_come_out_in_the_order_they_were_sent()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>();
        // The consumer waits first: item 1 is handed to it, 2..5 go through the buffer.
        var consumer = scheduler.Spawn(Consumer("c", trace, channel, 5));
        scheduler.Spawn(Producer("p", trace, channel, new[] { 1, 2, 3, 4, 5 }));

        scheduler.Run();

        Assert.Equal(
            new[]
            {
                "t=0 p sent 1", "t=0 p sent 2", "t=0 p sent 3", "t=0 p sent 4", "t=0 p sent 5", "t=0 p done",
                "t=0 c got 1", "t=0 c got 2", "t=0 c got 3", "t=0 c got 4", "t=0 c got 5", "t=0 c done",
            },
            trace.Lines);
        Assert.Equal(CoroutineStatus.Completed, consumer.Status);
        Assert.Equal(0, channel.Count);
    }

    [Fact]
    public void An_unbounded_channel_never_makes_a_sender_wait()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        var channel = new Channel<int>();
        var producer = scheduler.Spawn(Producer("p", null, channel, Enumerable.Range(0, 1000).ToArray()));

        scheduler.Run();

        Assert.Equal(int.MaxValue, channel.Capacity);
        Assert.Equal(CoroutineStatus.Completed, producer.Status);
        Assert.Equal(1000, channel.Count);
        Assert.Equal(1000, observer.Events.Count(e => e == "t=0 suspended p Continue"));
        Assert.DoesNotContain(observer.Events, e => e.EndsWith(" Wait", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.Zero, scheduler.Now);

        for (var i = 1000; i < 20_000; i++)
        {
            channel.Send(i); // directly, outside a coroutine: never full
        }
        Assert.Equal(Enumerable.Range(0, 20_000), Drain(channel));
    }

    [Fact]
    public void A_bounded_channel_makes_a_fast_producer_wait_for_a_slow_consumer()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>(2);
        var producer = scheduler.Spawn(Producer("p", trace, channel, new[] { 1, 2, 3, 4, 5, 6 }));
        var consumer = scheduler.Spawn(Consumer("c", trace, channel, 6, startMs: 100, pauseMs: 100));
        scheduler.CallLater(250, () =>
        {
            trace.Add($"count {channel.Count}, producer {producer.Status}");
        });

        scheduler.Run();

        Assert.Equal(
            new[]
            {
                "t=0 p sent 1", "t=0 p sent 2",
                "t=0.1 c got 1", "t=0.1 p sent 3",
                "t=0.2 c got 2", "t=0.2 p sent 4",
                "t=0.25 count 2, producer Waiting",
                "t=0.3 c got 3", "t=0.3 p sent 5",
                "t=0.4 c got 4", "t=0.4 p sent 6", "t=0.4 p done",
                "t=0.5 c got 5",
                "t=0.6 c got 6", "t=0.6 c done",
            },
            trace.Lines);
        Assert.Equal(6, consumer.Result);
    }

    [Fact]
    public void Waiting_receivers_are_served_in_the_order_they_began_to_wait()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>();
        scheduler.Spawn(Consumer("r1", trace, channel, 1, startMs: 30));
        scheduler.Spawn(Consumer("r2", trace, channel, 1, startMs: 10));
        scheduler.Spawn(Consumer("r3", trace, channel, 1, startMs: 20));
        scheduler.Spawn(Producer("p", trace, channel, new[] { 1, 2, 3 }, startMs: 100));

        scheduler.Run();

        Assert.Equal(
            new[]
            {
                "t=0.1 p sent 1", "t=0.1 p sent 2", "t=0.1 p sent 3", "t=0.1 p done",
                "t=0.1 r2 got 1", "t=0.1 r2 done", "t=0.1 r3 got 2", "t=0.1 r3 done", "t=0.1 r1 got 3", "t=0.1 r1 done",
            },
            trace.Lines);
    }

    [Fact]
    public void Waiting_senders_are_served_in_the_order_they_began_to_wait()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>(1);
        Assert.True(channel.TrySend(0));
        scheduler.Spawn(Producer("s1", trace, channel, new[] { 1 }, startMs: 30));
        scheduler.Spawn(Producer("s2", trace, channel, new[] { 2 }, startMs: 10));
        scheduler.Spawn(Producer("s3", trace, channel, new[] { 3 }, startMs: 20));
        scheduler.Spawn(Consumer("c", trace, channel, 4, startMs: 100, pauseMs: 100));

        scheduler.Run();

        Assert.Equal(
            new[]
            {
                "t=0.1 c got 0", "t=0.1 s2 sent 2", "t=0.1 s2 done",
                "t=0.2 c got 2", "t=0.2 s3 sent 3", "t=0.2 s3 done",
                "t=0.3 c got 3", "t=0.3 s1 sent 1", "t=0.3 s1 done",
                "t=0.4 c got 1", "t=0.4 c done",
            },
            trace.Lines);
    }

    [Fact]
    public void A_channel_of_capacity_zero_is_a_rendezvous()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>(0);
        var producer = scheduler.Spawn(Producer("p", trace, channel, new[] { 1, 2, 3 }));
        scheduler.Spawn(Consumer("c", trace, channel, 3, startMs: 100, pauseMs: 100));
        scheduler.CallLater(150, () => trace.Add($"count {channel.Count}, producer {producer.Status}"));

        scheduler.Run();

        Assert.Equal(
            new[]
            {
                "t=0.1 c got 1", "t=0.1 p sent 1",
                "t=0.15 count 0, producer Waiting",
                "t=0.2 c got 2", "t=0.2 p sent 2",
                "t=0.3 c got 3", "t=0.3 c done", "t=0.3 p sent 3", "t=0.3 p done",
            },
            trace.Lines);
    }

    [Fact]
    public void Closing_wakes_waiting_receivers_with_ChannelClosedException()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var faults = new FaultLog(scheduler);
        var channel = new Channel<int>();
        var r1 = scheduler.Spawn(Consumer("r1", trace, channel, 1));
        var r2 = scheduler.Spawn(Consumer("r2", trace, channel, 1));
        scheduler.CallLater(100, channel.Close);

        scheduler.Run();

        scheduler.ReportUnobservedFaults(); // faults nobody read, reported now

        Assert.Equal(new[] { "t=0.1 r1 threw ChannelClosedException", "t=0.1 r2 threw ChannelClosedException" }, trace.Lines);
        Assert.Equal(new Coroutine[] { r1, r2 }, faults.Reports.Select(r => r.Coroutine));
        foreach (var receiver in new[] { r1, r2 })
        {
            Assert.Equal(CoroutineStatus.Faulted, receiver.Status);
            var error = Assert.IsType<ChannelClosedException>(receiver.Exception);
            Assert.Equal("The channel was closed while this coroutine waited to receive.", error.Message);
        }
        Assert.Equal(Ms(100), scheduler.Now);
    }

    [Fact]
    public void Closing_fails_waiting_senders_without_delivering_their_items_and_buffered_items_are_still_received()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var faults = new FaultLog(scheduler);
        var channel = new Channel<int>(1);
        Assert.True(channel.TrySend(0));
        var s1 = scheduler.Spawn(Producer("s1", trace, channel, new[] { 1 }));
        var s2 = scheduler.Spawn(Producer("s2", trace, channel, new[] { 2 }));
        var consumer = scheduler.Spawn(Consumer("c", trace, channel, 2, startMs: 200));
        scheduler.CallLater(100, () =>
        {
            channel.Close();
            trace.Add($"closed, count {channel.Count}");
        });

        scheduler.Run();

        scheduler.ReportUnobservedFaults(); // faults nobody read, reported now

        Assert.Equal(
            new[]
            {
                "t=0.1 closed, count 1",
                "t=0.1 s1 threw ChannelClosedException", "t=0.1 s2 threw ChannelClosedException",
                "t=0.2 c got 0", "t=0.2 c threw ChannelClosedException",
            },
            trace.Lines);
        foreach (var sender in new[] { s1, s2 })
        {
            Assert.Equal(
                "The channel was closed while this coroutine waited to send; the item was not sent.",
                Assert.IsType<ChannelClosedException>(sender.Exception).Message);
        }
        Assert.Equal(
            "The channel is closed and every item in it was received.",
            Assert.IsType<ChannelClosedException>(consumer.Exception).Message);
        Assert.Equal(3, faults.Reports.Count);
        Assert.Equal(0, channel.Count);
        Assert.True(channel.IsClosed);
    }

    [Fact]
    public void Sending_to_a_closed_channel_from_a_coroutine_throws_at_once()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var faults = new FaultLog(scheduler);
        var channel = new Channel<int>();
        channel.Close();
        var producer = scheduler.Spawn(Producer("p", trace, channel, new[] { 1 }, startMs: 50));

        scheduler.Run();

        scheduler.ReportUnobservedFaults(); // faults nobody read, reported now

        Assert.Equal(new[] { "t=0.05 p threw ChannelClosedException" }, trace.Lines);
        Assert.Equal("The channel is closed: nothing more can be sent to it.", Assert.IsType<ChannelClosedException>(producer.Exception).Message);
        Assert.Single(faults.Reports);
        Assert.Equal(0, channel.Count);
    }

    [Fact]
    public void Close_called_directly_keeps_buffered_items_for_receivers_then_refuses()
    {
        var channel = new Channel<int>(2);
        channel.Send(1);
        channel.Send(2);
        channel.Close();
        channel.Close(); // twice: nothing more happens

        Assert.True(channel.IsClosed);
        Assert.Equal(
            "The channel is closed: nothing more can be sent to it.",
            Assert.Throws<ChannelClosedException>(() => channel.Send(3)).Message);
        Assert.False(channel.TrySend(3));
        Assert.Equal(2, channel.Count);
        Assert.Equal(1, channel.Receive());
        Assert.True(channel.TryReceive(out var second));
        Assert.Equal(2, second);
        Assert.Equal(
            "The channel is closed and every item in it was received.",
            Assert.Throws<ChannelClosedException>(() => channel.Receive()).Message);
        Assert.False(channel.TryReceive(out var none));
        Assert.Equal(0, none);
    }

    [Fact]
    public void TrySend_and_TryReceive_never_wait()
    {
        var channel = new Channel<int>(2);
        Assert.Equal(2, channel.Capacity);
        Assert.True(channel.TrySend(1));
        Assert.True(channel.TrySend(2));
        Assert.False(channel.TrySend(3)); // full
        Assert.Equal(2, channel.Count);
        Assert.True(channel.TryReceive(out var a));
        Assert.Equal(1, a);
        Assert.True(channel.TrySend(3));
        Assert.Equal(new[] { 2, 3 }, Drain(channel));
        Assert.False(channel.TryReceive(out var none));
        Assert.Equal(0, none);

        var rendezvous = new Channel<int>(0);
        Assert.False(rendezvous.TrySend(1)); // nobody waits to receive
        Assert.False(rendezvous.TryReceive(out _));
    }

    [Fact]
    public void TrySend_hands_an_item_to_a_waiting_receiver_and_TryReceive_takes_one_from_a_waiting_sender()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var toReceiver = new Channel<int>(0);
        var fromSender = new Channel<int>(0);
        scheduler.Spawn(Consumer("r", trace, toReceiver, 1));
        scheduler.Spawn(Producer("s", trace, fromSender, new[] { 8 }));
        scheduler.CallLater(100, () =>
        {
            trace.Add($"TrySend(5): {toReceiver.TrySend(5)}");
            trace.Add($"TryReceive: {fromSender.TryReceive(out var item)} {item}");
        });

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0.1 TrySend(5): True", "t=0.1 TryReceive: True 8", "t=0.1 r got 5", "t=0.1 r done", "t=0.1 s sent 8", "t=0.1 s done" },
            trace.Lines);
    }

    [Fact]
    public void Cancelling_a_waiting_receiver_takes_it_out_of_line()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>();
        var r1 = scheduler.Spawn(Consumer("r1", trace, channel, 1));
        var r2 = scheduler.Spawn(Consumer("r2", trace, channel, 1));
        scheduler.CallLater(100, r1.Cancel);
        scheduler.CallLater(200, () => channel.Send(7));

        scheduler.Run();

        Assert.Equal(new[] { "t=0.1 r1 threw OperationCanceledException", "t=0.2 r2 got 7", "t=0.2 r2 done" }, trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, r1.Status);
        Assert.Equal(CoroutineStatus.Completed, r2.Status);
        Assert.Equal(0, channel.Count);
    }

    [Fact]
    public void Cancelling_a_waiting_sender_withdraws_its_item()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>(1);
        Assert.True(channel.TrySend(0));
        var s1 = scheduler.Spawn(Producer("s1", trace, channel, new[] { 1 }));
        scheduler.Spawn(Producer("s2", trace, channel, new[] { 2 }));
        scheduler.Spawn(Consumer("c", trace, channel, 2, startMs: 200));
        scheduler.CallLater(100, s1.Cancel);

        scheduler.Run();

        Assert.Equal(
            new[]
            {
                "t=0.1 s1 threw OperationCanceledException",
                "t=0.2 c got 0", "t=0.2 c got 2", "t=0.2 c done", "t=0.2 s2 sent 2", "t=0.2 s2 done",
            },
            trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, s1.Status);
        Assert.Equal(0, channel.Count);
    }

    [Fact]
    public void Cancelling_a_receiver_handed_an_item_before_it_ran_gives_the_item_to_the_next_waiting_receiver()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>();
        var r1 = scheduler.Spawn(Consumer("r1", trace, channel, 1));
        var r2 = scheduler.Spawn(Consumer("r2", trace, channel, 1));
        scheduler.CallLater(100, () =>
        {
            Assert.True(channel.TrySend(7)); // to r1, which is now Ready with the item
            Assert.Equal(CoroutineStatus.Ready, r1.Status);
            r1.Cancel();
        });

        scheduler.Run();

        Assert.Equal(new[] { "t=0.1 r1 threw OperationCanceledException", "t=0.1 r2 got 7", "t=0.1 r2 done" }, trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, r1.Status);
        Assert.Equal(0, channel.Count);
    }

    [Fact]
    public void Cancelling_a_receiver_handed_an_item_before_it_ran_puts_the_item_back_at_the_front_of_the_buffer()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>(2);
        var r1 = scheduler.Spawn(Consumer("r1", trace, channel, 1));
        scheduler.Spawn(Consumer("c", trace, channel, 3, startMs: 200));
        scheduler.CallLater(100, () =>
        {
            Assert.True(channel.TrySend(1)); // handed to r1
            Assert.True(channel.TrySend(2));
            Assert.True(channel.TrySend(3));
            r1.Cancel();
            trace.Add($"count {channel.Count}, TrySend(4): {channel.TrySend(4)}");
        });

        scheduler.Run();

        Assert.Equal(
            new[]
            {
                "t=0.1 count 3, TrySend(4): False", "t=0.1 r1 threw OperationCanceledException",
                "t=0.2 c got 1", "t=0.2 c got 2", "t=0.2 c got 3", "t=0.2 c done",
            },
            trace.Lines);
    }

    [Fact]
    public void A_receiver_that_cancelled_itself_gives_back_the_item_its_receive_took_at_once()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>(4);
        channel.Send(1);
        channel.Send(2);
        var receiver = scheduler.Spawn(new StepsCoroutine<int>("r", trace, (step, self) =>
        {
            if (step == 0)
            {
                self.Cancel();
                return channel.BeginReceive(); // takes item 1 at once: Continue
            }
            trace.Add($"r got {channel.EndReceive()}");
            return self.Return(0);
        }));

        scheduler.Run();

        Assert.Equal(new[] { "t=0 r threw OperationCanceledException" }, trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, receiver.Status);
        Assert.Equal(new[] { 1, 2 }, Drain(channel));
    }

    [Fact]
    public void Items_given_back_by_several_cancelled_receivers_keep_the_order_they_were_sent_in()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>();
        var r1 = scheduler.Spawn(Consumer("r1", null, channel, 1));
        var r2 = scheduler.Spawn(Consumer("r2", null, channel, 1));
        scheduler.CallLater(100, () =>
        {
            Assert.True(channel.TrySend(1)); // handed to r1
            Assert.True(channel.TrySend(2)); // handed to r2
            Assert.True(channel.TrySend(3)); // buffered
            r1.Cancel();
            r2.Cancel();
        });

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Canceled, r1.Status);
        Assert.Equal(CoroutineStatus.Canceled, r2.Status);
        Assert.Equal(new[] { 1, 2, 3 }, Drain(channel));
    }

    [Fact]
    public void Called_directly_a_send_that_would_wait_or_a_receive_that_would_wait_throws_a_helpful_error()
    {
        var channel = new Channel<int>(1);
        channel.Send(1);
        var full = Assert.Throws<InvalidOperationException>(() => channel.Send(2));
        Assert.Equal(
            "The channel is full (capacity 1) and Send was called outside a coroutine, where it cannot wait: " +
            "nothing else can run on this thread to make room. Use TrySend, or call Send inside a [Coroutine] method.",
            full.Message);
        Assert.Equal(1, channel.Receive());
        var empty = Assert.Throws<InvalidOperationException>(() => channel.Receive());
        Assert.Equal(
            "The channel is empty and Receive was called outside a coroutine, where it cannot wait: " +
            "nothing else can run on this thread to send. Use TryReceive, or call Receive inside a [Coroutine] method.",
            empty.Message);

        var rendezvous = new Channel<int>(0);
        Assert.StartsWith(
            "The channel is full (capacity 0) and Send was called outside a coroutine",
            Assert.Throws<InvalidOperationException>(() => rendezvous.Send(1)).Message,
            StringComparison.Ordinal);
        Assert.Equal(0, rendezvous.Count);
    }

    [Fact]
    public void Called_directly_send_and_receive_meet_a_waiting_coroutine()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var toReceiver = new Channel<int>(0);
        var fromSender = new Channel<int>(0);
        scheduler.Spawn(Consumer("r", trace, toReceiver, 1));
        scheduler.Spawn(Producer("s", trace, fromSender, new[] { 4 }));
        scheduler.RunDue(); // both are waiting now

        toReceiver.Send(3); // not inside a coroutine, but a receiver waits: no need to wait
        Assert.Equal(4, fromSender.Receive());
        scheduler.Run();

        Assert.Equal(new[] { "t=0 r got 3", "t=0 r done", "t=0 s sent 4", "t=0 s done" }, trace.Lines);
    }

    [Fact]
    public void The_suspension_methods_are_refused_outside_a_coroutine_step()
    {
        var channel = new Channel<int>();
        Assert.StartsWith(
            "Channel.Send can only be used while a scheduler runs a coroutine's step",
            Assert.Throws<InvalidOperationException>(() => channel.BeginSend(1)).Message,
            StringComparison.Ordinal);
        Assert.StartsWith(
            "Channel.Receive can only be used while a scheduler runs a coroutine's step",
            Assert.Throws<InvalidOperationException>(() => channel.BeginReceive()).Message,
            StringComparison.Ordinal);
        Assert.StartsWith(
            "Channel.EndReceive can only be used while a scheduler runs a coroutine's step",
            Assert.Throws<InvalidOperationException>(() => channel.EndReceive()).Message,
            StringComparison.Ordinal);
        Assert.Equal(0, channel.Count);

        var scheduler = new Scheduler(new VirtualClock());
        InvalidOperationException? noBegin = null;
        scheduler.Spawn(new StepsCoroutine<int>("r", null, (step, self) =>
        {
            noBegin = Assert.Throws<InvalidOperationException>(() => channel.EndReceive());
            return self.Return(0);
        }));
        scheduler.Run();
        Assert.Equal("Coroutine 'r' has no item from this channel to read: EndReceive must follow its BeginReceive.", noBegin!.Message);
    }

    [Fact]
    public void A_negative_capacity_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Channel<int>(-1));
        Assert.Equal("capacity", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16)]
    public void Steady_state_ping_pong_allocates_nothing_per_item(int capacity)
    {
        const int Warmup = 1_000;
        const int Measured = 100_000;
        const int Total = Warmup + Measured + 10;
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>(capacity);
        long before = 0;
        long after = 0;
        var received = 0;
        var outOfOrder = 0;
        scheduler.Spawn(new StepsCoroutine<int>("p", null, (step, self) =>
            step == Total ? self.Return(step) : channel.BeginSend(step)));
        var consumer = scheduler.Spawn(new StepsCoroutine<int>("c", null, (step, self) =>
        {
            if (step > 0)
            {
                if (channel.EndReceive() != received)
                {
                    outOfOrder++;
                }
                received++;
                if (received == Warmup)
                {
                    before = GC.GetAllocatedBytesForCurrentThread();
                }
                else if (received == Warmup + Measured)
                {
                    after = GC.GetAllocatedBytesForCurrentThread();
                }
                if (received == Total)
                {
                    return self.Return(received);
                }
            }
            return channel.BeginReceive();
        }));

        scheduler.Run();

        Assert.Equal(Total, consumer.Result);
        Assert.Equal(0, outOfOrder);
        Assert.Equal(0, after - before);
    }
}
