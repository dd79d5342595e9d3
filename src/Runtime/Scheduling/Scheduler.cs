using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Coroutines;

/// <summary>
/// A single-threaded event loop: a FIFO ready queue, a sleeping queue ordered by (deadline,
/// sequence), and a <see cref="Run"/> loop that, when nothing is ready, waits on its clock for
/// the earliest sleeper. Shaped after CPython's <c>asyncio</c> base event loop.
/// </summary>
/// <remarks>
/// Each pass first moves every sleeper that is due into the ready queue, then runs exactly the
/// items that were ready when the pass began: work that keeps re-queueing itself cannot starve
/// due timers. All members except <see cref="Post"/> belong to the thread that runs the loop.
/// The sleeping queue is a radix heap (<see cref="TimerQueue"/>): time only moves forward, which
/// lets it beat a binary heap while keeping exact (deadline, then FIFO) order; see
/// docs/benchmarks.md for the measurements.
/// </remarks>
public sealed partial class Scheduler
{
    // Compact the sleeping queue once at least this many stale entries make up half of it (asyncio's rule).
    private const int MinStaleTimersToCompact = 64;

    private readonly IClock _clock;
    private readonly VirtualClock? _virtualClock; // read directly: no interface call per sleep
    private readonly ReadyQueue _ready = new();
    private readonly TimerQueue _timers = new();
    private readonly object _postGate = new();
    private List<Action> _posted = new();
    private List<Action> _draining = new();
    private ISchedulerObserver? _observer;
    private volatile bool _hasPosted;
    private int _loopThread;
    private bool _stopRequested;
    private List<Coroutine>? _faultedThisRun;
    private Coroutine? _running; // the coroutine whose step runs (or ran last: cleared before callbacks), for the factories of calls and waits
    private Coroutine? _callee;  // handed over by Suspension.Call during the step that returns Call

    [ThreadStatic]
    private static Scheduler? t_current;

    /// <summary>Coroutines whose faults the owner of this scheduler rethrows itself (a blocking wait).</summary>
    internal Coroutine[]? IgnoreUnobserved { get; set; }

    /// <summary>Creates a scheduler on its own <see cref="SystemClock"/>: real time.</summary>
    public Scheduler()
        : this(new SystemClock())
    {
    }

