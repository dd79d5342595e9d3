using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Coroutines.Tests.Tasks;

/// <summary>The live dump: every live coroutine, its status, what it waits for and until when, and where.</summary>
public partial class LiveDumpTests
{
    [Coroutine]
    private static void Nap(int ms)
    {
        Yield.Sleep(ms); // DUMP-SLEEP
    }

    [Coroutine]
    private static void Outer(int ms)
    {
        Nap(ms); // DUMP-CALL
    }

    [Coroutine]
    private static int Take(Channel<int> channel)
    {
        int item = channel.Receive(); // DUMP-RECEIVE
        return item;
    }

    [Fact]
    public void Mid_run_the_dump_shows_each_coroutine_with_its_wait_deadline_and_lines()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>();
        var outer = scheduler.Spawn(OuterCoroutine(500));
        outer.Name = "outer";
        var taker = scheduler.Spawn(TakeCoroutine(channel));
        taker.Name = "taker";
        string? text = null;
        CoroutineInfo[]? infos = null;
        scheduler.CallLater(100, () =>
        {
            infos = scheduler.LiveCoroutines().ToArray();
            text = scheduler.Describe();
            channel.TrySend(1);
        });

        scheduler.Run();

        var sleeping = infos!.Single(i => i.Coroutine == outer);
        Assert.Equal(CoroutineStatus.Sleeping, sleeping.Status);
        Assert.Equal(TimeSpan.FromMilliseconds(500), sleeping.Until);
        Assert.Equal(["LiveDumpTests.Nap", "LiveDumpTests.Outer"], sleeping.Frames.Select(f => f.Method));
        Assert.Equal([SourceMarkers.LineOf("DUMP-SLEEP"), SourceMarkers.LineOf("DUMP-CALL")], sleeping.Frames.Select(f => f.Line));
        var waiting = infos!.Single(i => i.Coroutine == taker);
        Assert.Equal("waiting for an item from a Channel<Int32> (0 of unbounded items)", waiting.Activity);
        Assert.StartsWith("Scheduler at 0.1 s: 2 live coroutines", text, StringComparison.Ordinal);
        Assert.Contains("'outer' Sleeping: sleeping until 0.5 s", text, StringComparison.Ordinal);
        Assert.Contains($"at LiveDumpTests.Nap (LiveDumpTests.cs:{SourceMarkers.LineOf("DUMP-SLEEP")})", text, StringComparison.Ordinal);
        Assert.Contains($"at LiveDumpTests.Take (LiveDumpTests.cs:{SourceMarkers.LineOf("DUMP-RECEIVE")})", text, StringComparison.Ordinal);
        Assert.Empty(scheduler.LiveCoroutines()); // all ended
    }

    [Fact]
    public void Paused_coroutines_are_listed_once_each_as_paused_whatever_they_were_doing()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>();
        var idle = new Channel<int>();
        scheduler.Spawn(TakeCoroutine(channel).WithTag("paused"), "woken"); // woken while paused
        scheduler.Spawn(TakeCoroutine(idle).WithTag("paused"), "waiting");
        scheduler.Spawn(NapCoroutine(500).WithTag("paused"), "sleeper");   // 400 ms left at the pause
        scheduler.Spawn(OuterCoroutine(500).WithTag("paused"), "caller");  // its callee sleeps
        scheduler.Spawn(NapCoroutine(1000), "awake");
        CoroutineInfo[]? infos = null;
        scheduler.CallLater(100, () =>
        {
            Assert.Equal(4, scheduler.Pause("paused"));
            channel.TrySend(7);
        });
        scheduler.CallLater(200, () => scheduler.Pause(scheduler.Spawn(NapCoroutine(1).WithTag("paused"), "ready")));
        scheduler.CallLater(300, () => infos = scheduler.LiveCoroutines().ToArray()); // the loop has skipped "ready"'s entry
        scheduler.CallLater(400, () =>
        {
            scheduler.Resume("paused");
            idle.TrySend(8);
        });

        scheduler.Run();

        Assert.Equal(["awake", "caller", "ready", "sleeper", "waiting", "woken"], infos!.Select(i => i.Name).Order());
        var byName = infos!.ToDictionary(i => i.Name);
        Assert.All(infos!.Where(i => i.Name != "awake"), i =>
        {
            Assert.True(i.IsPaused, i.Name);
            Assert.Equal(CoroutineStatus.Waiting, i.Status);
            Assert.Null(i.Until);
        });
        Assert.Equal("paused, woken meanwhile: runs when resumed", byName["woken"].Activity);
        Assert.Equal("paused, waiting for an item from a Channel<Int32> (0 of unbounded items)", byName["waiting"].Activity);
        Assert.Equal("paused with 0.4 s of its sleep left", byName["sleeper"].Activity);
        Assert.Equal("paused with 0.4 s of its sleep left", byName["caller"].Activity);
        Assert.Equal(["LiveDumpTests.Nap", "LiveDumpTests.Outer"], byName["caller"].Frames.Select(f => f.Method));
        Assert.Equal("paused, ready to start", byName["ready"].Activity);
        Assert.False(byName["awake"].IsPaused);
        Assert.Equal(CoroutineStatus.Sleeping, byName["awake"].Status);
        Assert.Contains("'woken' Waiting: paused, woken meanwhile: runs when resumed", infos!.Select(i => i.ToString()).Single(t => t.Contains("'woken'", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Ready_and_not_started_coroutines_are_in_the_dump_too()
    {
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.Spawn(NapCoroutine(1));

        var info = Assert.Single(scheduler.LiveCoroutines());

        Assert.Equal("ready to start", info.Activity);
        Assert.Equal("at LiveDumpTests.Nap (not started)", info.Frames[0].ToString());
    }

    [Fact]
    public void The_debugger_shows_a_summary_and_the_live_coroutines()
    {
        var display = typeof(Scheduler).GetCustomAttribute<DebuggerDisplayAttribute>();
        var proxy = typeof(Scheduler).GetCustomAttribute<DebuggerTypeProxyAttribute>();
        Assert.NotNull(display);
        Assert.NotNull(proxy);
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.Spawn(NapCoroutine(1));
        var view = Activator.CreateInstance(Type.GetType(proxy!.ProxyTypeName)!, scheduler)!;
        var coroutines = (CoroutineInfo[])view.GetType().GetProperty("Coroutines")!.GetValue(view)!;

        Assert.Single(coroutines);
    }
}
