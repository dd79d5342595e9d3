using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Coroutines;

// The loop: Run and RunDue, one pass (due sleepers, then what was ready), callbacks and posts.
public sealed partial class Scheduler
{
    [ThreadStatic]
    private static Scheduler? t_current;

    private int _loopThread;
    private bool _stopRequested;
    private bool _waitingForPost; // under _postGate: the loop sleeps until something is posted

    /// <summary>The scheduler whose loop runs on this thread (inside <see cref="Run()"/> or <see cref="RunDue"/>), or null.</summary>
    public static Scheduler? Current => t_current;

    /// <summary>True while <see cref="Run()"/> or <see cref="RunDue"/> is executing.</summary>
    public bool IsRunning => _loopThread != 0;

    /// <summary>
    /// Runs passes until nothing is ready, nothing sleeps, nothing was posted and no task a
    /// coroutine waits for is outstanding (or <see cref="Stop"/> is called). Faults in coroutines
    /// and callbacks never escape: see <see cref="UnobservedFault"/>. If coroutines are left
    /// waiting then, nothing can ever wake them: it throws, naming each with what it waits for
    /// and where (<see cref="Run(WhenStuck)"/> can return that report instead).
    /// </summary>
    /// <exception cref="InvalidOperationException">The loop is already running (re-entered from inside it, or on another thread).</exception>
    /// <exception cref="SchedulerStuckException">Coroutines were left waiting with nothing to wake them.</exception>
    public void Run() => Run(WhenStuck.Throw);

