using System;
using System.Collections.Generic;
using System.Threading;

namespace Coroutines;

/// <summary>
/// A clock that moves only when told: it starts at zero, a wait jumps straight to its deadline,
/// and <see cref="Advance"/> moves it forward. Runs on it are instant and deterministic. It is
/// also a <see cref="TimeProvider"/> on the same time (its <see cref="GetUtcNow"/> starts at
/// <see cref="Epoch"/>), so Task APIs given it (<c>Task.Delay(delay, clock)</c>, timeouts) follow
/// virtual time: its timers fire, on the thread that moves the clock, when the clock passes them.
/// </summary>
public sealed class VirtualClock : TimeProvider, IClock
{
    private readonly object _gate = new();
    private readonly SortedSet<VirtualTimer> _timers = new(VirtualTimer.Order);
    private long _timerSequence;
    private TimeSpan _now;

    /// <summary>What <see cref="GetUtcNow"/> returns at time zero: 2000-01-01 00:00 UTC.</summary>
    public static DateTimeOffset Epoch { get; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Creates a clock at zero.</summary>
    public VirtualClock()
    {
    }

    /// <summary>Creates a clock at <paramref name="start"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is negative.</exception>
    public VirtualClock(TimeSpan start)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(start, TimeSpan.Zero);
        _now = start;
    }

    /// <inheritdoc/>
    public TimeSpan Now => _now;

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing the timers it passes, in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative: time never goes backwards.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        MoveTo(_now + delta);
    }

    /// <summary>Jumps to <paramref name="deadline"/> if it lies ahead, firing the timers it passes; the wait itself is instant.</summary>
    public bool WaitUntil(TimeSpan deadline)
    {
        if (deadline > _now)
        {
            MoveTo(deadline);
        }
        return true;
    }

    /// <summary>Nothing to do: a virtual wait never blocks.</summary>
    public void Wake()
    {
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => Epoch + _now;

    /// <inheritdoc/>
    public override long GetTimestamp() => _now.Ticks;

    /// <summary>Ticks of <see cref="TimeSpan"/> per second: a timestamp is <see cref="Now"/> in ticks.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>A timer on virtual time: it fires when the clock is moved past its due time.</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>When the earliest pending timer is due, if any (for a loop with nothing else to wait for).</summary>
    internal bool TryPeekTimer(out TimeSpan due)
    {
        lock (_gate)
        {
            if (_timers.Count > 0)
            {
                due = _timers.Min!.Due;
                return true;
            }
        }
        due = default;
        return false;
    }

    private void MoveTo(TimeSpan target)
    {
        while (true)
        {
            VirtualTimer timer;
            lock (_gate)
            {
                if (_timers.Count == 0 || _timers.Min!.Due > target)
                {
                    break;
                }
                timer = _timers.Min!;
                _timers.Remove(timer);
                if (timer.Due > _now)
                {
                    _now = timer.Due;
                }
                if (timer.Period > TimeSpan.Zero)
                {
                    timer.Due += timer.Period;
                    timer.Sequence = ++_timerSequence;
                    _timers.Add(timer);
                }
            }
            timer.Fire();
        }
        if (target > _now)
        {
            _now = target;
        }
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public static readonly IComparer<VirtualTimer> Order = Comparer<VirtualTimer>.Create(static (a, b) =>
            a.Due != b.Due ? a.Due.CompareTo(b.Due) : a.Sequence.CompareTo(b.Sequence));

        public TimeSpan Due;
        public TimeSpan Period;
        public long Sequence;

        // Runs with no synchronization context, so the continuations of a task the callback
        // completes (Task.Delay on this clock) run inline, before the clock moves on: a waiting
        // coroutine's resume is posted at the timer's own virtual time.
        public void Fire()
        {
            var context = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                callback(state);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(context);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }
                ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
                Due = clock._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                Sequence = ++clock._timerSequence;
                clock._timers.Add(this);
                return true;
            }
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public System.Threading.Tasks.ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
