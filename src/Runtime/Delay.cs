using System;
using System.Diagnostics.CodeAnalysis;

namespace Coroutines;

/// <summary>Validates delays once, so a blocking call and a suspension fail with the same exception.</summary>
internal static class Delay
{
    // Small and throw-free on the good path, so a generated step's Suspension.Sleep(constant) inlines to a constant.
    public static long FromMilliseconds(int milliseconds, string paramName = "milliseconds")
    {
        if (milliseconds < 0)
        {
            ThrowNegative(paramName, milliseconds);
        }
        return milliseconds * TimeSpan.TicksPerMillisecond;
    }

    public static long FromTimeSpan(TimeSpan delay, string paramName = "delay")
    {
        if (delay.Ticks < 0)
        {
            ThrowNegative(paramName, delay);
        }
        return delay.Ticks;
    }

    [DoesNotReturn]
    private static void ThrowNegative(string paramName, object value) =>
        throw new ArgumentOutOfRangeException(paramName, value, "A delay cannot be negative.");
}
