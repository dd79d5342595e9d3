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
/// The value a coroutine's <see cref="Coroutine.Step"/> returns: what it now waits for. One
/// <see langword="long"/> wide, so a step returns it in a register and suspending allocates nothing.
/// </summary>
public readonly struct Suspension : IEquatable<Suspension>
{
    // 0: Done (so default(Suspension) is Done). Negative: Sleep, the delay in ticks is ~_value
    // (Sleep(0) is -1). Non-negative values other than 0 are reserved for future kinds.
    private readonly long _value;

    private Suspension(long value) => _value = value;

    /// <summary>What the coroutine waits for.</summary>
    public SuspensionKind Kind => _value < 0 ? SuspensionKind.Sleep : SuspensionKind.Done;

    /// <summary>For <see cref="SuspensionKind.Sleep"/>, how long; otherwise zero.</summary>
    public TimeSpan Delay => TimeSpan.FromTicks(DelayTicks);

    internal long DelayTicks => _value < 0 ? ~_value : 0;

    /// <summary>The raw encoding, for the scheduler's dispatch.</summary>
    internal long Value => _value;

    /// <summary>The encoding of <c>Sleep(0)</c>: a yield to the next pass.</summary>
    internal const long YieldValue = -1;

    /// <summary>The coroutine has finished.</summary>
    public static Suspension Done => default;

    /// <summary>Sleep for <paramref name="milliseconds"/>; what <see cref="Yield.Sleep(int)"/> becomes in a state machine.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="milliseconds"/> is negative.</exception>
    public static Suspension Sleep(int milliseconds) =>
        new(~Coroutines.Delay.FromMilliseconds(milliseconds));

    /// <summary>Sleep for <paramref name="delay"/>; what <see cref="Yield.Sleep(TimeSpan)"/> becomes in a state machine.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public static Suspension Sleep(TimeSpan delay) =>
        new(~Coroutines.Delay.FromTimeSpan(delay));

    /// <inheritdoc/>
    public bool Equals(Suspension other) => _value == other._value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Suspension other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => Kind == SuspensionKind.Sleep ? $"Sleep({Delay.TotalMilliseconds} ms)" : "Done";

    /// <summary>Equality of kind and delay.</summary>
    public static bool operator ==(Suspension left, Suspension right) => left.Equals(right);

    /// <summary>Inequality of kind and delay.</summary>
    public static bool operator !=(Suspension left, Suspension right) => !left.Equals(right);
}
