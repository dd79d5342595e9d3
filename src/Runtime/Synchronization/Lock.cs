using System;
using System.ComponentModel;

namespace Coroutines;

/// <summary>
/// A mutual-exclusion lock for coroutines of one scheduler, like Python's <c>asyncio.Lock</c> or
/// Kotlin's <c>Mutex</c>: held by one coroutine at a time, handed over first come, first served,
/// not re-entrant. Write <c>using var held = gate.Acquire();</c>: the lock is released on every exit
/// path (end, exception, cancellation). A coroutine cancelled while it waits takes nothing.
/// </summary>
/// <remarks>Its name clashes with <c>System.Threading.Lock</c> when both namespaces are imported: write <c>Coroutines.Lock</c> then.</remarks>
public sealed partial class Lock : IWaitLineOwner
{
    private readonly WaitLine _line;
    private bool _taken;
    private Coroutine? _holder;

    /// <summary>Creates a free lock.</summary>
    public Lock(string? name = null)
    {
        Name = name;
        _line = new WaitLine(this);
    }

    /// <summary>The name in descriptions (stuck reports), or null.</summary>
    public string? Name { get; }

    /// <summary>True while some coroutine holds the lock (or was handed it and has not run yet).</summary>
    public bool IsHeld => _taken;

    /// <summary>Coroutines waiting for the lock.</summary>
    public int WaitingCount => _line.Count;

    /// <summary>
    /// Takes the lock; in a coroutine, waits while another holds it. Returns a handle whose
    /// <c>Dispose</c> releases it. Called outside a coroutine it cannot wait: a held lock throws.
    /// </summary>
    /// <exception cref="InvalidOperationException">The running coroutine already holds it (it would wait for itself), or outside a coroutine, it is held.</exception>
    [SuspensionPoint(nameof(BeginAcquire), Result = nameof(EndAcquire))]
    public Releaser Acquire()
    {
        if (!TryAcquire())
        {
            throw new InvalidOperationException(
                $"{Describe()} is held and Acquire was called outside a coroutine, where it cannot wait. Call it inside a [Coroutine] method.");
        }
        return new Releaser(this);
    }

    /// <summary>Takes the lock if it is free.</summary>
    public bool TryAcquire()
    {
        if (_taken)
        {
            return false;
        }
        _taken = true;
        _holder = Scheduler.RunningCoroutineOrNull;
        return true;
    }

    /// <summary>Releases the lock: to the longest-waiting coroutine, if any.</summary>
    /// <exception cref="InvalidOperationException">The lock is not held.</exception>
    public void Release()
    {
        if (!_taken)
        {
            throw new InvalidOperationException($"{Describe()} is not held: Release was called more times than Acquire.");
        }
        _holder = null;
        if (!_line.GrantFirst())
        {
            _taken = false;
        }
    }

    /// <summary>What <see cref="Acquire"/> becomes in a state machine.</summary>
    /// <exception cref="InvalidOperationException">The running coroutine already holds the lock.</exception>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Suspension BeginAcquire()
    {
        var coroutine = Scheduler.RunningCoroutine("Lock.Acquire");
        if (_taken && _holder == coroutine)
        {
            throw new InvalidOperationException(
                $"Coroutine '{coroutine.Name}' already holds {Describe()}: a lock is not re-entrant, it would wait for itself for ever.");
        }
        if (!_taken)
        {
            _taken = true;
            return _line.GrantNow(coroutine);
        }
        return _line.Enqueue(coroutine);
    }

    /// <summary>The outcome of <see cref="Acquire"/> in a state machine: the running coroutine holds the lock.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Releaser EndAcquire()
    {
        _holder = _line.End("Lock.EndAcquire");
        return new Releaser(this);
    }

    void IWaitLineOwner.GiveBack()
    {
        _holder = null;
        if (!_line.GrantFirst())
        {
            _taken = false;
        }
    }

    /// <inheritdoc cref="IWaitLineOwner.Describe"/>
    public string Describe() =>
        $"lock{(Name is null ? "" : $" '{Name}'")} ({(_taken ? _holder is { } holder ? $"held by '{holder.Name}'" : "held" : "free")}{(_line.Count > 0 ? $", {_line.Count} waiting" : "")})";

    /// <inheritdoc/>
    public override string ToString() => Describe();

    /// <summary>Releases the lock <see cref="Acquire"/> took when disposed. Dispose it once.</summary>
    public readonly partial struct Releaser : IDisposable
    {
        private readonly Lock? _lock;

        internal Releaser(Lock gate) => _lock = gate;

        /// <summary>Releases the lock.</summary>
        public void Dispose() => _lock?.Release();
    }
}
