using System;
using System.IO;
using Xunit;

namespace Coroutines.Tests.Scheduling;

public class UnobservedFaultTests
{
    private static ScriptedCoroutine FaultsAt(int stepMs, string message) =>
        new("faulty", step => step == 0 ? Suspension.Sleep(stepMs) : throw new BoomException(message));

    [Fact]
    public void An_unread_fault_is_reported_once_when_the_loop_next_starts()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new FaultLog(scheduler);
        var reportsDuringRun = -1;
        var faulty = scheduler.Spawn(FaultsAt(1000, "unread"));
        scheduler.CallLater(2000, () => reportsDuringRun = log.Reports.Count);

        scheduler.Run();
        Assert.Empty(log.Reports); // its owner may still read it now that Run has returned
        scheduler.RunDue();

        Assert.Equal(0, reportsDuringRun);
        var report = Assert.Single(log.Reports);
        Assert.Same(faulty, report.Coroutine);
        Assert.IsType<BoomException>(report.Exception);
        Assert.Equal("unread", report.Exception.Message);

        scheduler.CallSoon(() => { });
        scheduler.Run();
        Assert.Single(log.Reports); // not reported again by a later run
    }

    [Fact]
    public void A_fault_whose_exception_is_read_during_the_run_is_not_reported()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new FaultLog(scheduler);
        var faulty = scheduler.Spawn(FaultsAt(1000, "read"));
        Exception? seen = null;
        scheduler.CallLater(2000, () => seen = faulty.Exception);

        scheduler.Run();

        Assert.IsType<BoomException>(seen);
        Assert.Empty(log.Reports);
    }

    [Fact]
    public void A_fault_whose_result_is_read_during_the_run_is_not_reported()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new FaultLog(scheduler);
        var faulty = scheduler.Spawn(FaultsAt(1000, "result"));
        Exception? caught = null;
        scheduler.CallLater(2000, () =>
        {
            try
            {
                _ = faulty.Result;
            }
            catch (BoomException e)
            {
                caught = e;
            }
        });

        scheduler.Run();

        Assert.NotNull(caught);
        Assert.Empty(log.Reports);
    }

    [Fact]
    public void A_fault_read_by_the_observer_is_not_reported()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new FaultLog(scheduler);
        Exception? seen = null;
        scheduler.Observer = new RecordingObserver { OnFault = (coroutine, _) => seen = coroutine.Exception };
        scheduler.Spawn(FaultsAt(1000, "observer"));

        scheduler.Run();

        Assert.IsType<BoomException>(seen);
        Assert.Empty(log.Reports);
    }

    [Fact]
    public void Reading_Exception_before_the_fault_does_not_count_as_observing_it()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new FaultLog(scheduler);
        var faulty = scheduler.Spawn(FaultsAt(1000, "later"));
        Exception? before = new InvalidOperationException("not read yet");
        scheduler.CallLater(500, () => before = faulty.Exception); // still sleeping: null

        scheduler.Run();
        scheduler.ReportUnobservedFaults();

        Assert.Null(before);
        var report = Assert.Single(log.Reports);
        Assert.Equal("later", report.Exception.Message);
    }

    [Fact]
    public void A_fault_unread_after_RunDue_is_reported_by_the_next_RunDue()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new FaultLog(scheduler);
        var faulty = scheduler.Spawn(new ScriptedCoroutine("f", _ => throw new BoomException("due")));

        scheduler.RunDue();
        Assert.Empty(log.Reports);
        scheduler.RunDue();

        var report = Assert.Single(log.Reports);
        Assert.Same(faulty, report.Coroutine);
    }

    [Fact]
    public void A_fault_nobody_read_is_reported_at_process_exit_if_the_loop_never_starts_again()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new FaultLog(scheduler);
        var faulty = scheduler.Spawn(new ScriptedCoroutine("f", _ => throw new BoomException("exit")));

        scheduler.Run();
        Assert.Empty(log.Reports);
        UnreadFaultsAtExit.ReportAll(); // what the process-exit hook runs

        Assert.Same(faulty, Assert.Single(log.Reports).Coroutine);
        UnreadFaultsAtExit.ReportAll();
        Assert.Single(log.Reports); // once
    }
}

/// <summary>Tests that replace <see cref="Console.Error"/> (process-wide) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}

[Collection(ConsoleCollection.Name)]
public class UnobservedFaultStderrTests
{
    private static string CaptureStderr(Action action)
    {
        var original = Console.Error;
        var writer = new StringWriter();
        Console.SetError(writer);
        try
        {
            action();
        }
        finally
        {
            Console.SetError(original);
        }
        return writer.ToString();
    }

    [Fact]
    public void With_no_handler_an_unread_coroutine_fault_goes_to_stderr()
    {
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.Spawn(new ScriptedCoroutine("lonely", _ => throw new BoomException("nobody looked")));

        var stderr = CaptureStderr(() =>
        {
            scheduler.Run();
            scheduler.ReportUnobservedFaults();
        });

        Assert.Contains("unobserved fault", stderr);
        Assert.Contains("'lonely'", stderr);
        Assert.Contains(nameof(BoomException), stderr);
        Assert.Contains("nobody looked", stderr);
    }

    [Fact]
    public void With_no_handler_a_throwing_callback_goes_to_stderr()
    {
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.CallSoon(() => throw new BoomException("callback failed"));

        var stderr = CaptureStderr(scheduler.Run);

        Assert.Contains("unobserved fault in a callback", stderr);
        Assert.Contains("callback failed", stderr);
    }

    [Fact]
    public void The_Run_then_Result_pattern_prints_nothing()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var faulty = scheduler.Spawn(new ScriptedCoroutine("read later", _ => throw new BoomException("read after Run")));
        BoomException? caught = null;

        var stderr = CaptureStderr(() =>
        {
            scheduler.Run();
            try
            {
                faulty.GetResult();
            }
            catch (BoomException e)
            {
                caught = e;
            }
            scheduler.Run(); // the loop starts again: nothing unread is left to report
            scheduler.ReportUnobservedFaults();
            UnreadFaultsAtExit.ReportAll();
        });

        Assert.Equal("", stderr);
        Assert.Equal("read after Run", caught!.Message);
    }

    [Fact]
    public void With_no_handler_an_observed_fault_writes_nothing()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var faulty = scheduler.Spawn(new ScriptedCoroutine("seen", _ => throw new BoomException("seen")));
        scheduler.CallSoon(() => Assert.NotNull(faulty.Exception));

        var stderr = CaptureStderr(scheduler.Run);

        Assert.Equal("", stderr);
    }
}
