using System.Collections.Generic;

namespace Coroutines.Tests.Snapshots;

/// <summary>Saveable coroutines that wait with Yield.AwaitAll and Yield.AwaitAny (whose losers unwind through a finally that sleeps).</summary>
public static partial class SaveableGroupCoroutines
{
    private static string Now => $"{Clock.Current.Now.TotalMilliseconds}ms";

    /// <summary>Sleeps <paramref name="ms"/>; logs its end, or, cancelled, unwinds for 2 ms.</summary>
    [Coroutine(Saveable = true)]
    public static int Racer(string name, int ms, List<string> log)
    {
        bool done = false;
        try
        {
            Yield.Sleep(ms);
            log.Add($"{Now} {name} done");
            done = true;
            return ms;
        }
        finally
        {
            if (!done)
            {
                Yield.Shield(UnwindCoroutine(name, log)); // a loser whose cleanup suspends
            }
        }
    }

    /// <summary>A loser's cleanup: 2 ms.</summary>
    [Coroutine(Saveable = true)]
    public static void Unwind(string name, List<string> log)
    {
        Yield.Sleep(2);
        log.Add($"{Now} {name} unwound");
    }

    /// <summary>Awaits all of three racers, then any of three (the losers cancelled), then all again with one already ended.</summary>
    [Coroutine(Saveable = true)]
    public static List<string> Races(List<string> log)
    {
        var a = Yield.Spawn(RacerCoroutine("a", 3, log));
        var b = Yield.Spawn(RacerCoroutine("b", 5, log));
        var c = Yield.Spawn(RacerCoroutine("c", 4, log));
        var watcher = Yield.Spawn(WatcherCoroutine(b, log));
        Yield.AwaitAll(a, b, c);
        log.Add($"{Now} all done: {a.Result + b.Result + c.Result}");
        var d = Yield.Spawn(RacerCoroutine("d", 6, log));
        var e = Yield.Spawn(RacerCoroutine("e", 2, log));
        var f = Yield.Spawn(RacerCoroutine("f", 9, log));
        int winner = Yield.AwaitAny(d, e, f);
        log.Add($"{Now} any: {winner} ({d.Status} {e.Status} {f.Status})");
        var g = Yield.Spawn(RacerCoroutine("g", 1, log));
        Yield.Sleep(2);
        Yield.AwaitAll(g, watcher, Yield.Spawn(RacerCoroutine("h", 3, log)));
        log.Add($"{Now} end");
        return log;
    }

    /// <summary>Awaits one racer that a group awaits too: both are told when it ends, in the order they began to wait.</summary>
    [Coroutine(Saveable = true)]
    public static void Watcher(Coroutine<int> racer, List<string> log)
    {
        Yield.Sleep(1);
        int result = Yield.Await(racer);
        log.Add($"{Now} watcher saw {result}");
    }
}
