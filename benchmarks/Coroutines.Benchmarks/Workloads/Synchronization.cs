using BenchmarkDotNet.Attributes;

namespace Coroutines.Benchmarks;

/// <summary>
/// Waits on Lock, Semaphore and Event (issue 18): 100 coroutines contending, each wait suspends and
/// is handed its turn by the one before. Per wait; a yield (Sleep(0)) of the same coroutines for scale.
/// </summary>
[MemoryDiagnoser]
public partial class SynchronizationWaits
{
    private const int Coroutines = 100;
    private const int Rounds = 1_000;
    private const int Waits = Coroutines * Rounds;

    [Coroutine]
    private static void LockRounds(Lock gate, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            var held = gate.Acquire(); // held across a yield: the others queue behind it
            Yield.Sleep(0);
            held.Dispose();
        }
    }

    [Coroutine]
    private static void SemaphoreRounds(Semaphore pool, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            pool.Wait();
            Yield.Sleep(0);
            pool.Release();
        }
    }

    [Coroutine]
    private static void EventRounds(Event tick, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            tick.Wait(); // every wait suspends until the ticker's next Set
        }
    }

    [Coroutine]
    private static void Ticker(Event tick, int rounds)
    {
        for (int i = 0; i <= rounds; i++)
        {
            tick.Set();
            tick.Reset();
            Yield.Sleep(0);
        }
    }

    [Coroutine]
    private static void YieldRounds(int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            Yield.Sleep(0);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Waits, Description = "yield (Sleep(0)), for scale")]
    public long Yields() => Run(scheduler =>
    {
        for (var i = 0; i < Coroutines; i++)
        {
            scheduler.Spawn(YieldRoundsCoroutine(Rounds));
        }
    });

    [Benchmark(OperationsPerInvoke = Waits, Description = "Lock: Acquire that waits")]
    public long LockHandOff() => Run(scheduler =>
    {
        var gate = new Lock();
        for (var i = 0; i < Coroutines; i++)
        {
            scheduler.Spawn(LockRoundsCoroutine(gate, Rounds));
        }
    });

    [Benchmark(OperationsPerInvoke = Waits, Description = "Semaphore(4): Wait that waits")]
    public long SemaphoreHandOff() => Run(scheduler =>
    {
        var pool = new Semaphore(4);
        for (var i = 0; i < Coroutines; i++)
        {
            scheduler.Spawn(SemaphoreRoundsCoroutine(pool, Rounds));
        }
    });

    [Benchmark(OperationsPerInvoke = Waits, Description = "Event: Wait woken by Set")]
    public long EventWakeUps() => Run(scheduler =>
    {
        var tick = new Event();
        for (var i = 0; i < Coroutines; i++)
        {
            scheduler.Spawn(EventRoundsCoroutine(tick, Rounds));
        }
        scheduler.Spawn(TickerCoroutine(tick, Rounds));
    });

    private static long Run(System.Action<Scheduler> spawn)
    {
        var scheduler = new Scheduler(new VirtualClock());
        spawn(scheduler);
        scheduler.Run();
        return scheduler.Now.Ticks;
    }
}
