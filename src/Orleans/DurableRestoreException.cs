using System;
using Orleans;

namespace Coroutines.Orleans;

/// <summary>
/// A durable grain's saved coroutines could not be restored (the snapshot refused: damaged, or
/// saved by another version of a coroutine with no migration). The grain runs nothing and writes
/// nothing until that is resolved: deploy the code that saved it, or register a migration.
/// </summary>
[GenerateSerializer]
[Alias("Coroutines.Orleans.DurableRestoreException")]
public sealed class DurableRestoreException : Exception
{
    /// <summary>Creates the exception for grain <paramref name="grain"/>, with the snapshot's message.</summary>
    public DurableRestoreException(string grain, string snapshotMessage)
        : base($"Grain {grain} could not restore its coroutines, so it runs nothing and keeps its saved snapshot: {snapshotMessage}")
    {
    }
}
