namespace Coroutines.Snapshots;

// A paused coroutine (Scheduler.Pause): the root names its paused frame; the frame keeps what it
// was doing (ready, sleeping with the rest of its sleep, or waiting) for Resume.
public sealed partial class SnapshotWriter
{
    internal void WritePause(Coroutine coroutine)
    {
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
