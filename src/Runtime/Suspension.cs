using System;

namespace Coroutines;

/// <summary>What a suspended coroutine waits for.</summary>
public enum SuspensionKind
{
    /// <summary>The coroutine has finished; it does not wait for anything.</summary>
    Done = 0,

    /// <summary>The coroutine waits for a delay on its scheduler's clock (zero: the next pass).</summary>
    Sleep = 1,
}

/// <summary>
/// The value a coroutine's <see cref="Coroutine.Step"/> returns: what it now waits for. A small
/// struct, so suspending allocates nothing.
/// </summary>
public readonly struct Suspension : IEquatable<Suspension>
{
    private readonly long _ticks;

    private Suspension(SuspensionKind kind, long ticks)
    {
        Kind = kind;
        _ticks = ticks;
    }

    /// <summary>What the coroutine waits for.</summary>
    public SuspensionKind Kind { get; }

    /// <summary>For <see cref="SuspensionKind.Sleep"/>, how long; otherwise zero.</summary>
    public TimeSpan Delay => TimeSpan.FromTicks(_ticks);

    internal long DelayTicks => _ticks;

    /// <summary>The coroutine has finished.</summary>
    public static Suspension Done => default;

    /// <summary>Sleep for <paramref name="milliseconds"/>; what <see cref="Yield.Sleep(int)"/> becomes in a state machine.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="milliseconds"/> is negative.</exception>
    public static Suspension Sleep(int milliseconds) =>
        new(SuspensionKind.Sleep, Coroutines.Delay.FromMilliseconds(milliseconds));

    /// <summary>Sleep for <paramref name="delay"/>; what <see cref="Yield.Sleep(TimeSpan)"/> becomes in a state machine.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public static Suspension Sleep(TimeSpan delay) =>
        new(SuspensionKind.Sleep, Coroutines.Delay.FromTimeSpan(delay));

    /// <inheritdoc/>
    public bool Equals(Suspension other) => Kind == other.Kind && _ticks == other._ticks;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Suspension other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, _ticks);

    /// <inheritdoc/>
    public override string ToString() => Kind == SuspensionKind.Sleep ? $"Sleep({Delay.TotalMilliseconds} ms)" : "Done";

    /// <summary>Equality of kind and delay.</summary>
    public static bool operator ==(Suspension left, Suspension right) => left.Equals(right);

    /// <summary>Inequality of kind and delay.</summary>
    public static bool operator !=(Suspension left, Suspension right) => !left.Equals(right);
}
