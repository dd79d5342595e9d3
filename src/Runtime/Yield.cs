using System;

namespace Coroutines;

/// <summary>
/// The suspension points a <c>[Coroutine]</c> method may use. Called directly (outside a
/// generated state machine) each one blocks the calling thread on <see cref="Clock.Current"/>:
/// the sequential model.
/// </summary>
public static partial class Yield
{
    /// <summary>Suspends the coroutine for <paramref name="milliseconds"/> of its scheduler's clock.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="milliseconds"/> is negative.</exception>
    [SuspensionPoint(nameof(Suspension.Sleep))]
    public static void Sleep(int milliseconds) => Block(Delay.FromMilliseconds(milliseconds));

    /// <summary>Suspends the coroutine for <paramref name="delay"/> of its scheduler's clock.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    [SuspensionPoint(nameof(Suspension.Sleep))]
    public static void Sleep(TimeSpan delay) => Block(Delay.FromTimeSpan(delay));

    private static void Block(long ticks)
    {
        var clock = Clock.Current;
        var deadline = clock.Now + TimeSpan.FromTicks(ticks);
        // A wait may be woken early (Post on a shared clock): keep waiting until the deadline.
        while (!clock.WaitUntil(deadline))
        {
        }
    }
}
