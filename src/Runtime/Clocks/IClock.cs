using System;

namespace Coroutines;

/// <summary>A source of time for a scheduler, and a way to wait for it.</summary>
public interface IClock
{
    /// <summary>Time since the clock's origin. Never goes backwards.</summary>
    TimeSpan Now { get; }

    /// <summary>
    /// Blocks until <see cref="Now"/> reaches <paramref name="deadline"/> or <see cref="Wake"/> is called.
    /// </summary>
    /// <returns><see langword="true"/> if the deadline was reached; <see langword="false"/> if woken early.</returns>
    bool WaitUntil(TimeSpan deadline);

    /// <summary>Ends a current or the next <see cref="WaitUntil"/> early. Safe to call from any thread.</summary>
    void Wake();
}
