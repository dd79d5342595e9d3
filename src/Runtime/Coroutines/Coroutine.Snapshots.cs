using System;
using Coroutines.Snapshots;

namespace Coroutines;

// What a snapshot (src/Runtime/Snapshots) reads and restores of a coroutine's private state.
// Nothing here runs unless a scheduler is saved, restored or cloned.
public abstract partial class Coroutine
{
    /// <summary>The flag bits a snapshot keeps (the timer generation and the tracked-waiter bit are rebuilt).</summary>
    internal const ushort SavedFlags = CancelRequestedFlag | CancelUndeliveredFlag | StartedFlag | PendingFlag | TimedOutFlag | CallingFlag | ShieldedFlag;

    internal ushort SnapshotFlags
    {
        get => (ushort)(_flags & SavedFlags);
        set => _flags = (ushort)(value & SavedFlags);
    }

    /// <summary>The scheduler, for a root that has no <see cref="CoroutineExtras"/> (no name, tags, wait, listeners or fault).</summary>
    internal object? SnapshotLink => _link;

    /// <summary>The name set by hand, or null for the default one.</summary>
    internal string? SetName => (_link as CoroutineExtras)?.Name;

    internal object? SnapshotListeners => (_link as CoroutineExtras)?.Listeners;

    internal Exception? SnapshotException => (_link as CoroutineExtras)?.Exception;

    internal Exception? SnapshotPending => (_link as CoroutineExtras)?.Pending;

    internal bool SnapshotHasTokenSource => (_link as CoroutineExtras)?.TokenSource is not null;

    /// <summary>Restores what <see cref="CoroutineExtras"/> held; the owner is set by <see cref="AttachTo"/>.</summary>
    internal void RestoreExtras(string? name, Exception? exception, Exception? pending, bool faultObserved, object? listeners)
    {
        if (name is null && exception is null && pending is null && !faultObserved && listeners is null)
        {
            return;
        }
        var extras = Extras();
        extras.Name = name;
        extras.Exception = exception;
        extras.Pending = pending;
        extras.FaultObserved = faultObserved;
        extras.Listeners = listeners;
    }

    /// <summary>Writes the value a finished <see cref="Coroutine{T}"/> returned; nothing for a coroutine without a value.</summary>
    internal virtual void WriteResult(SnapshotWriter writer)
    {
    }

    /// <summary>Reads what <see cref="WriteResult"/> wrote.</summary>
    internal virtual void ReadResult(SnapshotReader reader)
    {
    }
}

public abstract partial class Coroutine<T>
{
    internal override void WriteResult(SnapshotWriter writer) => writer.Write(_result, "result");

    internal override void ReadResult(SnapshotReader reader) => _result = reader.Read<T>("result");
}
