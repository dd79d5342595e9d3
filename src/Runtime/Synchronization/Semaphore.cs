using System;
using System.ComponentModel;

namespace Coroutines;

/// <summary>
/// A counting semaphore for coroutines of one scheduler, like Python's <c>asyncio.BoundedSemaphore</c>
/// or Kotlin's <c>Semaphore</c>. Waiters are served first come, first served (a released permit goes
/// straight to the longest waiter: nobody barges in); a coroutine cancelled while it waits takes
/// nothing. Write <c>using var permit = semaphore.Acquire();</c> to release on every exit path.
/// </summary>
public sealed partial class Semaphore : IWaitLineOwner
{
    private readonly WaitLine _line;
    private int _free;

    /// <summary>Creates a semaphore with <paramref name="permits"/> permits, all free.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permits"/> is less than 1.</exception>
    public Semaphore(int permits, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        Permits = permits;
        _free = permits;
        Name = name;
        _line = new WaitLine(this);
    }

    /// <summary>The name in descriptions (stuck reports), or null.</summary>
    public string? Name { get; }

    /// <summary>How many permits it has in all.</summary>
    public int Permits { get; }

    /// <summary>Permits free now.</summary>
    public int CurrentCount => _free;

    /// <summary>Coroutines waiting for a permit.</summary>
    public int WaitingCount => _line.Count;

    /// <summary>
    /// Takes a permit; in a coroutine, waits for one when none is free. Called outside a coroutine it
    /// cannot wait: with no permit free it throws. Pair it with <see cref="Release"/> in a <c>finally</c>,
    /// or use <see cref="Acquire"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called outside a coroutine with no permit free.</exception>
    [SuspensionPoint(nameof(BeginWait), Result = nameof(EndWait))]
    public void Wait()
    {
        if (!TryWait())
        {
            throw new InvalidOperationException(
                $"No permit of {Describe()} is free and Wait was called outside a coroutine, where it cannot wait. " +
                "Use TryWait, or call Wait inside a [Coroutine] method.");
        }
    }

    /// <summary>As <see cref="Wait"/>, returning a handle whose <c>Dispose</c> releases the permit: <c>using var permit = semaphore.Acquire();</c>.</summary>
    /// <exception cref="InvalidOperationException">Called outside a coroutine with no permit free.</exception>
    [SuspensionPoint(nameof(BeginWait), Result = nameof(EndAcquire))]
    public Releaser Acquire()
    {
        Wait();
        return new Releaser(this);
    }

    /// <summary>Takes a permit if one is free (and nobody waits for it).</summary>
    public bool TryWait()
    {
        if (_free == 0)
        {
            return false;
        }
        _free--;
        return true;
    }

    /// <summary>Gives a permit back: to the longest-waiting coroutine, else to the free count.</summary>
    /// <exception cref="InvalidOperationException">Every permit is already free (more releases than takes).</exception>
    public void Release()
    {
        if (_line.GrantFirst())
        {
            return;
        }
        if (_free == Permits)
        {
            throw new InvalidOperationException($"{Describe()} was released more times than it was taken.");
        }
        _free++;
    }

    /// <summary>What <see cref="Wait"/> and <see cref="Acquire"/> become in a state machine.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Suspension BeginWait()
    {
        var coroutine = Scheduler.RunningCoroutine("Semaphore.Wait");
        return TryWait() ? _line.GrantNow(coroutine) : _line.Enqueue(coroutine);
    }

    /// <summary>The outcome of <see cref="Wait"/> in a state machine: the permit is the running coroutine's.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void EndWait() => _line.End("Semaphore.EndWait");

    /// <summary>The outcome of <see cref="Acquire"/> in a state machine.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Releaser EndAcquire()
    {
        _line.End("Semaphore.EndAcquire");
        return new Releaser(this);
    }

    void IWaitLineOwner.GiveBack() => Release();

    /// <inheritdoc cref="IWaitLineOwner.Describe"/>
    public string Describe() =>
        $"semaphore{(Name is null ? "" : $" '{Name}'")} ({_free} of {Permits} free{(_line.Count > 0 ? $", {_line.Count} waiting" : "")})";

    /// <inheritdoc/>
    public override string ToString() => Describe();

    /// <summary>Releases the permit <see cref="Acquire"/> took when disposed. Dispose it once.</summary>
    public readonly partial struct Releaser : IDisposable
    {
        private readonly Semaphore? _semaphore;

        internal Releaser(Semaphore semaphore) => _semaphore = semaphore;

        /// <summary>Releases the permit.</summary>
        public void Dispose() => _semaphore?.Release();
    }
}
