using System;

namespace Coroutines.Snapshots;

// The reading side of SnapshotWriter.Pauses.cs. Restore checks the pauses with the other links.
public sealed partial class SnapshotReader
{
    /// <summary>Reads a coroutine's pause: the index of the frame it paused (root), or -1; and whether it is a paused frame (then restored here).</summary>
    internal (int PausedFrame, bool Paused) ReadPause(Coroutine coroutine)
    {
        var value = Input.VarUInt();
        if (value > (ulong)_coroutines.Length)
        {
            throw Error($"paused frame {value - 1} is out of range");
        }
        if (!ReadFlag())
        {
            return ((int)value - 1, false);
        }
        var membership = coroutine.EnsureMembership();
        membership.PausedAs = Input.Byte() switch
        {
            0 => PausedAs.Ready,
            1 => PausedAs.Sleeping,
            2 => PausedAs.Waiting,
            var other => throw Error($"unknown pause kind {other}"),
        };
        var remaining = Input.VarInt();
        if (remaining < 0 || remaining > TimeSpan.MaxValue.Ticks / 2)
        {
            throw Error("the rest of a paused sleep is out of range");
        }
        membership.PausedRemainingTicks = remaining;
        membership.QueueEntryGone = true; // a snapshot keeps no ready-queue entry of a paused frame: Resume queues it
        coroutine.Paused = true;
        return ((int)value - 1, true);
    }
}
