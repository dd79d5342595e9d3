using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Coroutines.Orleans;
using Coroutines.Snapshots;
using Orleans;
using Orleans.Runtime;

namespace DurableOrders;

public interface IOrderGrain : IGrainWithStringKey
{
    Task<bool> Place(string item, int dayMs, int paymentDays, int reminderDays);

    Task Pay();

    /// <summary>Deactivates the grain once idle, as Orleans does with idle grains: its coroutine sleeps on in storage.</summary>
    Task Nap();

    Task<DurableStatus> GetStatus();
}

public interface IInventoryGrain : IGrainWithStringKey
{
    Task<bool> Reserve(string order);

    Task Release(string order);
}

public interface IShippingGrain : IGrainWithIntegerKey
{
    Task Ship(string order, string item);
}

public interface ILogGrain : IGrainWithIntegerKey
{
    Task Write(string line);

    Task<IReadOnlyList<string>> Lines();
}

/// <summary>What the order grain knows of payments, kept in its own persistent state; the coroutine reads it as a permanent.</summary>
[GenerateSerializer]
public sealed class Ledger
{
    [Id(0)]
    public HashSet<string> Paid { get; set; } = new();

    public bool IsPaid(string order) => Paid.Contains(order);
}

/// <summary>An order: a durable grain running one workflow coroutine.</summary>
public sealed class OrderGrain : DurableGrain, IOrderGrain
{
    private readonly IPersistentState<Ledger> _ledger;

    public OrderGrain(
        [PersistentState("workflow", "orders")] IPersistentState<DurableCoroutineState> workflow,
        [PersistentState("ledger", "orders")] IPersistentState<Ledger> ledger)
        : base(workflow, Options)
    {
        _ledger = ledger;
    }

    /// <summary>How the order grains checkpoint and wake (Program sets the reminder threshold to a day).</summary>
    public static DurableOptions Options { get; } = new();

    protected override void ConfigureSnapshots(SnapshotOptions options) => options.Permanents.Add("ledger", _ledger.State);

    public Task<bool> Place(string item, int dayMs, int paymentDays, int reminderDays) =>
        StartAsync(OrderWorkflow.ProcessCoroutine(GrainFactory, _ledger.State, this.GetPrimaryKeyString(), item, dayMs, paymentDays, reminderDays), "order");

    public async Task Pay()
    {
        if (_ledger.State.Paid.Add(this.GetPrimaryKeyString()))
        {
            await _ledger.WriteStateAsync(); // idempotent: paying twice records one payment
        }
    }

    public Task Nap()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<DurableStatus> GetStatus() => Task.FromResult(Status);
}

/// <summary>Stock by item; reservations are keyed by order, so a repeated Reserve is harmless.</summary>
public sealed class InventoryGrain : Grain, IInventoryGrain
{
    private readonly HashSet<string> _reservations = new();
    private int _stock = 2;

    public Task<bool> Reserve(string order)
    {
        if (_reservations.Contains(order))
        {
            return Task.FromResult(true);
        }
        if (_stock == 0)
        {
            return Task.FromResult(false);
        }
        _stock--;
        _reservations.Add(order);
        return Task.FromResult(true);
    }

    public Task Release(string order)
    {
        if (_reservations.Remove(order))
        {
            _stock++;
        }
        return Task.CompletedTask;
    }
}

public sealed class ShippingGrain : Grain, IShippingGrain
{
    private readonly HashSet<string> _shipped = new();

    public async Task Ship(string order, string item)
    {
        if (_shipped.Add(order)) // idempotent: an order shipped again after a crash ships once
        {
            await GrainFactory.GetGrain<ILogGrain>(0).Write($"{order}: {item} handed to the carrier");
        }
    }
}

public sealed class LogGrain : Grain, ILogGrain
{
    private readonly List<string> _lines = new();

    public Task Write(string line)
    {
        _lines.Add(line);
        Console.WriteLine(line);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> Lines() => Task.FromResult<IReadOnlyList<string>>(_lines);
}
