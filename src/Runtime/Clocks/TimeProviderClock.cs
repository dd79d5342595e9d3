using System;
using System.Threading;

namespace Coroutines;

/// <summary>
/// A scheduler's clock on any <see cref="System.TimeProvider"/>: <see cref="TimeProvider.System"/>,
/// a <c>FakeTimeProvider</c> in tests, or one of the host's. Its origin is the provider's time when
/// the clock was made. A wait sets a timer of the provider, so a fake provider's <c>Advance</c>
/// ends it, on whatever thread advances it.
/// </summary>
public sealed class TimeProviderClock : IClock
{
    private readonly long _origin;
    private readonly object _gate = new();
    private long _wakes; // how many times Wake was called
    // As SystemClock: each thread sees every wake once, so one waiter cannot take another's wake.
    private readonly ThreadLocal<long> _wakesSeen = new();

    /// <summary>Makes a clock that reads <paramref name="timeProvider"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is null.</exception>
    public TimeProviderClock(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        TimeProvider = timeProvider;
        _origin = timeProvider.GetTimestamp();
    }

    /// <summary>The provider it reads.</summary>
    public TimeProvider TimeProvider { get; }

    /// <inheritdoc/>
    public TimeSpan Now => TimeProvider.GetElapsedTime(_origin);

    /// <inheritdoc/>
    public bool WaitUntil(TimeSpan deadline)
    {
        var remaining = deadline - Now;
        if (remaining <= TimeSpan.Zero)
        {
            return true;
        }
        using var timer = TimeProvider.CreateTimer(
            static state => ((TimeProviderClock)state!).Pulse(), this, remaining > MaxTimer ? MaxTimer : remaining, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            while (true)
            {
                if (Now >= deadline)
                {
                    return true;
                }
                if (_wakes != _wakesSeen.Value)
                {
                    _wakesSeen.Value = _wakes;
                    return false;
                }
                // The provider's timer pulses when it fires; the bound only guards against a timer
                // that fires a hair before the provider's own reading says the deadline has come.
                Monitor.Wait(_gate, RecheckInterval);
            }
        }
    }

    private static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxTimer = TimeSpan.FromDays(1); // timers refuse much longer dues; the loop re-arms

    /// <inheritdoc/>
    public void Wake()
    {
        lock (_gate)
        {
            _wakes++;
            Monitor.PulseAll(_gate);
        }
    }

    // A provider timer fired: waiters re-read the time.
    private void Pulse()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }
}
