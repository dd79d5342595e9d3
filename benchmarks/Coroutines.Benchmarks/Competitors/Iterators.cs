using System.Collections.Generic;

namespace Coroutines.Benchmarks.Competitors;

/// <summary>
/// The same bodies as C# iterators: each <c>yield return</c> is a sleep in milliseconds (0: yield).
/// </summary>
public static class IteratorBodies
{
    public static IEnumerator<int> TimerWorker(uint seed)
    {
        uint x = seed;
        for (int i = 0; i < Shape.W1Sleeps; i++)
        {
            x = Shape.Next(x);
            yield return Shape.DelayMs(x);
        }
    }

    public static IEnumerator<int> YieldWorker(int n)
    {
        for (int i = 0; i < n; i++)
        {
            yield return 0;
        }
    }

    public static IEnumerator<int> Held()
    {
        int a = Shape.NextW3();
        int b = a * 3;
        yield return Shape.W3DelayMs(a);
        Shape.Sink += a + b;
    }

    public static IEnumerator<int> Once()
    {
        yield return 0;
    }
}

/// <summary>Iterators driven on the reference loop's structures (Queue + PriorityQueue, virtual time).</summary>
public sealed class IteratorLoop
{
    private readonly Queue<IEnumerator<int>> _ready = new();
    private readonly PriorityQueue<IEnumerator<int>, (long Deadline, long Sequence)> _timers = new();
    private long _now;
    private long _sequence;

    public long Now => _now;

    public void Spawn(IEnumerator<int> body) => _ready.Enqueue(body);

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
            var body = ready.Dequeue();
            if (!body.MoveNext())
            {
                continue;
            }
            var delayMs = body.Current;
            if (delayMs == 0)
            {
                ready.Enqueue(body);
            }
            else
            {
                timers.Enqueue(body, (now + (delayMs * Shape.TicksPerMs), ++_sequence));
            }
        }
    }
}

/// <summary>An iterator run on our Scheduler: each step is one MoveNext (two objects per coroutine).</summary>
public sealed class IteratorCoroutine : Coroutine
{
    private readonly IEnumerator<int> _body;

    public IteratorCoroutine(IEnumerator<int> body) => _body = body;

    protected override Suspension Step() =>
        _body.MoveNext() ? Suspension.Sleep(_body.Current) : Suspension.Done;
}
