using System;
using System.Collections.Generic;
using System.Threading;

namespace Coroutines;

/// <summary>
/// A single-threaded event loop: a FIFO ready queue, a sleeping queue ordered by (deadline,
/// sequence), and a <see cref="Run()"/> loop that, when nothing is ready, waits on its clock for
/// the earliest sleeper. Shaped after CPython's <c>asyncio</c> base event loop.
/// </summary>
/// <remarks>
/// Each pass first moves every sleeper that is due into the ready queue, then runs exactly the
/// items that were ready when the pass began: work that keeps re-queueing itself cannot starve
/// due timers. All members except <see cref="Post"/> belong to the thread that runs the loop.
/// The sleeping queue is a radix heap (<see cref="TimerQueue{TStaleness}"/>): time only moves
/// forward, which lets it beat a binary heap while keeping exact (deadline, then FIFO) order; see
/// docs/benchmarks.md for the measurements.
/// </remarks>
// The class is split by job: this file holds its state and the calls that add work;
// Scheduler.Loop.cs the loop and its passes; Scheduler.Stepping.cs what a coroutine's step
// returns; Scheduler.Timers.cs the sleeping queue; Scheduler.Cancellation.cs and
// Scheduler.Faults.cs what their names say; Scheduler.Composition.cs calls, waits and wake-ups.
public sealed partial class Scheduler
{
    private readonly IClock _clock;
    private readonly VirtualClock? _virtualClock; // read directly: no interface call per sleep
    private readonly ReadyQueue _ready = new();
    private readonly object _postGate = new();
    private List<object> _posted = new();   // callbacks and task completions, added on any thread under _postGate
    private List<object> _draining = new(); // swapped with _posted by the loop (DrainPosted)
    private volatile bool _hasPosted;
    private ISchedulerObserver? _observer;
    private Coroutine? _running; // outside RunReady: the coroutine whose step ran last (cleared before callbacks); see RunningSlot
    private unsafe void* _runningSlot; // while RunReady runs: the address of its local that takes _running's place; see RunningSlot
    private Coroutine? _callee;  // handed over by Suspension.Call during the step that returns Call

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

    /// <summary>Creates a scheduler on a <see cref="VirtualClock"/>: instant, deterministic runs.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    public Scheduler(VirtualClock clock)
        : this((IClock)clock)
    {
    }

    /// <summary>
    /// Creates a scheduler on <paramref name="timeProvider"/> (<see cref="System.TimeProvider.System"/>,
    /// a <c>FakeTimeProvider</c> in tests, a host's): its sleeps and timers follow that provider's time.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is null.</exception>
    public Scheduler(TimeProvider timeProvider)
        : this(timeProvider as VirtualClock ?? (IClock)new TimeProviderClock(timeProvider ?? throw new ArgumentNullException(nameof(timeProvider))))
    {
    }

    /// <summary>
    /// The scheduler's time as a <see cref="System.TimeProvider"/>, to hand to Task APIs its
    /// coroutines wait on (<c>Task.Delay(delay, scheduler.TimeProvider)</c>): the provider it was
    /// made with, its <see cref="VirtualClock"/>, or <see cref="System.TimeProvider.System"/> for the system clock.
    /// </summary>
    public TimeProvider TimeProvider => _clock switch
    {
        VirtualClock virtualClock => virtualClock,
        TimeProviderClock adapter => adapter.TimeProvider,
        _ => TimeProvider.System,
    };

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
        IndexTags(coroutine);
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
        PostItem(callback);
    }

    // Any thread: a callback, or a TaskWait whose task completed. Wakes a loop waiting on its
    // clock, or one waiting only for posts (Scheduler.Loop.cs, WaitForPost).
    private void PostItem(object item)
    {
        lock (_postGate)
        {
            _posted.Add(item);
            _hasPosted = true;
            if (_waitingForPost)
            {
                Monitor.Pulse(_postGate);
            }
        }
        _clock.Wake();
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
}
