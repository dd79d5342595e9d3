using System;

namespace Coroutines;

/// <summary>
/// A clock that moves only when told: it starts at zero, a wait jumps straight to its deadline,
/// and <see cref="Advance"/> moves it forward. Runs on it are instant and deterministic.
/// </summary>
public sealed class VirtualClock : IClock
{
    private TimeSpan _now;

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

    /// <summary>Moves the clock forward by <paramref name="delta"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative: time never goes backwards.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        _now += delta;
    }

    /// <summary>Jumps to <paramref name="deadline"/> if it lies ahead; the wait itself is instant.</summary>
    public bool WaitUntil(TimeSpan deadline)
    {
        if (deadline > _now)
        {
            _now = deadline;
        }
        return true;
    }

    /// <summary>Nothing to do: a virtual wait never blocks.</summary>
    public void Wake()
    {
    }
}
