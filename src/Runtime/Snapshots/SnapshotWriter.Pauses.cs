namespace Coroutines.Snapshots;

// A paused coroutine (Scheduler.Pause): the root names its paused frame; the frame keeps what it
// was doing (ready, sleeping with the rest of its sleep, or waiting) for Resume.
public sealed partial class SnapshotWriter
{
    /// <summary>The bit of a body's flags that says a pause section follows the tags (most coroutines have none, and pay no byte).</summary>
    internal const ulong PauseBit = 1UL << 16;

    private static bool HasPause(Coroutine coroutine) => coroutine.Paused || coroutine.Membership?.PausedFrame is not null;

    /// <summary>The bits <see cref="WritePause"/> and <see cref="WriteWaitApart"/> add to a body's flags.</summary>
    internal static ulong ExtraFlags(Coroutine coroutine) => (HasPause(coroutine) ? PauseBit : 0) | ((ulong)WaitKind(coroutine) << WaitKindShift);

    /// <summary>Writes the pause section, if the coroutine has one.</summary>
    internal void WritePause(Coroutine coroutine)
    {
        if (!HasPause(coroutine))
        {
            return;
        }
        var membership = coroutine.Membership;
        if (membership?.PausedFrame is { } frame)
        {
            if (!frame.Paused)
            {
                _problems.Add($"{Describe(coroutine)} is being paused by its own step (the pause takes effect once the step returns): save after that");
            }
            Buffer.VarUInt((ulong)_coroutineIndex(frame) + 1);
        }
        else
        {
            Buffer.VarUInt(0);
        }
        if (coroutine.Paused)
        {
            Buffer.Byte(1);
            Buffer.Byte((byte)membership!.PausedAs);
            Buffer.VarInt(membership.PausedRemainingTicks);
        }
        else
        {
            Buffer.Byte(0);
        }
    }
}
