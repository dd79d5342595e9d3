using System;
using Coroutines;

namespace ProducerConsumer;

/// <summary>
/// A kitchen as coroutines: a desk takes orders and passes them to three cooks through a
/// counter that holds two tickets (a bounded <see cref="Channel{T}"/>). When the counter is full
/// the desk waits: back-pressure. Each method is plain sequential code; [Coroutine] makes the
/// generator add a state machine for it (see Generated/).
/// </summary>
public static partial class Kitchen
{
    /// <summary>How long an order takes to cook: orders differ, so the cooks drift apart.</summary>
    public static int CookingTimeMs(int order) => 250 + (order % 3) * 100;

    /// <summary>The whole shift: starts the desk and the cooks, waits for all of them, reports.</summary>
    [Coroutine]
    public static int Shift(int orders, int counterSize, Log log)
    {
        var counter = new Channel<int>(counterSize);
        // The factories make the coroutines without running them; Yield.Spawn starts each one
        // beside this one. (Calling TakeOrders(...) instead would run it as part of this one.)
        var desk = TakeOrdersCoroutine(orders, 50, counter, log);
        var ann = CookCoroutine("ann", counter, log);
        var bob = CookCoroutine("bob", counter, log);
        var cat = CookCoroutine("cat", counter, log);
        desk.Name = "desk"; // names for the timeline's rows
        ann.Name = "ann";
        bob.Name = "bob";
        cat.Name = "cat";
        Yield.Spawn(desk);
        Yield.Spawn(ann);
        Yield.Spawn(bob);
        Yield.Spawn(cat);

        Yield.AwaitAll(desk, ann, bob, cat); // suspends until all four have ended
        int served = ann.Result + bob.Result + cat.Result;
        log.Write($"shift  served {served} of {desk.Result} orders (ann {ann.Result}, bob {bob.Result}, cat {cat.Result})");

        // A deadline on a piece of coroutine code: the special takes 500 ms, we give it 300.
        try
        {
            var special = PrepareCoroutine("dan", 99, 500, log);
            special.Name = "special";
            Yield.WithTimeout(300, special);
        }
        catch (TimeoutException)
        {
            log.Write("shift  gave up on the special after 300 ms");
        }
        return served;
    }

    /// <summary>The desk: an order every <paramref name="everyMs"/>; waits while the counter is full.</summary>
    [Coroutine]
    public static int TakeOrders(int orders, int everyMs, Channel<int> counter, Log log)
    {
        for (int order = 1; order <= orders; order++)
        {
            Yield.Sleep(everyMs);
            log.Write($"desk   order {order} in");
            counter.Send(order); // waits while the counter holds two tickets
            log.Write($"desk   order {order} on the counter (tickets waiting: {counter.Count})");
        }
        counter.Close(); // the cooks finish what is on the counter, then stop
        return orders;
    }

    /// <summary>A cook: takes the oldest ticket, cooks it, until the counter is closed and empty.</summary>
    [Coroutine]
    public static int Cook(string name, Channel<int> counter, Log log)
    {
        int cooked = 0;
        try
        {
            while (true)
            {
                int order = counter.Receive(); // waits while the counter is empty
                Prepare(name, order, CookingTimeMs(order), log); // a call: runs as part of this coroutine
                cooked++;
            }
        }
        catch (ChannelClosedException)
        {
            log.Write($"{name}    done after {cooked} orders");
        }
        return cooked;
    }

    /// <summary>Cooks one order. Cancelled (a deadline passed), it says so and lets the cancellation go on.</summary>
    [Coroutine]
    public static void Prepare(string name, int order, int ms, Log log)
    {
        log.Write($"{name}    cooks order {order} ({ms} ms)");
        try
        {
            Yield.Sleep(ms);
        }
        catch (OperationCanceledException)
        {
            log.Write($"{name}    drops order {order}: cancelled");
            throw;
        }
        log.Write($"{name}    serves order {order}");
    }
}
