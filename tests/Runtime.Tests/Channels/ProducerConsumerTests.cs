using System;
using Xunit;

namespace Coroutines.Tests.Channels;

/// <summary>
/// The classic producer/consumer, written as [Coroutine] methods (the generator turns Send and
/// Receive into suspension points), on a virtual clock: exact traces, back-pressure in the times.
/// </summary>
public partial class ProducerConsumerTests
{
    [Coroutine]
    private static int Produce(Channel<int> channel, int count, Trace trace)
    {
        for (int item = 1; item <= count; item++)
        {
            channel.Send(item); // waits while the channel is full
            trace.Add($"producer sent {item}");
        }
        channel.Close();
        trace.Add("producer closed");
        return count;
    }

    [Coroutine]
    private static int Consume(string name, Channel<int> channel, int workMs, Trace trace)
    {
        int handled = 0;
        try
        {
            while (true)
            {
                int item = channel.Receive(); // waits while the channel is empty
                trace.Add($"{name} got {item}");
                Yield.Sleep(workMs);
                handled++;
            }
        }
        catch (ChannelClosedException)
        {
            trace.Add($"{name} done");
        }
        return handled;
    }

    [Fact]
    public void One_producer_three_consumers_over_a_bounded_channel()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>(2);
        var producer = scheduler.Spawn(ProduceCoroutine(channel, 8, trace));
        var consumers = new[]
        {
            scheduler.Spawn(ConsumeCoroutine("c1", channel, 300, trace)),
            scheduler.Spawn(ConsumeCoroutine("c2", channel, 300, trace)),
            scheduler.Spawn(ConsumeCoroutine("c3", channel, 300, trace)),
        };

        scheduler.Run();

        // The producer fills the channel (2) and waits on item 3 until c1 takes item 1 and so makes
        // room; it then waits again on item 6 until the consumers come back at 0.3 s.
        Assert.Equal(
            new[]
            {
                "t=0 producer sent 1",
                "t=0 producer sent 2",
                "t=0 c1 got 1",
                "t=0 c2 got 2",
                "t=0 c3 got 3",
                "t=0 producer sent 3",
                "t=0 producer sent 4",
                "t=0 producer sent 5",
                "t=0.3 c1 got 4",
                "t=0.3 c2 got 5",
                "t=0.3 c3 got 6",
                "t=0.3 producer sent 6",
                "t=0.3 producer sent 7",
                "t=0.3 producer sent 8",
                "t=0.3 producer closed",
                "t=0.6 c1 got 7",
                "t=0.6 c2 got 8",
                "t=0.6 c3 done",
                "t=0.9 c1 done",
                "t=0.9 c2 done",
            },
            trace.Lines);
        Assert.Equal(8, producer.Result);
        Assert.Equal(new[] { 3, 3, 2 }, Array.ConvertAll(consumers, c => c.Result));
        Assert.Equal(TimeSpan.FromMilliseconds(900), scheduler.Now);
    }

    [Fact]
    public void A_slow_consumer_paces_a_fast_producer()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>(1);
        scheduler.Spawn(ProduceCoroutine(channel, 4, trace));
        scheduler.Spawn(ConsumeCoroutine("c", channel, 1000, trace));

        scheduler.Run();

        // With room for one item, each send after the second completes only when the consumer
        // comes back for the next item: one per second.
        Assert.Equal(
            new[]
            {
                "t=0 producer sent 1",
                "t=0 c got 1",
                "t=0 producer sent 2",
                "t=1 c got 2",
                "t=1 producer sent 3",
                "t=2 c got 3",
                "t=2 producer sent 4",
                "t=2 producer closed",
                "t=3 c got 4",
                "t=4 c done",
            },
            trace.Lines);
    }

    [Coroutine]
    private static int ReceiveOne(Channel<int> channel) => channel.Receive();

    [Coroutine]
    private static int Poll(Channel<int> channel, Trace trace)
    {
        int received = 0;
        while (received < 2)
        {
            try
            {
                int item = Yield.WithTimeout(500, ReceiveOneCoroutine(channel));
                trace.Add($"poll got {item}");
                received++;
            }
            catch (TimeoutException)
            {
                trace.Add("poll timed out");
            }
        }
        return received;
    }

    [Fact]
    public void A_receive_bounded_by_a_deadline_times_out_and_leaves_the_line()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>(1);
        var poll = scheduler.Spawn(PollCoroutine(channel, trace));
        scheduler.CallLater(1200, () => channel.TrySend(7));
        scheduler.CallLater(1300, () => channel.TrySend(8));

        scheduler.Run();

        // Each timed-out receive left the channel's line (the item at 1.2 s went to the live one).
        Assert.Equal(new[] { "t=0.5 poll timed out", "t=1 poll timed out", "t=1.2 poll got 7", "t=1.3 poll got 8" }, trace.Lines);
        Assert.Equal(2, poll.Result);
        Assert.Equal(TimeSpan.FromMilliseconds(1300), scheduler.Now);
    }
}
