using System.Collections.Generic;

namespace Coroutines.Benchmarks.Competitors;

/// <summary>
/// The reference: a minimal hand-written state machine. <see cref="Step"/> returns -1 when done,
/// 0 to yield, or a sleep in clock ticks.
/// </summary>
public abstract class HandWrittenCoroutine
{
    public abstract long Step();
}

/// <summary>
/// The reference loop: a <see cref="Queue{T}"/> of ready state machines and a
/// <see cref="PriorityQueue{TElement, TPriority}"/> keyed by (deadline, sequence), virtual time,
/// and the same pass rule as the Scheduler (each pass runs only what was ready when it began).
/// </summary>
public sealed class HandWrittenLoop
{
    private readonly Queue<HandWrittenCoroutine> _ready = new();
    private readonly PriorityQueue<HandWrittenCoroutine, (long Deadline, long Sequence)> _timers = new();
    private long _now;
    private long _sequence;

    public long Now => _now;

    public int Sleeping => _timers.Count;

    public void Spawn(HandWrittenCoroutine coroutine) => _ready.Enqueue(coroutine);

    public void Run()
    {
        while (_ready.Count > 0 || _timers.Count > 0)
        {
            RunPass(mayWait: true);
        }
    }

    public void RunPass(bool mayWait)
    {
        var ready = _ready;
        var timers = _timers;
        if (mayWait && ready.Count == 0 && timers.TryPeek(out _, out var first) && first.Deadline > _now)
        {
            _now = first.Deadline; // a virtual wait jumps to the earliest deadline
        }
        var now = _now;
        while (timers.TryPeek(out var due, out var when) && when.Deadline <= now)
        {
            timers.Dequeue();
            ready.Enqueue(due);
        }
        for (var n = ready.Count; n > 0; n--)
        {
            var coroutine = ready.Dequeue();
            var delay = coroutine.Step();
            if (delay == 0)
            {
                ready.Enqueue(coroutine);
            }
            else if (delay > 0)
            {
                timers.Enqueue(coroutine, (now + delay, ++_sequence));
            }
        }
    }
}

/// <summary>W1 by hand.</summary>
public sealed class HandWrittenTimerWorker : HandWrittenCoroutine
{
    private uint _x;
    private int _i;

    public HandWrittenTimerWorker(uint seed) => _x = seed;

    public override long Step()
    {
        if (_i == Shape.W1Sleeps)
        {
            return -1;
        }
        _i++;
        _x = Shape.Next(_x);
        return Shape.DelayMs(_x) * Shape.TicksPerMs;
    }
}

/// <summary>W2 by hand.</summary>
public sealed class HandWrittenYieldWorker : HandWrittenCoroutine
{
    private readonly int _n;
    private int _i;

    public HandWrittenYieldWorker(int n) => _n = n;

    public override long Step()
    {
        if (_i == _n)
        {
            return -1;
        }
        _i++;
        return 0;
    }
}

/// <summary>W3 by hand: two int locals and the state.</summary>
public sealed class HandWrittenHeld : HandWrittenCoroutine
{
    private int _a;
    private int _b;
    private int _state;

    public override long Step()
    {
        if (_state == 0)
        {
            _state = 1;
            _a = Shape.NextW3();
            _b = _a * 3;
            return Shape.W3DelayMs(_a) * Shape.TicksPerMs;
        }
        Shape.Sink += _a + _b;
        return -1;
    }
}

/// <summary>Spawn by hand: one yield, then done.</summary>
public sealed class HandWrittenOnce : HandWrittenCoroutine
{
    private int _state;

    public override long Step()
    {
        if (_state == 0)
        {
            _state = 1;
            return 0;
        }
        return -1;
    }
}

/// <summary>
/// Timers by hand (the scale test's reference): pending callbacks in a
/// <see cref="PriorityQueue{TElement, TPriority}"/> keyed by (deadline, sequence), on virtual time.
/// </summary>
public sealed class HandWrittenTimers
{
    private readonly PriorityQueue<System.Action, (long Deadline, long Sequence)> _timers = new();
    private long _now;
    private long _sequence;

    public int Count => _timers.Count;

    public long Now => _now;

    public void CallLater(long ticks, System.Action callback) => _timers.Enqueue(callback, (_now + ticks, ++_sequence));

    public void Run()
    {
        while (_timers.TryDequeue(out var callback, out var when))
        {
            _now = when.Deadline; // a virtual wait jumps to the deadline
            callback();
        }
    }
}
