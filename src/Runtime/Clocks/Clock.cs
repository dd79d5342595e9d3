using System;

namespace Coroutines;

/// <summary>
/// The thread's ambient clock. Code reads <c>Clock.Current.Now</c> the same way whether it runs
/// sequentially or inside a scheduler, which makes its own clock current while it runs.
/// </summary>
public static class Clock
{
    [ThreadStatic]
    private static IClock? t_current;

    /// <summary>The clock in use on this thread: <see cref="SystemClock.Default"/> unless another is in use.</summary>
    public static IClock Current => t_current ?? SystemClock.Default;

    /// <summary>Makes <paramref name="clock"/> current on this thread until the returned scope is disposed.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    public static Scope Use(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var previous = t_current;
        t_current = clock;
        return new Scope(previous);
    }

    /// <summary>Restores the previous clock when disposed. A struct: entering a scope allocates nothing.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly IClock? _previous;

        internal Scope(IClock? previous) => _previous = previous;

        /// <summary>Makes the previous clock current again.</summary>
        public void Dispose() => t_current = _previous;
    }
}
