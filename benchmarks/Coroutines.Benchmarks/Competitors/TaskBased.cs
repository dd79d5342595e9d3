using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Coroutines.Benchmarks.Competitors;

/// <summary>
/// What a typical user writes with the Task machinery: <c>await Task.Yield()</c>, either on a
/// single-threaded <see cref="SynchronizationContext"/> (a UI-style pump) or on the thread pool,
/// and <c>await Task.Delay(...)</c> on real timers.
/// </summary>
public static class TaskBodies
{
    public static async Task YieldWorker(int n)
    {
        for (int i = 0; i < n; i++)
        {
            await Task.Yield();
        }
    }

    public static async Task Once()
    {
        await Task.Yield();
    }

    /// <summary>W3 with real timers: two int locals held across a Task.Delay.</summary>
    public static async Task HeldOnDelay()
    {
        int a = Shape.NextW3();
        int b = a * 3;
        await Task.Delay(Shape.W3DelayMs(a));
        Shape.Sink += a + b;
    }
}

/// <summary>A single-threaded synchronization context: Post queues, <see cref="RunUntilEmpty"/> pumps on the calling thread.</summary>
public sealed class SingleThreadContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();

    public override void Post(SendOrPostCallback d, object? state) => _queue.Enqueue((d, state));

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;

    public void RunUntilEmpty()
    {
        var queue = _queue;
        while (queue.Count > 0)
        {
            var (callback, state) = queue.Dequeue();
            callback(state);
        }
    }
}
