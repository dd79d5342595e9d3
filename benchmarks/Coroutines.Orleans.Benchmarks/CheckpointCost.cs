using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Coroutines.Snapshots;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Coroutines.Orleans.Benchmarks;

/// <summary>
/// One checkpoint of a durable grain, without the storage write (which is the provider's): the
/// scheduler's snapshot (<c>SaveToBytes</c>) and the grain state holding it, serialized by Orleans
/// as a storage provider does. The grain holds <see cref="Coroutines"/> order-like coroutines,
/// each asleep in its loop with a list of lines it wrote so far.
/// </summary>
[MemoryDiagnoser]
public class CheckpointCost
{
    private Scheduler _scheduler = null!;
    private SnapshotOptions _options = null!;
    private Serializer _serializer = null!;
    private DurableCoroutineState _state = null!;

    [Params(1, 10, 100)]
    public int Coroutines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var clock = new VirtualClock();
        _scheduler = new Scheduler(clock);
        var ledger = new List<string>();
        _options = new SnapshotOptions();
        _options.Permanents.Add("ledger", ledger);
        for (var i = 0; i < Coroutines; i++)
        {
            _scheduler.Spawn(Workflows.OrderCoroutine(ledger, $"order-{i}", 10, 1000).WithName($"order-{i}").WithTag("durable-root"));
        }
        clock.Advance(TimeSpan.FromMilliseconds(3500)); // each is in its fourth sleep, three lines written
        _scheduler.RunDue();
        _scheduler.RunDue();
        _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        _state = new DurableCoroutineState { Snapshot = _scheduler.SaveToBytes(_options) };
        Console.WriteLine($"// {Coroutines} coroutine(s): snapshot {_state.Snapshot.Length} B, grain state {_serializer.SerializeToArray(_state).Length} B");
    }

    [Benchmark]
    public int Snapshot() => _scheduler.SaveToBytes(_options).Length;

    [Benchmark]
    public int SnapshotAndGrainState()
    {
        _state.Snapshot = _scheduler.SaveToBytes(_options);
        return _serializer.SerializeToArray(_state).Length;
    }
}
