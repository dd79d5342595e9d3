using System;
using Orleans;

namespace Coroutines.Orleans;

/// <summary>
/// A coroutine given to <see cref="DurableGrain.StartAsync"/> cannot be saved: the snapshot
/// refused it (the message says what: a value it holds that a snapshot cannot hold, a coroutine
/// not marked <c>Saveable</c>...). It is not started, since it would not survive a crash.
/// </summary>
[GenerateSerializer]
[Alias("Coroutines.Orleans.DurableCheckpointException")]
public sealed class DurableCheckpointException : Exception
{
    /// <summary>Creates the exception for coroutine <paramref name="name"/> of grain <paramref name="grain"/>.</summary>
    public DurableCheckpointException(string grain, string name, string snapshotMessage)
        : base($"Grain {grain} cannot start '{name}': its coroutines cannot be checkpointed: {snapshotMessage}")
    {
    }
}
