namespace Coroutines.Benchmarks;

/// <summary>The workload bodies as [Coroutine] methods: the generator turns each into a state machine on our Scheduler.</summary>
public static partial class GeneratedBodies
{
    /// <summary>W1: ten sleeps of 1..1000 ms.</summary>
    [Coroutine]
    public static void TimerWorker(uint seed)
    {
        uint x = seed;
        for (int i = 0; i < Shape.W1Sleeps; i++)
        {
            x = Shape.Next(x);
            Yield.Sleep(Shape.DelayMs(x));
        }
    }

    /// <summary>W2: <paramref name="n"/> yields.</summary>
    [Coroutine]
    public static void YieldWorker(int n)
    {
        for (int i = 0; i < n; i++)
        {
            Yield.Sleep(0);
        }
    }

    /// <summary>W3: suspended with two int locals.</summary>
    [Coroutine]
    public static void Held()
    {
        int a = Shape.NextW3();
        int b = a * 3;
        Yield.Sleep(Shape.W3DelayMs(a));
        Shape.Sink += a + b;
    }

    /// <summary>Spawn: one suspension, then done.</summary>
    [Coroutine]
    public static void Once()
    {
        Yield.Sleep(0);
    }
}
