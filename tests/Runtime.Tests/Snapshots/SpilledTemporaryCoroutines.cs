using System;
using System.Collections.Generic;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// Saveable coroutines whose state machines keep values that are not locals across a suspension:
/// operands C# evaluates before it (spilled temporaries), a receiver, the array, index and old
/// value of a compound assignment, a closure environment.
/// </summary>
public static partial class SpilledTemporaryCoroutines
{
    [Coroutine(Saveable = true)]
    public static int Wait(List<string> log, int ms)
    {
        Yield.Sleep(ms);
        log.Add($"{Clock.Current.Now.TotalMilliseconds}ms waited {ms}");
        return ms;
    }

    private static string Make(List<string> log, string text)
    {
        log.Add($"made {text}");
        return text;
    }

    private static int Index(List<string> log, int index)
    {
        log.Add($"index {index}");
        return index;
    }

    private static List<int> Same(List<string> log, List<int> list)
    {
        log.Add("list");
        return list;
    }

    private static string Join(string left, int middle, string right) => $"{left}-{middle}-{right}";

    private static int Apply(Func<int> f) => f();

    [Coroutine(Saveable = true)]
    public static List<string> Spills(List<string> log)
    {
        var numbers = new List<int> { 10, 20 };
        // the first argument lives across the call's suspensions
        var joined = Join(Make(log, "left"), Wait(log, 5), Make(log, "right"));
        log.Add(joined);
        // the receiver lives across them
        var padded = Make(log, "pad").PadLeft(Wait(log, 6), '.');
        log.Add(padded);
        // the list, the index and the old value of a compound assignment
        Same(log, numbers)[Index(log, 1)] += Wait(log, 7);
        log.Add(string.Join(",", numbers));
        int[] cells = { 1, 2, 3 };
        cells[Index(log, 2)] *= Wait(log, 3) + Wait(log, 2);
        log.Add(string.Join(",", cells));
        // the value a switch tests, kept while a section suspends
        switch (Make(log, "b"))
        {
            case "a":
                log.Add("case a");
                break;
            case "b":
                Yield.Sleep(2);
                log.Add("case b");
                break;
        }
        for (var round = 0; round < 2; round++)
        {
            var copy = round * 100;
            log.Add($"closure {Apply(() => copy + 1)}");
            Yield.Sleep(4);
            copy += Wait(log, 1);
            log.Add($"closure after {Apply(() => copy)}");
        }
        return log;
    }


    private static string Hello() => "hello";

    private static string Invoke(Func<string> greeting) => greeting();

    [Coroutine(Saveable = true)]
    public static Func<string> Greeting()
    {
        Yield.Sleep(1);
        return Hello;
    }

    /// <summary>Keeps the value of a suspension (a delegate, which no snapshot can save) in a field, read before it suspends again: it is spent there.</summary>
    [Coroutine(Saveable = true)]
    public static List<string> Greet(List<string> log)
    {
        log.Add(Invoke(Greeting()));
        Yield.Sleep(5);
        log.Add("after");
        return log;
    }
}
