using System;
using Coroutines.Snapshots;

namespace Coroutines;

// What a snapshot writes and rebuilds of Yield.AwaitAll / Yield.AwaitAny: written with its
// waiting coroutine's body (it is that coroutine's WaitingOn); each coroutine it listens to names
// it among its listeners. Nothing here runs unless a scheduler is saved, restored or cloned.
internal sealed partial class AwaitGroup
{
    /// <summary>The waiting coroutine, or null for a blocking wait outside a coroutine.</summary>
    internal Coroutine? Waiter => _waiter;

    /// <summary>True if it waits for <paramref name="handle"/>.</summary>
    internal bool Holds(Coroutine handle) => Array.IndexOf(_handles, handle) >= 0;

    internal void WriteSnapshot(SnapshotWriter writer)
    {
        var b = writer.Buffer;
        b.Byte((byte)((_any ? 1 : 0) | (_cancelLosers ? 2 : 0) | (_done ? 4 : 0)));
        b.VarUInt((ulong)_remaining);
        b.VarInt(Winner);
        b.VarUInt((ulong)_handles.Length);
        foreach (var handle in _handles)
        {
            writer.WriteValue(handle);
        }
    }

    /// <summary>Reads what <see cref="WriteSnapshot"/> wrote, for <paramref name="waiter"/>; its scheduler comes with <paramref name="reader"/>'s waits.</summary>
    internal static AwaitGroup ReadSnapshot(SnapshotReader reader, Coroutine waiter)
    {
        var flags = reader.Input.Byte();
        if (flags > 7)
        {
            throw reader.Error("unknown AwaitGroup flags");
        }
        var remaining = reader.Input.VarUInt();
        var winner = reader.Input.VarInt();
        var handles = new Coroutine[reader.Input.Count("an AwaitGroup's coroutines")];
        for (var i = 0; i < handles.Length; i++)
        {
            handles[i] = reader.ReadValue<Coroutine>() ?? throw reader.Error("an AwaitGroup waits for null");
            if (handles[i] == waiter)
            {
                throw reader.Error("a coroutine waits for itself (a cycle where none may be)");
            }
        }
        if (remaining > (ulong)handles.Length || winner < -1 || winner >= handles.Length)
        {
            throw reader.Error("an AwaitGroup's count or winner is out of range");
        }
        var group = new AwaitGroup(null!, waiter, handles, any: (flags & 1) != 0, cancelLosers: (flags & 2) != 0)
        {
            _remaining = (int)remaining,
            _done = (flags & 4) != 0,
            Winner = (int)winner,
        };
        reader.AttachWith(scheduler => group._scheduler = scheduler);
        return group;
    }
}
