using System.Collections.Generic;
using Coroutines.Orleans.Tests.Support;
using Orleans;

namespace Coroutines.Orleans.Tests.Grains;

/// <summary>The durable coroutines of the tests.</summary>
public static partial class Workflows
{
    /// <summary>Records each step in the journal, then sleeps; returns what it did, step by step.</summary>
    [Coroutine(Saveable = true)]
    public static string Countdown(Journal journal, string name, int steps, int sleepMs)
    {
        var output = new List<string>();
        for (var step = 0; step < steps; step++)
        {
            journal.Record(name, step);
            output.Add($"{name}:{step}");
            Yield.Sleep(sleepMs);
        }
        output.Add("done");
        return string.Join(",", output);
    }

    /// <summary>
    /// Asks another grain for a number (waits for a grain call's task), sleeps, and asks again. The
    /// grain factory is a permanent of every durable grain: saved by name, not by value.
    /// </summary>
    [Coroutine(Saveable = true)]
    public static string AskTwice(IGrainFactory grains, string counter, string name, int answerMs, int sleepMs)
    {
        var first = Yield.Await(grains.GetGrain<ICounterGrain>(counter).Next(name, answerMs));
        Yield.Sleep(sleepMs);
        var second = Yield.Await(grains.GetGrain<ICounterGrain>(counter).Next(name, 0));
        return $"{name}:{first},{second}";
    }

    /// <summary>Stamps the time before and after one sleep, in the journal: how late it resumed.</summary>
    [Coroutine(Saveable = true)]
    public static string SleepOnce(Journal journal, string name, int sleepMs)
    {
        journal.Stamp($"{name}:asleep");
        Yield.Sleep(sleepMs);
        journal.Stamp($"{name}:awake");
        return "done";
    }
}
