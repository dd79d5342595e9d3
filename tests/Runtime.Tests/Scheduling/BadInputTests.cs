using System;
using System.Threading;
using Xunit;

namespace Coroutines.Tests.Scheduling;

public class BadInputTests
{
    [Fact]
    public void Negative_delays_throw_ArgumentOutOfRangeException()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var byMs = Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.CallLater(-1, () => { }));
        Assert.Equal("milliseconds", byMs.ParamName);
        Assert.Contains("negative", byMs.Message);
        var bySpan = Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.CallLater(TimeSpan.FromTicks(-1), () => { }));
        Assert.Equal("delay", bySpan.ParamName);
        Assert.Equal(0, scheduler.TimerEntryCount);
    }

    [Fact]
    public void Null_arguments_throw_ArgumentNullException()
    {
        var scheduler = new Scheduler(new VirtualClock());
        Assert.Equal("clock", Assert.Throws<ArgumentNullException>(() => new Scheduler(null!)).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => scheduler.CallSoon(null!)).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => scheduler.CallLater(1, null!)).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => scheduler.CallLater(TimeSpan.Zero, null!)).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => scheduler.Post(null!)).ParamName);
        Assert.Equal("coroutine", Assert.Throws<ArgumentNullException>(() => scheduler.Spawn<Coroutine>(null!)).ParamName);
        Assert.Throws<ArgumentNullException>(() => new Sleeper("s", null).Name = null!);
    }

    [Fact]
    public void Spawning_the_same_coroutine_twice_throws_and_says_to_create_a_new_one()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var coroutine = scheduler.Spawn(new Sleeper("twice", null, 10));

        var whileReady = Assert.Throws<InvalidOperationException>(() => scheduler.Spawn(coroutine));
        Assert.Contains("'twice' was already spawned", whileReady.Message);
        Assert.Contains("create a new one", whileReady.Message);

        scheduler.Run();
        Assert.Throws<InvalidOperationException>(() => scheduler.Spawn(coroutine));

        var other = new Scheduler(new VirtualClock());
        var elsewhere = Assert.Throws<InvalidOperationException>(() => other.Spawn(coroutine));
        Assert.Contains("on another scheduler", elsewhere.Message);
        Assert.Equal(1, coroutine.Result);
    }

    [Fact]
    public void Run_or_RunDue_reentered_from_inside_the_loop_throws_and_says_to_add_work_instead()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new FaultLog(scheduler);
        Exception? fromCallback = null;
        Exception? fromRunDue = null;
        Exception? fromCoroutine = null;
        scheduler.CallSoon(() => fromCallback = Record(scheduler.Run));
        scheduler.CallSoon(() => fromRunDue = Record(() => scheduler.RunDue()));
        scheduler.Spawn(new ScriptedCoroutine("c", _ =>
        {
            fromCoroutine = Record(scheduler.Run);
            return Suspension.Done;
        }));

        scheduler.Run();

        foreach (var error in new[] { fromCallback, fromRunDue, fromCoroutine })
        {
            var invalid = Assert.IsType<InvalidOperationException>(error);
            Assert.Contains("from inside this scheduler's own loop", invalid.Message);
            Assert.Contains("CallSoon, CallLater or Spawn", invalid.Message);
        }
        Assert.Contains("Scheduler.RunDue()", fromRunDue!.Message);
        Assert.Empty(log.Reports);
        Assert.False(scheduler.IsRunning);
    }

    [Fact]
    public void Scheduler_calls_from_another_thread_while_the_loop_runs_throw_and_say_to_use_Post()
    {
        // The loop thread blocks inside a callback while another thread tries each call: no timing involved.
        var scheduler = new Scheduler(new VirtualClock());
        var sleeper = scheduler.Spawn(new Sleeper("s", null, 1000));
        var timer = scheduler.CallLater(5000, () => { });
        var attempts = new (string Name, Action Call)[]
        {
            ("CallSoon", () => scheduler.CallSoon(() => { })),
            ("CallLater", () => scheduler.CallLater(1, () => { })),
            ("CallLater", () => scheduler.CallLater(TimeSpan.FromSeconds(1), () => { })),
            ("Spawn", () => scheduler.Spawn(new Sleeper("x", null))),
            ("Cancel", sleeper.Cancel),
            ("Cancel", timer.Cancel),
            ("Stop", scheduler.Stop),
        };
        var errors = new Exception?[attempts.Length];
        Exception? runFromOtherThread = null;
        Exception? postFromOtherThread = null;
        scheduler.CallLater(100, () =>
        {
            var other = new Thread(() =>
            {
                for (var i = 0; i < attempts.Length; i++)
                {
                    errors[i] = Record(attempts[i].Call);
                }
                runFromOtherThread = Record(scheduler.Run);
                postFromOtherThread = Record(() => scheduler.Post(() => { }));
            });
            other.Start();
            other.Join();
        });

        scheduler.Run();

        for (var i = 0; i < attempts.Length; i++)
        {
            var invalid = Assert.IsType<InvalidOperationException>(errors[i]);
            Assert.StartsWith(attempts[i].Name, invalid.Message);
            Assert.Contains("from another thread", invalid.Message);
            Assert.Contains("Post(", invalid.Message);
        }
        var run = Assert.IsType<InvalidOperationException>(runFromOtherThread);
        Assert.Contains("another thread", run.Message);
        Assert.Contains("Post(", run.Message);
        Assert.Null(postFromOtherThread);
        Assert.Equal(CoroutineStatus.Completed, sleeper.Status); // the failed Cancel changed nothing
        Assert.True(timer.HasRun);
    }

    [Fact]
    public void Another_thread_may_use_the_scheduler_when_its_loop_is_not_running()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var ran = false;
        var other = new Thread(() => scheduler.CallSoon(() => ran = true));
        other.Start();
        other.Join();

        scheduler.Run();

        Assert.True(ran);
    }

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
