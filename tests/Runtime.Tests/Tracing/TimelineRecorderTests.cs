using System;
using System.Linq;
using Coroutines.Tracing;
using Xunit;

namespace Coroutines.Tests.Tracing;

public class TimelineRecorderTests
{
    [Fact]
    public void The_seed_run_gives_one_row_per_coroutine_with_its_steps_and_sleeps()
    {
        var recorder = SeedRun.Record();

        Assert.Equal(new[] { "fast", "slow" }, recorder.Rows.Select(r => r.Label));
        Assert.Equal(TimeSpan.Zero, recorder.Start);
        Assert.Equal(Seconds.Of(5), recorder.End);

        var fast = recorder.Rows[0];
        Assert.Equal(
            new[]
            {
                "Running 0-0", "Sleeping 0-1",
                "Running 1-1", "Sleeping 1-2",
                "Running 2-2", "Sleeping 2-3",
                "Running 3-3", "Sleeping 3-4",
                "Running 4-4", "Sleeping 4-5",
                "Running 5-5",
            },
            Seconds.Describe(fast.Intervals));
        Assert.Equal(6, fast.Steps);
        Assert.Equal(CoroutineStatus.Completed, fast.Outcome);
        Assert.Equal(Seconds.Of(5), fast.Finished);

        var slow = recorder.Rows[1];
        Assert.Equal(new[] { "Running 0-0", "Sleeping 0-5", "Running 5-5" }, Seconds.Describe(slow.Intervals));
        Assert.Equal(2, slow.Steps);
        Assert.Equal(CoroutineStatus.Completed, slow.Outcome);
    }

    [Fact]
    public void A_coroutine_that_finishes_early_is_done_until_the_end_of_the_recording()
    {
        var recorder = new TimelineRecorder();
        var scheduler = new Scheduler(new VirtualClock()) { Observer = recorder };
        scheduler.Spawn(new CountWorker("short", steps: 1, delayMs: 1000));
        scheduler.Spawn(new CountWorker("long", steps: 1, delayMs: 3000));

        scheduler.Run();

        Assert.Equal(
            new[] { "Running 0-0", "Sleeping 0-1", "Running 1-1", "Done 1-3" },
            Seconds.Describe(recorder.Rows[0].Intervals));
    }

    [Fact]
    public void A_late_wake_is_sleeping_until_the_deadline_then_ready_until_the_step_runs()
    {
        var clock = new VirtualClock();
        var recorder = new TimelineRecorder();
        var scheduler = new Scheduler(clock) { Observer = recorder };
        scheduler.Spawn(new Script("late", step => step == 0 ? Suspension.Sleep(1000) : Suspension.Done));
        // A busy callback at 0.5 s holds the loop for a whole second: the sleeper's 1 s deadline passes.
        scheduler.CallLater(500, () => clock.Advance(TimeSpan.FromSeconds(1)));

        scheduler.Run();

        Assert.Equal(
            new[] { "Running 0-0", "Sleeping 0-1", "Ready 1-1.5", "Running 1.5-1.5" },
            Seconds.Describe(recorder.Rows[0].Intervals));
    }

    [Fact]
    public void Faults_and_cancellations_end_a_row_with_their_outcome()
    {
        var recorder = new TimelineRecorder();
        var scheduler = new Scheduler(new VirtualClock()) { Observer = recorder };
        scheduler.UnobservedFault += (_, _) => { };
        scheduler.Spawn(new Script("bad", step => step == 0 ? Suspension.Sleep(1000) : throw new TracingTestException("boom")));
        var victim = scheduler.Spawn(new Script("victim", _ => Suspension.Sleep(10_000)));
        scheduler.CallLater(2000, victim.Cancel);

        scheduler.Run();

        var bad = recorder.Rows[0];
        Assert.Equal(CoroutineStatus.Faulted, bad.Outcome);
        Assert.IsType<TracingTestException>(bad.Fault);
        Assert.Equal(Seconds.Of(1), bad.Finished);
        Assert.Equal(new[] { "Running 0-0", "Sleeping 0-1", "Running 1-1", "Done 1-2" }, Seconds.Describe(bad.Intervals));

        var canceled = recorder.Rows[1];
        Assert.Equal(CoroutineStatus.Canceled, canceled.Outcome);
        Assert.Equal(Seconds.Of(2), canceled.Finished);
        Assert.Equal(new[] { "Running 0-0", "Sleeping 0-2" }, Seconds.Describe(canceled.Intervals));
    }

    [Fact]
    public void Sleep_zero_goes_back_to_ready_and_zero_length_waits_are_left_out()
    {
        var recorder = new TimelineRecorder();
        var scheduler = new Scheduler(new VirtualClock()) { Observer = recorder };
        scheduler.Spawn(new Script("yielder", step => step < 2 ? Suspension.Sleep(0) : Suspension.Done));

        scheduler.Run();

        var row = recorder.Rows[0];
        Assert.Equal(3, row.Steps);
        Assert.Equal(new[] { "Running 0-0", "Running 0-0", "Running 0-0" }, Seconds.Describe(row.Intervals));
    }

    [Fact]
    public void Rows_with_the_same_name_get_numbered_labels()
    {
        var recorder = new TimelineRecorder();
        var scheduler = new Scheduler(new VirtualClock()) { Observer = recorder };
        scheduler.Spawn(new CountWorker("Count", 1, 10));
        scheduler.Spawn(new CountWorker("Count", 1, 10));
        scheduler.Spawn(new CountWorker("other", 1, 10));
        scheduler.Spawn(new CountWorker("Count", 1, 10));

        scheduler.Run();

        Assert.Equal(new[] { "Count", "Count#2", "other", "Count#3" }, recorder.Rows.Select(r => r.Label));
        Assert.All(recorder.Rows, r => Assert.Equal(r.Coroutine.Name, r.Name));
    }

    [Fact]
    public void A_row_still_open_when_read_ends_at_the_last_event()
    {
        var clock = new VirtualClock();
        var recorder = new TimelineRecorder();
        var scheduler = new Scheduler(clock) { Observer = recorder };
        scheduler.Spawn(new Script("sleeper", step => step == 0 ? Suspension.Sleep(10_000) : Suspension.Done));
        scheduler.Spawn(new Script("quick", step => step == 0 ? Suspension.Sleep(2000) : Suspension.Done));

        clock.Advance(TimeSpan.FromSeconds(2));
        scheduler.RunDue(); // both first steps, at 2 s: they waited, ready, since they were spawned at 0
        clock.Advance(TimeSpan.FromSeconds(2));
        scheduler.RunDue(); // quick is due: its last step, at 4 s

        var sleeper = recorder.Rows[0];
        Assert.Null(sleeper.Outcome);
        Assert.Null(sleeper.Finished);
        Assert.Equal(Seconds.Of(4), recorder.End);
        Assert.Equal(new[] { "Ready 0-2", "Running 2-2", "Sleeping 2-4" }, Seconds.Describe(sleeper.Intervals));
        Assert.Equal(CoroutineStatus.Completed, recorder.Rows[1].Outcome);
    }
}
