using System;
using Coroutines;
using Orleans;

namespace DurableOrders;

/// <summary>The order workflow: one durable coroutine per order, in its order grain.</summary>
public static partial class OrderWorkflow
{
    /// <summary>
    /// Reserve the item, wait for payment (at most <paramref name="paymentDays"/> days), ship,
    /// and remind the customer <paramref name="reminderDays"/> days later. Every step that acts on
    /// the world is a grain call keyed by the order, so running it again after a crash does no harm.
    /// </summary>
    [Coroutine(Saveable = true)]
    public static string Process(IGrainFactory grains, Ledger ledger, string order, string item, int dayMs, int paymentDays, int reminderDays)
    {
        var reserved = Yield.Await(grains.GetGrain<IInventoryGrain>(item).Reserve(order));
        if (!reserved)
        {
            Yield.Await(Log(grains).Write($"{order}: {item} is out of stock"));
            return "out of stock";
        }
        Yield.Await(Log(grains).Write($"{order}: reserved {item}, waiting for payment"));

        // Payment arrives as a call to the order grain, which records it in the ledger; the
        // coroutine looks every quarter day, until the deadline.
        var waited = 0;
        while (!ledger.IsPaid(order))
        {
            if (waited >= paymentDays * 4)
            {
                Yield.Await(grains.GetGrain<IInventoryGrain>(item).Release(order));
                Yield.Await(Log(grains).Write($"{order}: no payment after {paymentDays} days, cancelled"));
                return "cancelled";
            }
            Yield.Sleep(dayMs / 4);
            waited++;
        }
        Yield.Await(Log(grains).Write($"{order}: paid after {waited / 4.0:0.##} days, shipping"));
        Yield.Await(grains.GetGrain<IShippingGrain>(0).Ship(order, item));

        Yield.Sleep(reminderDays * dayMs); // a long sleep: a reminder wakes the grain, even after deactivation
        Yield.Await(Log(grains).Write($"{order}: reminder sent {reminderDays} days after shipping"));
        return "shipped and reminded";
    }

    // A grain reference is not saved in a snapshot: the coroutine keeps the grain factory (a
    // permanent of every durable grain) and asks it for references where it uses them.
    private static ILogGrain Log(IGrainFactory grains) => grains.GetGrain<ILogGrain>(0);
}
