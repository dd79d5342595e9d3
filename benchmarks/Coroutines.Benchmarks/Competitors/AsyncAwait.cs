using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Coroutines.Benchmarks.Competitors;

/// <summary>
/// async/await with a custom awaiter on a minimal single-threaded loop: the continuation
/// (the async state machine box's cached MoveNext delegate) goes into a Queue or a
/// PriorityQueue keyed by (deadline, sequence), on virtual time.
/// </summary>
public sealed class AwaitLoop
{
    private readonly Queue<Action> _ready = new();
    private readonly PriorityQueue<Action, (long Deadline, long Sequence)> _timers = new();
    private long _now;
    private long _sequence;

    public long Now => _now;

    /// <summary>What a body awaits: <c>await loop.Sleep(ms)</c> (0: yield to the next pass).</summary>
    public SleepAwaitable Sleep(int milliseconds) => new(this, milliseconds * Shape.TicksPerMs);

    internal void Schedule(Action continuation, long ticks)
    {
        if (ticks == 0)
        {
            _ready.Enqueue(continuation);
        }
        else
        {
            _timers.Enqueue(continuation, (_now + ticks, ++_sequence));
        }
    }

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
            _now = first.Deadline;
        }
        var now = _now;
        while (timers.TryPeek(out var due, out var when) && when.Deadline <= now)
        {
            timers.Dequeue();
            ready.Enqueue(due);
        }
        for (var n = ready.Count; n > 0; n--)
        {
            ready.Dequeue()();
        }
    }
}

/// <summary>The custom awaitable and awaiter: never completed synchronously; schedules the continuation on the loop.</summary>
public readonly struct SleepAwaitable : ICriticalNotifyCompletion
{
    private readonly AwaitLoop _loop;
    private readonly long _ticks;

    public SleepAwaitable(AwaitLoop loop, long ticks)
    {
        _loop = loop;
        _ticks = ticks;
    }

    public SleepAwaitable GetAwaiter() => this;

    public bool IsCompleted => false;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) => _loop.Schedule(continuation, _ticks);

    public void UnsafeOnCompleted(Action continuation) => _loop.Schedule(continuation, _ticks);
}

/// <summary>The bodies as async methods awaiting the custom awaiter.</summary>
public static class AsyncBodies
{
    public static async Task TimerWorker(AwaitLoop loop, uint seed)
    {
        uint x = seed;
        for (int i = 0; i < Shape.W1Sleeps; i++)
        {
            x = Shape.Next(x);
            await loop.Sleep(Shape.DelayMs(x));
        }
    }

    public static async Task YieldWorker(AwaitLoop loop, int n)
    {
        for (int i = 0; i < n; i++)
        {
            await loop.Sleep(0);
        }
    }

    public static async Task Held(AwaitLoop loop)
    {
        int a = Shape.NextW3();
        int b = a * 3;
        await loop.Sleep(Shape.W3DelayMs(a));
        Shape.Sink += a + b;
    }

    public static async Task Once(AwaitLoop loop)
    {
        await loop.Sleep(0);
    }
}
