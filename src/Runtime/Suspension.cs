using System;

namespace Coroutines;

/// <summary>What a suspended coroutine waits for.</summary>
public enum SuspensionKind
{
    /// <summary>The coroutine has finished; it does not wait for anything.</summary>
    Done = 0,

    /// <summary>The coroutine waits for a delay on its scheduler's clock (zero: the next pass).</summary>
    Sleep = 1,

    /// <summary>The coroutine called another one, which runs now, as part of it; it resumes when the callee ends.</summary>
    Call = 2,

    /// <summary>The coroutine waits until something wakes it: an awaited coroutine ends, a channel has room or an item.</summary>
    Wait = 3,

    /// <summary>What it waited for was already there (a finished coroutine, a channel item): it continues at once.</summary>
    Continue = 4,
}

/// <summary>
/// The value a coroutine's <see cref="Coroutine.Step"/> returns: what it now waits for. One
/// <see langword="long"/> wide, so a step returns it in a register and suspending allocates nothing.
/// </summary>
public readonly partial struct Suspension : IEquatable<Suspension>
{
    // 0: Done (so default(Suspension) is Done). Negative: Sleep, the delay in ticks is ~_value
    // (Sleep(0) is -1). 1: Call, 2: Wait, 3: Continue; what a call or a wait is about is not in the
    // value (it would not fit) but in the coroutine's WaitingOn, set by the factory.
    private readonly long _value;

    private Suspension(long value) => _value = value;

    internal const long CallValue = 1;
    internal const long WaitValue = 2;
    internal const long ContinueValue = 3;

    /// <summary>What the coroutine waits for.</summary>
    public SuspensionKind Kind => _value switch
    {
        < 0 => SuspensionKind.Sleep,
        0 => SuspensionKind.Done,
        CallValue => SuspensionKind.Call,
        WaitValue => SuspensionKind.Wait,
        _ => SuspensionKind.Continue,
    };

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
    public override string ToString() => Kind == SuspensionKind.Sleep ? $"Sleep({Delay.TotalMilliseconds} ms)" : Kind.ToString();

    internal static Suspension CallSuspension => new(CallValue);

    internal static Suspension WaitSuspension => new(WaitValue);

    internal static Suspension ContinueSuspension => new(ContinueValue);

    /// <summary>Equality of kind and delay.</summary>
    public static bool operator ==(Suspension left, Suspension right) => left.Equals(right);

    /// <summary>Inequality of kind and delay.</summary>
    public static bool operator !=(Suspension left, Suspension right) => !left.Equals(right);
}
