using System;
using System.Diagnostics;
using System.Threading;

namespace Coroutines;

/// <summary>The real, monotonic clock (<see cref="Stopwatch"/>); its origin is the moment it was created.</summary>
public sealed class SystemClock : IClock
{
    private readonly long _origin = Stopwatch.GetTimestamp();
    private readonly object _gate = new();
    private long _wakes; // how many times Wake was called
    // Per thread: the wake count its last wait returned on. Each thread sees every wake once, so a
    // wake cannot be taken by one waiter (a Yield.Sleep on the same clock) and lost by another (the loop).
    private readonly ThreadLocal<long> _wakesSeen = new();

    /// <summary>The clock <see cref="Clock.Current"/> returns when no other clock is in use.</summary>
    public static SystemClock Default { get; } = new();

    /// <inheritdoc/>
    public TimeSpan Now => Stopwatch.GetElapsedTime(_origin);

    /// <inheritdoc/>
    public bool WaitUntil(TimeSpan deadline)
    {
        lock (_gate)
        {
            while (true)
            {
                if (_wakes != _wakesSeen.Value)
                {
                    _wakesSeen.Value = _wakes;
                    return Now >= deadline;
                }
                var remaining = deadline - Now;
                if (remaining <= TimeSpan.Zero)
                {
                    return true;
                }
                // Monitor.Wait may return early (spuriously or on Wake): the loop re-checks both.
                Monitor.Wait(_gate, remaining > MaxSingleWait ? MaxSingleWait : remaining);
            }
        }
    }

    /// <summary>
    /// Ends early the current or the next <see cref="WaitUntil"/> of every thread that waits on
    /// this clock. Safe to call from any thread.
    /// </summary>
    public void Wake()
    {
        lock (_gate)
        {
            _wakes++;
            Monitor.PulseAll(_gate);
        }
    }

    // Monitor.Wait takes at most int.MaxValue milliseconds.
    private static readonly TimeSpan MaxSingleWait = TimeSpan.FromMilliseconds(int.MaxValue);
}
