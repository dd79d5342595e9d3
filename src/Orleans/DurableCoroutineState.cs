using System;
using System.Collections.Generic;
using Orleans;

namespace Coroutines.Orleans;

/// <summary>
/// What a <see cref="DurableGrain"/> keeps in its persistent state: the snapshot of its scheduler
/// at the last checkpoint, the grain clock's time then, and the outcomes of the coroutines that ended.
/// </summary>
[GenerateSerializer]
[Alias("Coroutines.Orleans.DurableCoroutineState")]
public sealed class DurableCoroutineState
{
    /// <summary>The scheduler's snapshot at the last checkpoint (docs/snapshots.md), or null before the first.</summary>
    [Id(0)]
    public byte[]? Snapshot { get; set; }

    /// <summary>The grain clock's time at the last checkpoint, in ticks: restore puts the clock there so sleepers keep their deadlines.</summary>
    [Id(1)]
    public long ClockTicks { get; set; }

    /// <summary>The cluster time (the silo's <see cref="TimeProvider"/>) at which the grain clock read zero.</summary>
    [Id(2)]
    public DateTimeOffset Epoch { get; set; }

    /// <summary>How many checkpoints were written.</summary>
    [Id(3)]
    public long Checkpoints { get; set; }

    /// <summary>Started coroutines by name, not yet ended.</summary>
    [Id(4)]
    public List<string> Live { get; set; } = new();

    /// <summary>Ended coroutines by name: a <c>Coroutine&lt;string&gt;</c>'s result, or "Completed", "Faulted: message", "Canceled".</summary>
    [Id(5)]
    public Dictionary<string, string> Outcomes { get; set; } = new(StringComparer.Ordinal);
}
