using System.Collections.Generic;
using Orleans;

namespace Coroutines.Orleans;

/// <summary>What a <see cref="DurableGrain"/> reports about its coroutines (grains return it from their interfaces).</summary>
[GenerateSerializer]
[Alias("Coroutines.Orleans.DurableStatus")]
public sealed record DurableStatus
{
    /// <summary>Started and not yet ended, by name.</summary>
    [Id(0)]
    public IReadOnlyList<string> Live { get; init; } = [];

    /// <summary>Ended, by name, with their outcome (see <see cref="DurableCoroutineState.Outcomes"/>).</summary>
    [Id(1)]
    public IReadOnlyDictionary<string, string> Outcomes { get; init; } = new Dictionary<string, string>();

    /// <summary>Checkpoints written so far (over every activation).</summary>
    [Id(2)]
    public long Checkpoints { get; init; }

    /// <summary>The size of the last snapshot written, in bytes.</summary>
    [Id(3)]
    public int LastSnapshotBytes { get; init; }

    /// <summary>
    /// Why the saved coroutines could not be restored (the snapshot's message, e.g. a structure
    /// hash mismatch naming what changed), or null. While set, the grain runs nothing and writes nothing.
    /// </summary>
    [Id(4)]
    public string? RestoreError { get; init; }

    /// <summary>Why the last checkpoint could not be taken (what the snapshot refused), or null.</summary>
    [Id(5)]
    public string? CheckpointError { get; init; }
}