    /// <summary>As <see cref="Run()"/>, saying what to do if coroutines are left that nothing can wake.</summary>
    /// <returns>Null if every coroutine ended (or <see cref="Stop"/> ended the run); otherwise the report of the stuck ones, when <paramref name="whenStuck"/> is <see cref="WhenStuck.Return"/>.</returns>
    /// <exception cref="InvalidOperationException">The loop is already running (re-entered from inside it, or on another thread).</exception>
    /// <exception cref="SchedulerStuckException">Coroutines were left waiting and <paramref name="whenStuck"/> is <see cref="WhenStuck.Throw"/>.</exception>
    public StuckReport? Run(WhenStuck whenStuck)
    {
        EnterLoop(nameof(Run));
        var outer = t_current;
        bool stopped;
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
            stopped = _stopRequested;
        }
        finally
        {
            t_current = outer;
            _running = null;
            _stopRequested = false;
            _loopThread = 0;
        }
        DeferUnreadFaults();
        var stuck = stopped ? null : FindStuck();
        if (stuck is not null && whenStuck == WhenStuck.Throw)
        {
            throw new SchedulerStuckException(stuck);
        }
        return stuck;
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
        DeferUnreadFaults();
        return ran;
    }

    /// <summary>Makes a running <see cref="Run()"/> return after its current pass. Pending work stays queued.</summary>
    /// <exception cref="InvalidOperationException">Called from another thread while the loop runs (use <c>Post(scheduler.Stop)</c>).</exception>
    public void Stop()
    {
        CheckThread(nameof(Stop));
        if (IsRunning)
        {
            _stopRequested = true;
        }
    }

    // Outside waits (tasks, a hosted loop) keep the loop going: what ends them comes in as a post.
    private bool HasWork => _ready.Count > 0 || _timers.HasLive || _hasPosted || OutsideWaits > 0;

    private int RunPass(bool mayWait)
    {
        DrainPosted();
        var now = NowTicks;
        if (_ready.Count == 0 && mayWait)
        {
            if (_timers.TryPeekLive(now, out var next))
            {
                if (next > now)
                {
                    // Nothing to do until the earliest live sleeper is due (stale entries before it were
                    // dropped: a cancelled sleep is never waited for).
                    if (OutsideWaits > 0 && _virtualClock is { } clock && clock.TryPeekTimer(out var due) && due.Ticks < next)
                    {
                        next = due.Ticks; // a task waits on an earlier timer of the virtual clock: stop there
                    }
                    _clock.WaitUntil(TimeSpan.FromTicks(next));
                    DrainPosted(); // woken early by Post, or posted while we waited
                    now = NowTicks;
                }
            }
            else if (OutsideWaits > 0)
            {
                if (_virtualClock is { } virtualClock && virtualClock.TryPeekTimer(out var due))
                {
                    // A task waits on the virtual clock's own timers (Task.Delay(d, clock)): move the
                    // clock to the next one, as a sleeper's deadline would.
                    virtualClock.WaitUntil(due);
                }
                else
                {
                    WaitForPost(); // only a task completion or a post can bring work now
                }
                DrainPosted();
                now = NowTicks;
            }
        }

        MoveDueTimersToReady(now);
        if (!mayWait)
        {
            CheckConditions(); // Yield.WaitUntil, per RunDue tick: what the host changed between ticks
        }
        // Only what was ready when the pass began: anything queued now waits for the next pass.
        var count = _ready.Count;
        RunReady(count);
        if (mayWait && count > 0)
        {
            CheckConditions(); // Yield.WaitUntil, per Run pass: what the pass changed; nothing ran, nothing changed
        }
        return count;
    }

    // Runs the first `count` entries of the ready queue. The common step (nobody watching, the
    // coroutine ready) runs here, not in StepOnce: the try/catch is around the whole loop, entered
    // again after a step's fault, so a yield costs the dequeue, the step and the enqueue, with no
    // call or frame of the loop's own and no GC write barrier but the enqueue's per step. The
    // loop keeps nothing in memory that changes per step but the running coroutine and inStep
    // (both read by the catch clause): the pass ends when the queue's Taken reaches `end`, and
    // the catch clause takes no filter (a filter keeps every local it can see on the stack).
    private unsafe void RunReady(int count)
    {
        var ready = _ready;
        var end = unchecked(ready.Taken + count); // wraps like Taken
        var running = _running; // the running coroutine, here while this loop runs: see RunningSlot
        _runningSlot = Unsafe.AsPointer(ref running);
        var inStep = false; // the catch clause takes the exceptions of a step only
        try
        {
            while (ready.Taken != end)
            {
                try
                {
                    do
                    {
                        var item = ready.Dequeue();
                        // Action and TimerHandle are sealed: each test is a compare of the type
                        // handle (GetType() == typeof(...) is one; `is` adds a null test, and the
                        // entry is never null), and everything else in the queue is a coroutine.
                        if (item.GetType() == typeof(Action))
                        {
                            Invoke(Unsafe.As<Action>(item));
                            continue;
                        }
                        if (item.GetType() == typeof(TimerHandle))
                        {
                            var handle = Unsafe.As<TimerHandle>(item);
                            if (!handle.IsCanceled)
                            {
                                handle.HasRun = true;
                                Invoke(handle.Callback);
                            }
                            continue;
                        }
                        var coroutine = Unsafe.As<Coroutine>(item);
                        if (coroutine.RawStatus != (byte)CoroutineStatus.Ready)
                        {
                            SkippedWhilePaused(coroutine); // or cancelled while it waited
                            continue;
                        }
                        Coroutine? chained;
                        if (_observer is null)
                        {
                            coroutine.BeginStep();
                            // It stays the running one after its step until the next step, or a
                            // callback, replaces or clears it: one store less per step.
                            running = coroutine;
                            inStep = true;
                            var suspension = coroutine.RunStep();
                            inStep = false;
                            chained = AfterStep(coroutine, suspension, ready);
                        }
                        else
                        {
                            chained = StepOnce(coroutine);
                        }
                        if (chained is not null)
                        {
                            RunChain(chained);
                        }
                    }
                    while (ready.Taken != end);
                }
                catch (Exception exception)
                {
                    if (!inStep)
                    {
                        throw; // not a step's: the loop's own, or a chained step's bookkeeping
                    }
                    inStep = false;
                    var faulted = running!;
                    RunChain(exception is OperationCanceledException canceled && faulted.CancelRequested
                        ? StepCanceled(faulted, canceled)
                        : StepFaulted(faulted, exception));
                }
            }
        }
        finally
        {
            _running = running;
            _runningSlot = null; // the local is gone with this frame
        }
    }

    // A chain of calls of any depth runs here without growing the thread's stack: a callee, the
    // caller a finished callee returns to, and so on.
    private void RunChain(Coroutine? next)
    {
        while (next is not null)
        {
            next = StepOnce(next);
        }
    }

    private void Invoke(Action callback)
    {
        RunningSlot = null; // a callback is not a coroutine's step: the factories of calls and waits must refuse it
        try
        {
            callback();
        }
        catch (Exception exception)
        {
            Report(exception, null);
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
        foreach (var item in _draining)
        {
            if (item is TaskWait completed)
            {
                completed.Resume(); // queues the waiter, in the order the tasks completed
            }
            else
            {
                _ready.Enqueue(item);
            }
        }
        _draining.Clear();
    }

    // Blocks the loop's thread until something is posted; independent of the clock, so a
    // virtual clock (which never blocks) still waits for real tasks.
    private void WaitForPost()
    {
        lock (_postGate)
        {
            _waitingForPost = true;
            while (!_hasPosted)
            {
                Monitor.Wait(_postGate);
            }
            _waitingForPost = false;
        }
        DrainPosted();
    }

    // Enters the loop on this thread; first reports the faults earlier runs left unread.
    private void EnterLoop(string member)
    {
        EnterLoopThread(member);
        try
        {
            ReportUnreadFaults();
        }
        catch
        {
            _loopThread = 0; // a throwing handler leaves the loop free
            throw;
        }
    }

    private void EnterLoopThread(string member)
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
}
