using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Coroutines.Snapshots;
using Xunit;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// A coroutine woken by the task it awaits and not yet resumed (paused when the task completed):
/// the generated field still holds the task, and the coroutine reads its outcome when it resumes.
/// A snapshot keeps that outcome (result, exception or cancellation), so the restored coroutine
/// ends as the one that was not saved. Once read, the field is cleared; a task not completed, or a
/// ValueTask, is refused with the field named.
/// </summary>
public sealed class AwaitedTaskSnapshotTests
{
    private const string Name = "awaiting";

    private static SnapshotOptions Options(List<string> log, AwaitedTaskCoroutines.Oracle oracle)
    {
        var options = new SnapshotOptions();
        options.Permanents.Add("log", log);
        options.Permanents.Add("oracle", oracle);
        return options;
    }

    /// <summary>Runs until the coroutine waits on the task, pauses it, completes the task, and lets the loop wake it (it stays paused).</summary>
    private static Scheduler WokenWhilePaused(Coroutine coroutine, Action complete)
    {
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.Spawn(coroutine.WithName(Name).WithTag(Name));
        scheduler.RunDue();
        Assert.Equal(1, scheduler.OutstandingTaskWaits);
        Assert.True(scheduler.Pause(coroutine));
        complete();
        Assert.True(SpinWait.SpinUntil(() => { scheduler.RunDue(); return scheduler.OutstandingTaskWaits == 0; }, 5000));
        return scheduler;
    }

    /// <summary>Resumes the coroutine and runs to the end: its status, its fault or result, and the log.</summary>
    private static string Finish(Scheduler scheduler, List<string> log)
    {
        var coroutine = scheduler.Tagged(Name).Single();
        Assert.True(scheduler.Resume(coroutine));
        scheduler.Run();
        var outcome = coroutine.Exception is { } e ? $"{e.GetType().Name}: {e.Message}" : coroutine is Coroutine<int> valued ? valued.Result.ToString(System.Globalization.CultureInfo.InvariantCulture) : "done";
        return $"{coroutine.Status} {outcome} | {string.Join(", ", log)}";
    }

    public static IEnumerable<object[]> Outcomes() => new[]
    {
        new object[] { "result" },
        new object[] { "exception" },
        new object[] { "canceled" },
    };

    private static void Complete(AwaitedTaskCoroutines.Oracle oracle, string outcome, bool signal)
    {
        switch (outcome)
        {
            case "result" when signal:
                oracle.Signal.SetResult();
                break;
            case "result":
                oracle.Source.SetResult(42);
                break;
            case "exception" when signal:
                oracle.Signal.SetException(new InvalidOperationException("no signal"));
                break;
            case "exception":
                oracle.Source.SetException(new InvalidOperationException("no answer"));
                break;
            case "canceled" when signal:
                oracle.Signal.SetCanceled();
                break;
            default:
                oracle.Source.SetCanceled();
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void A_coroutine_woken_by_a_task_of_T_and_not_yet_resumed_reads_its_outcome_after_a_restore(string outcome)
    {
        var expected = WokenRun(AwaitedTaskCoroutines.AwaitAnswerCoroutine, outcome, signal: false, save: false);
        Assert.Equal(expected, WokenRun(AwaitedTaskCoroutines.AwaitAnswerCoroutine, outcome, signal: false, save: true));
        Assert.StartsWith(outcome == "result" ? "Completed 42 | answer 42, slept" : outcome == "exception" ? "Faulted InvalidOperationException: no answer" : "Faulted TaskCanceledException", expected, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void A_coroutine_woken_by_a_task_and_not_yet_resumed_reads_its_outcome_after_a_restore(string outcome)
    {
        var expected = WokenRun(AwaitedTaskCoroutines.AwaitSignalCoroutine, outcome, signal: true, save: false);
        Assert.Equal(expected, WokenRun(AwaitedTaskCoroutines.AwaitSignalCoroutine, outcome, signal: true, save: true));
        Assert.StartsWith(outcome == "result" ? "Completed done | signalled, slept" : outcome == "exception" ? "Faulted InvalidOperationException: no signal" : "Faulted TaskCanceledException", expected, StringComparison.Ordinal);
    }

    /// <summary>Woken by the task's <paramref name="outcome"/> while paused, then (saved and restored, if <paramref name="save"/>) resumed to the end.</summary>
    private static string WokenRun(Func<List<string>, AwaitedTaskCoroutines.Oracle, Coroutine> start, string outcome, bool signal, bool save)
    {
        var log = new List<string>();
        var oracle = new AwaitedTaskCoroutines.Oracle();
        var scheduler = WokenWhilePaused(start(log, oracle), () => Complete(oracle, outcome, signal));
        Assert.Empty(log);
        if (save)
        {
            var options = Options(log, oracle);
            scheduler = Scheduler.Restore(scheduler.SaveToBytes(options), options);
        }
        return Finish(scheduler, log);
    }

    [Fact]
    public void A_coroutine_waiting_on_a_task_is_refused_naming_the_wait_and_the_task_field()
    {
        var log = new List<string>();
        var oracle = new AwaitedTaskCoroutines.Oracle();
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.Spawn(AwaitedTaskCoroutines.AwaitAnswerCoroutine(log, oracle).WithName(Name));
        scheduler.RunDue();
        var message = Assert.Throws<SnapshotException>(() => scheduler.SaveToBytes(Options(log, oracle))).Message;
        Assert.Contains("outstanding wait", message, StringComparison.Ordinal);
        Assert.Contains("field 'await1_task': a task that has not completed", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_task_a_coroutine_was_woken_by_is_refused_and_once_read_it_is_not_kept()
    {
        var log = new List<string>();
        var oracle = new AwaitedTaskCoroutines.Oracle();
        var scheduler = WokenWhilePaused(AwaitedTaskCoroutines.AwaitValueTaskCoroutine(log, oracle), () => oracle.Source.SetResult(7));
        var message = Assert.Throws<SnapshotException>(() => scheduler.SaveToBytes(Options(log, oracle))).Message;
        Assert.Contains("field 'await1_task': a ValueTask`1 cannot be saved", message, StringComparison.Ordinal);

        // Resumed, it reads the value task and clears the field: saved while it sleeps, it is restored.
        var coroutine = scheduler.Tagged(Name).Single();
        scheduler.Resume(coroutine);
        scheduler.RunDue();
        Assert.Equal(new[] { "answer 7" }, log);
        var options = Options(log, oracle);
        var restored = Scheduler.Restore(scheduler.SaveToBytes(options), options);
        restored.Run();
        Assert.Equal(new[] { "answer 7", "slept" }, log);
    }

    [Fact]
    public void A_task_left_by_a_cancelled_wait_is_spent_and_not_saved()
    {
        var log = new List<string>();
        var oracle = new AwaitedTaskCoroutines.Oracle();
        var scheduler = new Scheduler(new VirtualClock());
        var coroutine = scheduler.Spawn(AwaitedTaskCoroutines.AwaitOrGiveUpCoroutine(log, oracle).WithName(Name));
        scheduler.RunDue();
        coroutine.Cancel();
        scheduler.RunDue();
        Assert.Equal(new[] { "gave up" }, log);
        Assert.False(oracle.Source.Task.IsCompleted); // still in the field, spent

        var options = Options(log, oracle);
        var restored = Scheduler.Restore(scheduler.SaveToBytes(options), options);
        restored.Run();
        Assert.Equal(new[] { "gave up", "slept" }, log);
    }
}
