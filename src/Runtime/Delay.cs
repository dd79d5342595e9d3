using System;

namespace Coroutines;

/// <summary>Validates delays once, so a blocking call and a suspension fail with the same exception.</summary>
internal static class Delay
{
    public static long FromMilliseconds(int milliseconds, string paramName = "milliseconds")
    {
        if (milliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, milliseconds, "A delay cannot be negative.");
        }
        return milliseconds * TimeSpan.TicksPerMillisecond;
    }

    public static long FromTimeSpan(TimeSpan delay, string paramName = "delay")
    {
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, delay, "A delay cannot be negative.");
        }
        return delay.Ticks;
    }
}
