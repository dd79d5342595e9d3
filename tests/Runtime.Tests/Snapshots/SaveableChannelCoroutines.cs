using System.Collections.Generic;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// Saveable coroutines that share channels: producers that wait for room, consumers that wait for
/// items (two in line on one channel), a rendezvous channel and a closed one with items left.
/// </summary>
public static partial class SaveableChannelCoroutines
{
    private static string Now => $"{Clock.Current.Now.TotalMilliseconds}ms";

    /// <summary>Sends <paramref name="count"/> parcels, one every <paramref name="delayMs"/>.</summary>
    [Coroutine(Saveable = true)]
    public static void Producer(Channel<Parcel> parcels, string name, int count, int delayMs, List<string> log)
    {
        for (int i = 1; i <= count; i++)
        {
            Yield.Sleep(delayMs);
            parcels.Send(new Parcel { From = name, Number = i });
            log.Add($"{Now} {name} sent {i}");
        }
    }

    /// <summary>Receives <paramref name="count"/> parcels, resting <paramref name="restMs"/> after each; then hands its total over a rendezvous.</summary>
    [Coroutine(Saveable = true)]
    public static void Consumer(Channel<Parcel> parcels, Channel<int> totals, string name, int count, int restMs, List<string> log)
    {
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            Parcel parcel = parcels.Receive();
            total += parcel.Number;
            log.Add($"{Now} {name} got {parcel.From}{parcel.Number}");
            Yield.Sleep(restMs);
        }
        totals.Send(total);
        log.Add($"{Now} {name} handed over {total}");
    }

    /// <summary>Two producers, two consumers, a rendezvous for the totals, then a closed channel drained.</summary>
    [Coroutine(Saveable = true)]
    public static List<string> Pipeline(List<string> log)
    {
        var parcels = new Channel<Parcel>(2);
        var totals = new Channel<int>(0);
        Yield.Spawn(ProducerCoroutine(parcels, "a", 4, 3, log).WithName("a"));
        Yield.Spawn(ProducerCoroutine(parcels, "b", 4, 5, log).WithName("b"));
        Yield.Spawn(ConsumerCoroutine(parcels, totals, "fast", 5, 1, log).WithName("fast"));
        Yield.Spawn(ConsumerCoroutine(parcels, totals, "slow", 3, 9, log).WithName("slow"));
        Yield.Sleep(30);
        int first = totals.Receive();
        log.Add($"{Now} first total {first}");
        int second = totals.Receive();
        log.Add($"{Now} second total {second}");

        var leftovers = new Channel<int>();
        leftovers.Send(10);
        leftovers.Send(20);
        leftovers.Close();
        Yield.Sleep(4);
        int sum = leftovers.Receive();
        Yield.Sleep(4);
        sum += leftovers.Receive();
        log.Add($"{Now} leftovers {sum} closed {leftovers.IsClosed}");
        parcels.Close();
        try
        {
            parcels.Send(new Parcel { From = "late", Number = 0 });
        }
        catch (ChannelClosedException)
        {
            log.Add($"{Now} send after close refused");
        }
        return log;
    }

    /// <summary>Waits in a select whose receive case is held only as a SelectCase (Save refuses it: its item type is not in the field's).</summary>
    [Coroutine(Saveable = true)]
    public static int PickUntyped(Channel<int> left, int timeoutMs)
    {
        SelectCase fromLeft = Case.Receive(left);
        return Yield.Select(fromLeft, Case.Timeout(timeoutMs));
    }

    /// <summary>Receives <paramref name="count"/> items, one a millisecond.</summary>
    [Coroutine(Saveable = true)]
    public static List<string> Drain(Channel<int> channel, string name, int count, List<string> log)
    {
        for (int i = 0; i < count; i++)
        {
            int item = channel.Receive();
            log.Add($"{Now} {name} {item}");
            Yield.Sleep(1);
        }
        return log;
    }

    /// <summary>Sends <paramref name="from"/> to <paramref name="to"/>, one every 2 ms, then closes the channel.</summary>
    [Coroutine(Saveable = true)]
    public static Channel<int> Feeder(Channel<int> channel, int from, int to)
    {
        for (int i = from; i <= to; i++)
        {
            Yield.Sleep(2);
            channel.Send(i);
        }
        channel.Close();
        return channel;
    }
}

/// <summary>A user type sent through a channel: saved by System.Text.Json through <see cref="SnapshotTestJson"/>.</summary>
public sealed class Parcel
{
    public string From { get; set; } = "";

    public int Number { get; set; }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Parcel))]
internal sealed partial class SnapshotTestJson
{
}
