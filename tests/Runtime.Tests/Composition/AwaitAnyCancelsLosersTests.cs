using System;
using Xunit;

namespace Coroutines.Tests.Composition;

/// <summary>AwaitAny cancels the losers and waits for their finally blocks; AwaitAll of Coroutine&lt;T&gt; returns the results.</summary>
public partial class AwaitAnyCancelsLosersTests
{
    [Coroutine]
    private static int Racer(string name, int ms, Trace trace)
    {
        try
        {
            Yield.Sleep(ms);
            trace.Add($"{name} done");
            return ms;
        }
        finally
        {
            trace.Add($"{name} finally");
        }
    }

    [Coroutine]
    private static int SlowLoser(Trace trace)
    {
        try
        {
            Yield.Sleep(1000);
            return -1;
        }
        finally
        {
            Yield.Shield(CleanupCoroutine(trace)); // a loser whose cleanup suspends
        }
    }

    [Coroutine]
    private static void Cleanup(Trace trace)
    {
        Yield.Sleep(50);
        trace.Add("slow loser cleaned up");
    }

    [Coroutine]
    private static int Race(Trace trace)
    {
        var a = Yield.Spawn(RacerCoroutine("a", 300, trace));
        var b = Yield.Spawn(RacerCoroutine("b", 100, trace));
        var c = Yield.Spawn(SlowLoserCoroutine(trace));
        int winner = Yield.AwaitAny(a, b, c);
        trace.Add($"winner {winner}, a is {a.Status}, c is {c.Status}");
        return winner;
    }

    [Fact]
    public void The_losers_are_cancelled_in_argument_order_and_the_caller_resumes_after_their_finally_blocks()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var race = scheduler.Spawn(RaceCoroutine(trace));

        scheduler.Run();

        Assert.Equal(1, race.Result);
        Assert.Equal(
            new[] { "t=0.1 b done", "t=0.1 b finally", "t=0.1 a finally", "t=0.15 slow loser cleaned up", "t=0.15 winner 1, a is Canceled, c is Canceled" },
            trace.Lines);
    }

    [Coroutine]
    private static int RaceKeep(Trace trace)
    {
        var a = Yield.Spawn(RacerCoroutine("a", 300, trace));
        var b = Yield.Spawn(RacerCoroutine("b", 100, trace));
        int winner = Yield.AwaitAny(false, a, b);
        trace.Add($"winner {winner}, a is {a.Status}");
        return winner;
    }

    [Fact]
    public void Told_not_to_AwaitAny_leaves_the_losers_running()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.Spawn(RaceKeepCoroutine(trace));

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0.1 b done", "t=0.1 b finally", "t=0.1 winner 1, a is Sleeping", "t=0.3 a done", "t=0.3 a finally" },
            trace.Lines);
    }

    [Coroutine]
    private static int Sum(Trace trace)
    {
        var slow = RacerCoroutine("slow", 300, trace);
        var fast = RacerCoroutine("fast", 100, trace);
        var mid = RacerCoroutine("mid", 200, trace);
        int[] results = Yield.AwaitAll(slow, fast, mid);
        trace.Add($"results {string.Join(",", results)}");
        return results.Length;
    }

    [Fact]
    public void AwaitAll_of_typed_coroutines_returns_their_results_in_argument_order()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var sum = scheduler.Spawn(SumCoroutine(trace));

        scheduler.Run();

        Assert.Equal(3, sum.Result);
        Assert.Equal("t=0.3 results 300,100,200", trace.Lines[^1]);
        using (Clock.Use(new VirtualClock()))
        {
            Assert.Equal(new[] { 20, 10 }, Yield.AwaitAll(RacerCoroutine("x", 20, trace), RacerCoroutine("y", 10, trace)));
        }
    }

    [Fact]
    public void AwaitAny_with_a_handle_already_finished_still_cancels_the_others()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var done = RacerCoroutine("done", 0, trace);
        var other = RacerCoroutine("other", 100, trace);
        scheduler.Spawn(done);
        scheduler.Spawn(other);
        var waiter = scheduler.Spawn(AwaitTwoCoroutine(done, other, trace));

        scheduler.Run();

        Assert.Equal(0, waiter.Result);
        Assert.Equal(CoroutineStatus.Canceled, other.Status);
        Assert.Contains("t=0 other finally", trace.Lines);
    }

    [Coroutine]
    private static int AwaitTwo(Coroutine first, Coroutine second, Trace trace)
    {
        Yield.Sleep(0);
        int i = Yield.AwaitAny(first, second);
        return i;
    }
}
