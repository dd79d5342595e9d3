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

    /// <summary>The scheduler whose loop runs on this thread (inside <see cref="Run"/> or <see cref="RunDue"/>), or null.</summary>
    public static Scheduler? Current => t_current;

    /// <summary>True while <see cref="Run"/> or <see cref="RunDue"/> is executing.</summary>
    public bool IsRunning => _loopThread != 0;

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

        MoveDueTimersToReady(now);
        if (!mayWait)
        {
            CheckConditions(); // Yield.WaitUntil, per RunDue tick: what the host changed between ticks
        }
        var ready = _ready;

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
                    // A chain of calls of any depth runs here without growing the thread's stack.
                    var chained = StepOnce(coroutine);
                    while (chained is not null)
                    {
                        chained = StepOnce(chained);
                    }
                }
                else
                {
                    SkippedWhilePaused(coroutine);
                }
            }
        }
        if (mayWait && count > 0)
        {
            CheckConditions(); // Yield.WaitUntil, per Run pass: what the pass changed; nothing ran, nothing changed
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
}
