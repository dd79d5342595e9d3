using System;
using System.Linq;
using Coroutines.Tracing;
using Xunit;

namespace Coroutines.Tests.Scheduling;

/// <summary>Names, tags, and pausing, resuming and cancelling by tag.</summary>
public partial class PauseTests
{
    [Coroutine]
    private static void Tick(string name, int everyMs, int times, Trace trace)
    {
        for (int i = 1; i <= times; i++)
        {
            Yield.Sleep(everyMs);
            trace.Add($"{name} {i}");
        }
    }

    [Fact]
    public void A_paused_sleep_freezes_and_resumes_with_the_time_that_was_left()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.Spawn(TickCoroutine("enemy", 100, 2, trace).WithTag("enemies"));
        scheduler.Spawn(TickCoroutine("menu", 100, 3, trace).WithTag("ui"));
        scheduler.CallLater(130, () => Assert.Equal(1, scheduler.Pause("enemies"))); // 70 ms of its second sleep left
        scheduler.CallLater(250, () => Assert.Equal(1, scheduler.Resume("enemies")));

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0.1 enemy 1", "t=0.1 menu 1", "t=0.2 menu 2", "t=0.3 menu 3", "t=0.32 enemy 2" },
            trace.Lines);
    }

    [Fact]
    public void A_paused_coroutine_keeps_what_woke_it_until_resumed()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var channel = new Channel<int>();
        var reader = scheduler.Spawn(ReadCoroutine(channel, trace).WithTag("enemies"));
        scheduler.CallLater(10, () => scheduler.Pause("enemies"));
        scheduler.CallLater(20, () => channel.TrySend(5)); // handed to it while paused
        scheduler.CallLater(100, () =>
        {
            Assert.True(reader.IsPaused);
            Assert.Empty(trace.Lines);
            scheduler.Resume("enemies");
        });

        scheduler.Run();

        Assert.Equal(new[] { "t=0.1 read 5" }, trace.Lines);
    }

    [Coroutine]
    private static void Read(Channel<int> channel, Trace trace)
    {
        int item = channel.Receive();
        trace.Add($"read {item}");
    }

    [Fact]
    public void A_ready_coroutine_paused_and_resumed_in_the_same_pass_runs_once()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var ticker = scheduler.Spawn(TickCoroutine("t", 0, 3, trace));
        scheduler.Pause(ticker);
        scheduler.Resume(ticker);
        scheduler.Pause(ticker);
        scheduler.RunDue();
        Assert.Empty(trace.Lines);
        scheduler.Resume(ticker);

        scheduler.Run();

        Assert.Equal(new[] { "t=0 t 1", "t=0 t 2", "t=0 t 3" }, trace.Lines);
    }

    [Coroutine]
    private static void Guarded(string name, Trace trace)
    {
        try
        {
            Yield.Sleep(1000);
        }
        finally
        {
            trace.Add($"{name} finally");
        }
    }

    [Coroutine]
    private static void Spawner(Trace trace)
    {
        Yield.Spawn(GuardedCoroutine("child", trace), "child"); // inherits the spawner's tags
        Yield.Sleep(1000);
    }

    [Fact]
    public void Cancelling_by_tag_reaches_paused_coroutines_and_spawned_children_inherit_tags()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var spawner = scheduler.Spawn(SpawnerCoroutine(trace).WithTag("enemies"), "spawner");
        var menu = scheduler.Spawn(GuardedCoroutine("menu", trace).WithTag("ui"));
        scheduler.CallLater(100, () =>
        {
            Assert.Equal(new[] { "spawner", "child" }, scheduler.Tagged("enemies").Select(c => c.Name));
            Assert.Equal(2, scheduler.Pause("enemies"));
            Assert.Equal(2, scheduler.CancelTagged("enemies"));
        });

        scheduler.Run();

        Assert.Equal(new[] { "t=0.1 child finally", "t=1 menu finally" }, trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, spawner.Status);
        Assert.Equal(CoroutineStatus.Completed, menu.Status);
        Assert.Empty(scheduler.Tagged("enemies"));
        Assert.Equal(new[] { "ui" }, menu.Tags);
    }

    [Coroutine]
    private static void Caller(Trace trace)
    {
        Tick("inner", 100, 2, trace); // a call: the paused frame is the callee
        trace.Add("caller after");
    }

    [Fact]
    public void Pausing_a_coroutine_that_waits_for_a_callee_pauses_the_callee()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var caller = scheduler.Spawn(CallerCoroutine(trace));
        scheduler.CallLater(150, () => scheduler.Pause(caller));
        scheduler.CallLater(1150, () => scheduler.Resume(caller));

        scheduler.Run();

        Assert.Equal(new[] { "t=0.1 inner 1", "t=1.2 inner 2", "t=1.2 caller after" }, trace.Lines);
        Assert.Throws<InvalidOperationException>(() => scheduler.Pause(new Scheduler().Spawn(TickCoroutine("x", 1, 1, trace))));
    }

    [Fact]
    public void Names_given_at_spawn_name_the_timeline_rows_and_a_WithTimeout_body_runs_on_its_callers_row()
    {
        var recorder = new TimelineRecorder();
        var scheduler = new Scheduler(new VirtualClock()) { Observer = recorder };
        scheduler.Spawn(TimedCoroutine(), "timed");
        scheduler.Spawn(TickCoroutine("x", 10, 1, new Trace()).WithName("named"));

        scheduler.Run();

        Assert.Equal(new[] { "timed", "named" }, recorder.Rows.Select(r => r.Label));
    }

    [Coroutine]
    private static void Timed()
    {
        try
        {
            Yield.WithTimeout(50, TickCoroutine("body", 100, 1, new Trace()));
        }
        catch (TimeoutException)
        {
        }
    }
}
