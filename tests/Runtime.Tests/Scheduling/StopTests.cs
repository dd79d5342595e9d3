using System;
using Xunit;

namespace Coroutines.Tests.Scheduling;

public class StopTests
{
    [Fact]
    public void Stop_makes_Run_return_after_the_current_pass_and_keeps_pending_work()
    {
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        var trace = new Trace();
        var worker = scheduler.Spawn(new Sleeper("w", trace, 1000, 1000));
        scheduler.CallLater(1500, () =>
        {
            scheduler.Stop();
            trace.Add("stop");
            scheduler.CallSoon(() => trace.Add("queued after stop"));
        });

        scheduler.Run();

        Assert.Equal(new[] { "t=0 w start", "t=1 w step 1", "t=1.5 stop" }, trace.Lines);
        Assert.Equal(CoroutineStatus.Sleeping, worker.Status);
        Assert.False(scheduler.IsRunning);

        scheduler.Run(); // carries on where it stopped

        Assert.Equal(
            new[] { "t=0 w start", "t=1 w step 1", "t=1.5 stop", "t=1.5 queued after stop", "t=2 w step 2" },
            trace.Lines);
        Assert.Equal(CoroutineStatus.Completed, worker.Status);
    }

    [Fact]
    public void Stop_outside_a_run_does_nothing()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var ran = false;
        scheduler.Stop();
        scheduler.CallLater(10, () => ran = true);

        scheduler.Run();

        Assert.True(ran);
    }

    [Fact]
    public void Run_with_nothing_to_do_returns_at_once()
    {
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        scheduler.Run();
        Assert.Equal(0, scheduler.RunDue());
        Assert.Equal(TimeSpan.Zero, clock.Now);
    }

    [Fact]
    public void IsRunning_is_true_only_inside_the_loop()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var inside = false;
        var insideRunDue = false;
        scheduler.CallSoon(() => inside = scheduler.IsRunning);

        Assert.False(scheduler.IsRunning);
        scheduler.Run();
        scheduler.CallSoon(() => insideRunDue = scheduler.IsRunning);
        scheduler.RunDue();

        Assert.True(inside);
        Assert.True(insideRunDue);
        Assert.False(scheduler.IsRunning);
    }
}