    /// <summary>Creates a scheduler on <paramref name="clock"/> (a <see cref="VirtualClock"/> for instant, deterministic runs).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    public Scheduler(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _virtualClock = clock as VirtualClock;
    }

    /// <summary>The scheduler's clock; <see cref="Coroutines.Clock.Current"/> while the loop runs.</summary>
    public IClock Clock => _clock;

    /// <summary>The clock's current time.</summary>
    public TimeSpan Now => _clock.Now;

    /// <summary>Receives every coroutine's life events, or null.</summary>
    public ISchedulerObserver? Observer
    {
        get => _observer;
        set => _observer = value;
    }

    /// <summary>The scheduler whose loop runs on this thread (inside <see cref="Run"/> or <see cref="RunDue"/>), or null.</summary>
    public static Scheduler? Current => t_current;

    /// <summary>True while <see cref="Run"/> or <see cref="RunDue"/> is executing.</summary>
    public bool IsRunning => _loopThread != 0;

    /// <summary>
    /// Raised for a callback that threw, and, when <see cref="Run"/> or <see cref="RunDue"/>
    /// returns, for each coroutine that faulted during it and whose exception nobody has read
    /// (through <see cref="Coroutine.Exception"/>, <see cref="Coroutine.GetResult"/> or a result).
    /// With no handler, the fault is written to standard error: no fault is lost silently.
    /// </summary>
    public event EventHandler<UnobservedFaultEventArgs>? UnobservedFault;

    /// <summary>Entries in the sleeping queue, stale ones included (for tests of reclamation).</summary>
    internal int TimerEntryCount => _timers.Count;

    // The clock's time in ticks; a virtual clock's field is read directly.
    private long NowTicks => _virtualClock is { } virtualClock ? virtualClock.Now.Ticks : _clock.Now.Ticks;

    /// <summary>Queues <paramref name="callback"/> to run in the next pass, after what is already ready.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called from another thread while the loop runs.</exception>
    public void CallSoon(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        CheckThread(nameof(CallSoon));
        _ready.Enqueue(callback);
    }

    /// <summary>Runs <paramref name="callback"/> once <paramref name="delay"/> has passed on the scheduler's clock.</summary>
    /// <returns>A handle whose <see cref="TimerHandle.Cancel"/> cancels the call.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called from another thread while the loop runs.</exception>
    public TimerHandle CallLater(TimeSpan delay, Action callback) =>
        CallLaterTicks(Delay.FromTimeSpan(delay), callback);

    /// <summary>Runs <paramref name="callback"/> once <paramref name="milliseconds"/> have passed on the scheduler's clock.</summary>
    /// <returns>A handle whose <see cref="TimerHandle.Cancel"/> cancels the call.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="milliseconds"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called from another thread while the loop runs.</exception>
    public TimerHandle CallLater(int milliseconds, Action callback) =>
        CallLaterTicks(Delay.FromMilliseconds(milliseconds), callback);

    /// <summary>Starts <paramref name="coroutine"/>: it runs its first step in the next pass.</summary>
    /// <returns>The same coroutine, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="coroutine"/> is null.</exception>
    /// <exception cref="InvalidOperationException">It was already spawned or cancelled, or the call comes from another thread while the loop runs.</exception>
    public T Spawn<T>(T coroutine)
        where T : Coroutine
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        CheckThread(nameof(Spawn));
        if (coroutine.Scheduler is not null)
        {
            throw new InvalidOperationException(
                $"Coroutine '{coroutine.Name}' was already spawned{(coroutine.Scheduler == this ? "" : " on another scheduler")}. " +
                "A coroutine runs once: create a new one (call its factory again) to run the body again.");
        }
        if (coroutine.Status != CoroutineStatus.Created)
        {
            throw new InvalidOperationException(
                $"Coroutine '{coroutine.Name}' cannot be spawned: it is {coroutine.Status}. Create a new one to run the body again.");
        }
        coroutine.AttachTo(this);
        MakeReady(coroutine);
        _observer?.OnSpawned(coroutine, _clock.Now);
        return coroutine;
    }

    /// <summary>
    /// Queues <paramref name="callback"/> to run on the loop's thread. The only member that is
    /// safe to call from any thread; it wakes a loop that is waiting on its clock.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public void Post(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_postGate)
        {
            _posted.Add(callback);
            _hasPosted = true;
        }
        _clock.Wake();
    }

    /// <summary>
    /// Runs passes until nothing is ready, nothing sleeps and nothing was posted (or <see cref="Stop"/>
    /// is called). Faults in coroutines and callbacks never escape: see <see cref="UnobservedFault"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loop is already running (re-entered from inside it, or on another thread).</exception>
    public void Run()
    {
        EnterLoop(nameof(Run));
        var outer = t_current;
        try
        {
            t_current = this;
            using (Coroutines.Clock.Use(_clock))
            {
                while (!_stopRequested && HasWork)
                {
                    RunPass(mayWait: true);
                }
            }
        }
        finally
        {
            t_current = outer;
            _running = null;
            _stopRequested = false;
            _loopThread = 0;
        }
        ReportUnobservedFaults();
    }

    /// <summary>
    /// Runs one pass without waiting: what is ready and every sleeper already due, for hosts
    /// that own their loop (a game frame, a UI timer). Work queued during the pass waits for the next call.
    /// </summary>
    /// <returns>The number of work items (steps and callbacks) run.</returns>
    /// <exception cref="InvalidOperationException">The loop is already running.</exception>
    public int RunDue()
    {
        EnterLoop(nameof(RunDue));
        var outer = t_current;
        int ran;
        try
        {
            t_current = this;
            using (Coroutines.Clock.Use(_clock))
            {
                ran = RunPass(mayWait: false);
            }
        }
        finally
        {
            t_current = outer;
            _running = null;
            _stopRequested = false; // a Stop during this pass must not end the next Run early
            _loopThread = 0;
        }
        ReportUnobservedFaults();
        return ran;
    }

    /// <summary>Makes a running <see cref="Run"/> return after its current pass. Pending work stays queued.</summary>
    /// <exception cref="InvalidOperationException">Called from another thread while the loop runs (use <c>Post(scheduler.Stop)</c>).</exception>
    public void Stop()
    {
        CheckThread(nameof(Stop));
        if (IsRunning)
        {
            _stopRequested = true;
        }
    }

    private bool HasWork => _ready.Count > 0 || _timers.HasLive || _hasPosted;

    private int RunPass(bool mayWait)
    {
        DrainPosted();
        var now = NowTicks;
        if (_ready.Count == 0 && mayWait && _timers.TryPeekLive(now, out var next) && next > now)
        {
            // Nothing to do until the earliest live sleeper is due (stale entries before it were
            // dropped: a cancelled sleep is never waited for).
            _clock.WaitUntil(TimeSpan.FromTicks(next));
            DrainPosted(); // woken early by Post, or posted while we waited
            now = NowTicks;
        }

        var ready = _ready;
        while (_timers.TryPopDue(now, out var due))
        {
            if (due is TimerHandle handle)
            {
                handle.InHeap = false;
            }
            else
            {
                Unsafe.As<Coroutine>(due).RawStatus = (byte)CoroutineStatus.Ready;
            }
            ready.Enqueue(due);
        }

        // Only what was ready when the pass began: anything queued now waits for the next pass.
        var count = ready.Count;
        for (var i = 0; i < count; i++)
        {
            var item = ready.Dequeue();
            // Action and TimerHandle are sealed: each test is one type-handle compare, and
            // everything else in the queue is a coroutine.
            if (item is Action callback)
            {
                Invoke(callback);
            }
            else if (item is TimerHandle handle)
            {
                if (!handle.IsCanceled)
                {
                    handle.HasRun = true;
                    Invoke(handle.Callback);
                }
            }
            else
            {
                var coroutine = Unsafe.As<Coroutine>(item);
                if (coroutine.RawStatus == (byte)CoroutineStatus.Ready) // else cancelled while it waited
                {
                    var chained = StepOnce(coroutine);
                    while (chained is not null)
                    {
                        chained = StepOnce(chained);
                    }
                }
            }
        }
        return count;
    }

    private void Invoke(Action callback)
    {
        _running = null; // a callback is not a coroutine's step: the factories of calls and waits must refuse it
        try
        {
            callback();
        }
        catch (Exception exception)
        {
            Report(exception, null);
        }
    }

    // Runs one step; returns the coroutine that must run at once in the same loop, if any: a
    // callee it calls, the caller a finished callee returns to, itself when what it waited for was
    // already there. The loop in RunPass runs a chain of calls of any depth without growing the
    // thread's stack.
    private Coroutine? StepOnce(Coroutine coroutine)
    {
        coroutine.BeginStep();
        if (_observer is { } observer)
        {
            observer.OnResumed(coroutine, _clock.Now);
        }
        Suspension suspension;
        _running = coroutine;
        try
        {
            suspension = coroutine.RunStep();
        }
        catch (OperationCanceledException canceled) when (coroutine.CancelRequested)
        {
            _running = null;
            _callee = null;
            FinishCanceled(coroutine, canceled);
            return Finished(coroutine);
        }
        catch (Exception exception)
        {
            _running = null;
            _callee = null;
            Fault(coroutine, exception);
            return Finished(coroutine);
        }
        // _running stays set until the next step, or a callback, replaces or clears it: one store less per step.

        // The common suspensions, nobody watching and no cancellation to act on: a yield (Sleep(0))
        // goes to the back of the ready queue, a sleep to the sleeping queue.
        var value = suspension.Value;
        if (value < 0 && _observer is null && !coroutine.CancelUndelivered)
        {
            if (value == Suspension.YieldValue)
            {
                coroutine.RawStatus = (byte)CoroutineStatus.Ready;
                _ready.Enqueue(coroutine);
            }
            else
            {
                coroutine.RawStatus = (byte)CoroutineStatus.Sleeping;
                _timers.Push(DeadlineAfter(~value), coroutine.TimerGeneration, coroutine);
            }
            return null;
        }
        return Suspend(coroutine, suspension);
    }

    // Acts on what the step returned; returns the coroutine to step next in this loop, if any.
    private Coroutine? Suspend(Coroutine coroutine, Suspension suspension)
    {
        var kind = suspension.Kind;
        if (kind == SuspensionKind.Done)
        {
            coroutine.Finish(CoroutineStatus.Completed, null);
            _observer?.OnCompleted(coroutine, _clock.Now);
            return Finished(coroutine);
        }

        _observer?.OnSuspended(coroutine, suspension, _clock.Now);
        if (coroutine.CancelUndelivered)
        {
            // It was cancelled while it ran (by itself, or by code it called).
            coroutine.CancelUndelivered = false;
            if (kind == SuspensionKind.Call)
            {
                // The callee never starts: there is nothing of it to unwind.
                TakeCallee(coroutine).Finish(CoroutineStatus.Canceled, null);
            }
            else if (kind == SuspensionKind.Wait || coroutine.WaitingOn is WaitTarget)
            {
                StopWaiting(coroutine); // also gives back an item a channel handed it at once
            }
            return CancelSuspended(coroutine);
        }

        switch (kind)
        {
            case SuspensionKind.Call:
                var callee = TakeCallee(coroutine);
                coroutine.RawStatus = (byte)CoroutineStatus.Waiting;
                coroutine.Calling = true;
                callee.AttachTo(coroutine);
                _observer?.OnSpawned(callee, _clock.Now);
                return callee;
            case SuspensionKind.Wait:
                coroutine.RawStatus = (byte)CoroutineStatus.Waiting; // the factory registered it where it waits
                return null;
            case SuspensionKind.Continue:
                return coroutine;
        }

        var ticks = suspension.DelayTicks;
        if (ticks == 0)
        {
            MakeReady(coroutine); // Sleep(0): the ready queue, not the sleeping queue
            return null;
        }
        coroutine.RawStatus = (byte)CoroutineStatus.Sleeping;
        _timers.Push(DeadlineAfter(ticks), coroutine.TimerGeneration, coroutine);
        return null;
    }

    private Coroutine TakeCallee(Coroutine caller)
    {
        var callee = _callee ?? throw new InvalidOperationException(
            $"Coroutine '{caller.Name}' returned a Call suspension that Suspension.Call did not make in the same step.");
        _callee = null;
        return callee;
    }

    private void Fault(Coroutine coroutine, Exception exception)
    {
        coroutine.Finish(CoroutineStatus.Faulted, exception);
        (_faultedThisRun ??= new()).Add(coroutine);
        _observer?.OnFaulted(coroutine, exception, _clock.Now);
    }

    // Now + ticks, saturating at the latest deadline the sleeping queue can hold.
    private long DeadlineAfter(long ticks)
    {
        var now = NowTicks;
        return ticks >= TimerQueue.MaxDeadline - now ? TimerQueue.MaxDeadline : now + ticks;
    }

    internal void Cancel(Coroutine coroutine)
    {
        CheckThread(nameof(Coroutine.Cancel));
        // A caller waiting for its callee is cancelled through it: the innermost frame unwinds
        // first, each caller resumes with the cancellation when its callee has ended.
        while (coroutine.Status == CoroutineStatus.Waiting && coroutine.Calling)
        {
            coroutine.CancelRequested = true;
            coroutine.CancelUndelivered = true; // delivered when the callee returns
            if (coroutine.CurrentCallee is not { } callee || callee.Caller != coroutine || callee.IsFinished)
            {
                return; // a state machine that does not say who it calls learns it when the callee returns
            }
            coroutine = callee;
        }
        coroutine.CancelRequested = true;
        var status = coroutine.Status;
        if (status == CoroutineStatus.Running)
        {
            coroutine.CancelUndelivered = true;
            return;
        }
        var compact = false;
        if (status == CoroutineStatus.Sleeping)
        {
            // Its entry stays in the sleeping queue, stale from now on (lazy deletion). A new
            // generation keeps it stale even if the coroutine (one that observes cancellation)
            // sleeps again; after 16 generations, compacting removes the old entries before reuse.
            _timers.MarkStale();
            compact = coroutine.NextTimerGeneration();
        }
        else if (status == CoroutineStatus.Waiting || coroutine.WaitingOn is WaitTarget)
        {
            // Also a coroutine woken but not yet run: a channel may have handed it an item to give back.
            StopWaiting(coroutine);
        }
        if (CancelSuspended(coroutine) is { } caller)
        {
            MakeReady(caller);
        }
        if (compact)
        {
            _timers.RemoveStale();
        }
        else
        {
            MaybeCompactTimers();
        }
    }

    // Delivers the cancellation to a suspended coroutine, or ends it. Returns the caller to
    // resume if that ended a call frame.
    private Coroutine? CancelSuspended(Coroutine coroutine)
    {
        if (coroutine.DeliversCancellation && coroutine.Started)
        {
            // Resume it once more with the exception pending at its suspension point.
            coroutine.DeliverCancellation();
            if (coroutine.Status != CoroutineStatus.Ready)
            {
                MakeReady(coroutine);
            }
            return null;
        }
        FinishCanceled(coroutine, null);
        return Finished(coroutine);
    }

    private void FinishCanceled(Coroutine coroutine, OperationCanceledException? exception)
    {
        coroutine.Finish(CoroutineStatus.Canceled, exception);
        _observer?.OnCanceled(coroutine, _clock.Now);
    }

    internal void OnTimerCanceled(TimerHandle handle)
    {
        if (handle.InHeap)
        {
            _timers.MarkStale();
            MaybeCompactTimers();
        }
    }

    private void MakeReady(Coroutine coroutine)
    {
        coroutine.RawStatus = (byte)CoroutineStatus.Ready;
        _ready.Enqueue(coroutine);
    }

    private TimerHandle CallLaterTicks(long ticks, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        CheckThread(nameof(CallLater));
        var deadline = DeadlineAfter(ticks);
        var handle = new TimerHandle(this, callback, TimeSpan.FromTicks(deadline)) { InHeap = true };
        _timers.Push(deadline, 0, handle);
        return handle;
    }

    private void MaybeCompactTimers()
    {
        var stale = _timers.StaleCount;
        if (stale >= MinStaleTimersToCompact && stale * 2 > _timers.Count)
        {
            _timers.RemoveStale();
        }
    }

    private void DrainPosted()
    {
        if (!_hasPosted)
        {
            return;
        }
        lock (_postGate)
        {
            (_posted, _draining) = (_draining, _posted);
            _hasPosted = false;
        }
        foreach (var callback in _draining)
        {
            _ready.Enqueue(callback);
        }
        _draining.Clear();
    }

    private void EnterLoop(string member)
    {
        var current = Environment.CurrentManagedThreadId;
        var running = Interlocked.CompareExchange(ref _loopThread, current, 0);
        if (running == current)
        {
            throw new InvalidOperationException(
                $"Scheduler.{member}() was called from inside this scheduler's own loop. The loop is already running: " +
                "add work to it with CallSoon, CallLater or Spawn instead.");
        }
        if (running != 0)
        {
            throw new InvalidOperationException(
                $"Scheduler.{member}() was called while the loop runs on another thread. " +
                "A scheduler has one loop: hand work to it with Post(...).");
        }
    }

    internal void CheckThread(string member)
    {
        var running = _loopThread;
        if (running != 0 && running != Environment.CurrentManagedThreadId)
        {
            throw new InvalidOperationException(
                $"{member} was called from another thread while the scheduler's loop runs. A scheduler is single-threaded: " +
                "use scheduler.Post(...) to run that call on the loop's thread.");
        }
    }

    private void ReportUnobservedFaults()
    {
        var faulted = _faultedThisRun;
        if (faulted is null || faulted.Count == 0)
        {
            return;
        }
        _faultedThisRun = null;
        foreach (var coroutine in faulted)
        {
            if (!coroutine.FaultObserved && (IgnoreUnobserved is null || Array.IndexOf(IgnoreUnobserved, coroutine) < 0))
            {
                Report(coroutine.FaultException!, coroutine);
            }
        }
    }

    private void Report(Exception exception, Coroutine? coroutine)
    {
        var handler = UnobservedFault;
        if (handler is not null)
        {
            handler(this, new UnobservedFaultEventArgs(exception, coroutine));
            return;
        }
        var source = coroutine is null ? "a callback" : $"coroutine '{coroutine.Name}'";
        Console.Error.WriteLine($"Coroutines: unobserved fault in {source}: {exception}");
    }
}
