using System;
using System.Diagnostics;
using System.Threading;

namespace Coroutines;

/// <summary>The real, monotonic clock (<see cref="Stopwatch"/>); its origin is the moment it was created.</summary>
public sealed class SystemClock : IClock
{
    private readonly long _origin = Stopwatch.GetTimestamp();
    private readonly object _gate = new();
    private bool _wakeRequested;

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
                if (_wakeRequested)
                {
                    _wakeRequested = false;
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

    /// <inheritdoc/>
    public void Wake()
    {
        lock (_gate)
        {
            _wakeRequested = true;
            Monitor.PulseAll(_gate);
        }
    }

    // Monitor.Wait takes at most int.MaxValue milliseconds.
    private static readonly TimeSpan MaxSingleWait = TimeSpan.FromMilliseconds(int.MaxValue);
}
