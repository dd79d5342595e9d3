using System.Collections.Generic;

namespace Coroutines.Tests.Snapshots;

/// <summary>Saveable coroutines that share a lock, a semaphore and an event, each with a line of waiters.</summary>
public static partial class SaveableSynchronizationCoroutines
{
    private static string Now => $"{Clock.Current.Now.TotalMilliseconds}ms";

    /// <summary>Takes the lock twice, holding it <paramref name="holdMs"/> each time.</summary>
    [Coroutine(Saveable = true)]
    public static void Locker(Lock gate, string name, int holdMs, List<string> log)
    {
        for (int round = 1; round <= 2; round++)
        {
            using var held = gate.Acquire();
            log.Add($"{Now} {name} holds the lock ({round})");
            Yield.Sleep(holdMs);
        }
    }

    /// <summary>Takes a permit, works <paramref name="workMs"/>, gives it back.</summary>
    [Coroutine(Saveable = true)]
    public static void Permitted(Semaphore pool, string name, int workMs, List<string> log)
    {
        using var permit = pool.Acquire();
        log.Add($"{Now} {name} has a permit ({pool.CurrentCount} left)");
        Yield.Sleep(workMs);
    }

    /// <summary>Waits for the event, then logs.</summary>
    [Coroutine(Saveable = true)]
    public static void Starter(Event go, string name, List<string> log)
    {
        go.Wait();
        log.Add($"{Now} {name} started");
        Yield.Sleep(1);
        go.Wait();
        log.Add($"{Now} {name} saw the event still set");
    }

    /// <summary>Three lockers, five holders of two permits, three starters; the event is set at 12 ms.</summary>
    [Coroutine(Saveable = true)]
    public static List<string> Contention(List<string> log)
    {
        var gate = new Lock("gate");
        var pool = new Semaphore(2, "pool");
        var go = new Event(name: "go");
        for (int i = 0; i < 3; i++)
        {
            Yield.Spawn(LockerCoroutine(gate, $"l{i}", 2 + i, log));
            Yield.Spawn(StarterCoroutine(go, $"s{i}", log));
        }
        for (int i = 0; i < 5; i++)
        {
            Yield.Spawn(PermittedCoroutine(pool, $"p{i}", 3 + i % 2, log));
        }
        Yield.Sleep(12);
        go.Set();
        log.Add($"{Now} go set");
        Yield.Sleep(10);
        log.Add($"{Now} lock {gate.IsHeld} permits {pool.CurrentCount} event {go.IsSet}");
        return log;
    }
}
