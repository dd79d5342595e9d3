using System;
using System.Collections.Generic;

namespace Coroutines.Tests.Snapshots;

/// <summary>Saveable coroutines in Yield.Scope scopes: members that sleep, a nested scope, a fault that cancels the others.</summary>
public static partial class SaveableScopeCoroutines
{
    private static string Now => $"{Clock.Current.Now.TotalMilliseconds}ms";

    /// <summary>Sleeps, logs; with <paramref name="fail"/>, throws after its sleep.</summary>
    [Coroutine(Saveable = true)]
    public static int Member(string name, int ms, bool fail, List<string> log)
    {
        bool done = false;
        try
        {
            Yield.Sleep(ms);
            if (fail)
            {
                throw new InvalidOperationException($"{name} failed");
            }
            log.Add($"{Now} {name} done");
            done = true;
            return ms;
        }
        finally
        {
            if (!done)
            {
                log.Add($"{Now} {name} ended early");
            }
        }
    }

    /// <summary>A scope's body: spawns members (one of them a nested scope) and sleeps.</summary>
    [Coroutine(Saveable = true)]
    public static int Crew(bool fail, List<string> log)
    {
        Yield.Spawn(MemberCoroutine("m1", 4, false, log));
        Yield.Spawn(MemberCoroutine("m2", 7, fail, log));
        int inner = Yield.Scope(InnerCoroutine(log));
        log.Add($"{Now} inner scope gave {inner}");
        Yield.Sleep(2);
        return inner + 1;
    }

    /// <summary>A nested scope's body.</summary>
    [Coroutine(Saveable = true)]
    public static int Inner(List<string> log)
    {
        Yield.Spawn(MemberCoroutine("i1", 3, false, log));
        Yield.Sleep(1);
        return 10;
    }

    /// <summary>A scope that succeeds, then one whose member faults.</summary>
    [Coroutine(Saveable = true)]
    public static List<string> Missions(List<string> log)
    {
        int crew = Yield.Scope(CrewCoroutine(false, log));
        log.Add($"{Now} first scope gave {crew}");
        try
        {
            Yield.Scope(CrewCoroutine(true, log));
        }
        catch (InvalidOperationException e)
        {
            log.Add($"{Now} second scope failed: {e.Message}");
        }
        return log;
    }
}
