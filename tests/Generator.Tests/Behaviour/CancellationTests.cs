using System;
using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Cancellation of generated state machines (they observe cancellation): <c>Cancel()</c> on a
/// suspended coroutine resumes it with an <see cref="OperationCanceledException"/> thrown at its
/// suspension point, so its catch and finally blocks run (and may sleep again); it ends
/// <see cref="CoroutineStatus.Canceled"/> when that exception leaves the body, or runs on if the
/// body swallows it. A coroutine cancelled before its first step never runs. Each test spawns the
/// coroutine on a <see cref="Scheduler"/> over a <see cref="VirtualClock"/>, cancels it from a
/// <c>CallLater</c> callback, and asserts the trace, the final status and the time it ended.
/// </summary>
public sealed class CancellationTests
{
    private static readonly SharedProgram Program = new(Programs.Static(Programs.TestTypes + """
        [Coroutine]
        public static void Nested()
        {
            try
            {
                Trace.Log("A");
                Yield.Sleep(10);
                Trace.Log("A done");
                try
                {
                    Yield.Sleep(20);
                    Trace.Log("B done");
                }
                finally
                {
                    Trace.Log("inner finally");
                    Yield.Sleep(5);
                    Trace.Log("inner finally done");
                }
                Yield.Sleep(7);
                Trace.Log("C done");
            }
            finally
            {
                Trace.Log("outer finally");
                Yield.Sleep(3);
                Trace.Log("outer finally done");
            }
        }

        [Coroutine]
        public static int Swallow()
        {
            int attempts = 0;
            while (attempts < 3)
            {
                try
                {
                    attempts++;
                    Yield.Sleep(10);
                    Trace.Log($"attempt {attempts} finished");
                    break;
                }
                catch (OperationCanceledException e)
                {
                    Trace.Log($"swallowed: {e.Message}");
                }
            }
            Yield.Sleep(5);
            Trace.Log("runs on");
            return attempts;
        }

        [Coroutine]
        public static void SleepInCatch()
        {
            try
            {
                Yield.Sleep(5);
                throw new AppException("boom");
            }
            catch (AppException e)
            {
                Trace.Log($"handling {e.Message}");
                Yield.Sleep(10);
                Trace.Log("handled");
            }
            finally
            {
                Trace.Log("outer finally");
            }
            Trace.Log("after");
        }

        [Coroutine]
        public static string CatchCancellation()
        {
            try
            {
                Yield.Sleep(10);
                return "finished";
            }
            catch (OperationCanceledException e) when (e.Message.Contains("CatchCancellation"))
            {
                Trace.Log("cleaning up");
                Yield.Sleep(4);
                Trace.Log("rethrowing");
                if (e.CancellationToken.IsCancellationRequested == false)
                    throw;
            }
            Trace.Log("not reached: the handler rethrew");
            return "swallowed";
        }

        private static IEnumerable<int> Numbers()
        {
            try
            {
                for (int i = 1; ; i++)
                {
                    yield return i;
                }
            }
            finally
            {
                Trace.Log("iterator finally");
            }
        }

        [Coroutine]
        public static void Resources()
        {
            using var r = new Res("r");
            using (var s = new Res("s"))
            {
                foreach (var n in Numbers())
                {
                    Trace.Log($"item {n}");
                    Yield.Sleep(10);
                }
            }
        }

        [Coroutine]
        public static void Body()
        {
            Trace.Log("body ran");
            Yield.Sleep(1);
        }

        [Coroutine]
        private static int Callee()
        {
            try
            {
                Yield.Sleep(100);
                return 1;
            }
            finally
            {
                Trace.Log("callee finally");
                Yield.Sleep(2);
                Trace.Log("callee finally done");
            }
        }

        [Coroutine]
        public static int Caller()
        {
            try
            {
                var value = Callee();
                Trace.Log("not reached: the call was cancelled");
                return value;
            }
            catch (OperationCanceledException)
            {
                Trace.Log("caller sees the cancellation at the call");
                throw;
            }
            finally
            {
                Trace.Log("caller finally");
            }
        }
        """));

    /// <summary>How one run ended.</summary>
    private sealed record Outcome(IReadOnlyList<string> Lines, CoroutineStatus Status, double EndedAtMs, Coroutine Coroutine)
    {
        public override string ToString() =>
            $"{Status} at {EndedAtMs}ms{Environment.NewLine}{string.Join(Environment.NewLine, Lines)}";
    }

    /// <summary>Runs <paramref name="method"/> alone, cancelling it at each of <paramref name="cancelAtMs"/>.</summary>
    private static Outcome Run(string method, params int[] cancelAtMs)
    {
        using var program = Program.Program.Load();
        var coroutine = program.CreateCoroutine(Programs.StaticType, method);
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        var ended = new EndObserver();
        scheduler.Observer = ended;
        scheduler.UnobservedFault += (_, _) => { };
        scheduler.Spawn(coroutine);
        foreach (var t in cancelAtMs)
        {
            scheduler.CallLater(t, coroutine.Cancel);
        }
        scheduler.Run();
        Assert.True(coroutine.IsFinished, $"{method} did not finish: {coroutine.Status}");
        Assert.True(ended.At is not null, $"{method}: the scheduler's observer saw no end");
        return new Outcome(program.TraceLines, coroutine.Status, ended.At.Value.TotalMilliseconds, coroutine);
    }

    private static void AssertOutcome(Outcome actual, CoroutineStatus status, double endedAtMs, params string[] lines)
    {
        var expected = new Outcome(lines, status, endedAtMs, actual.Coroutine);
        Assert.True(
            actual.Status == status && actual.EndedAtMs == endedAtMs && actual.Lines.SequenceEqual(lines),
            $"Expected:{Environment.NewLine}{expected}{Environment.NewLine}Actual:{Environment.NewLine}{actual}");
    }

    private sealed class EndObserver : ISchedulerObserver
    {
        public TimeSpan? At { get; private set; }

        public void OnCompleted(Coroutine coroutine, TimeSpan time) => At = time;

        public void OnFaulted(Coroutine coroutine, Exception exception, TimeSpan time) => At = time;

        public void OnCanceled(Coroutine coroutine, TimeSpan time) => At = time;
    }

    [Fact]
    public void Nested_try_finally_without_a_cancel_completes()
    {
        AssertOutcome(Run("Nested"), CoroutineStatus.Completed, 45,
            "0ms: A", "10ms: A done", "30ms: B done", "30ms: inner finally", "35ms: inner finally done",
            "42ms: C done", "42ms: outer finally", "45ms: outer finally done");
    }

    [Fact]
    public void Cancel_during_the_first_sleep_runs_the_outer_finally_which_sleeps_again()
    {
        var outcome = Run("Nested", 5);

        AssertOutcome(outcome, CoroutineStatus.Canceled, 8,
            "0ms: A", "5ms: outer finally", "8ms: outer finally done");
        Assert.Null(outcome.Coroutine.Exception); // Canceled is not Faulted
        var canceled = Assert.Throws<OperationCanceledException>(outcome.Coroutine.GetResult);
        Assert.Equal("Coroutine 'Nested' was canceled.", canceled.Message);
    }

    [Fact]
    public void Cancel_during_the_inner_sleep_runs_both_finallies_inner_first()
    {
        AssertOutcome(Run("Nested", 15), CoroutineStatus.Canceled, 23,
            "0ms: A", "10ms: A done", "15ms: inner finally", "20ms: inner finally done",
            "20ms: outer finally", "23ms: outer finally done");
    }

    [Fact]
    public void Cancel_while_the_inner_finally_sleeps_interrupts_it_and_runs_the_outer_finally()
    {
        AssertOutcome(Run("Nested", 32), CoroutineStatus.Canceled, 35,
            "0ms: A", "10ms: A done", "30ms: B done", "30ms: inner finally",
            "32ms: outer finally", "35ms: outer finally done");
    }

    [Fact]
    public void Cancel_during_the_last_sleep_of_the_try_runs_the_outer_finally()
    {
        AssertOutcome(Run("Nested", 40), CoroutineStatus.Canceled, 43,
            "0ms: A", "10ms: A done", "30ms: B done", "30ms: inner finally", "35ms: inner finally done",
            "40ms: outer finally", "43ms: outer finally done");
    }

    [Fact]
    public void Cancel_while_the_outer_finally_sleeps_ends_it_there()
    {
        AssertOutcome(Run("Nested", 44), CoroutineStatus.Canceled, 44,
            "0ms: A", "10ms: A done", "30ms: B done", "30ms: inner finally", "35ms: inner finally done",
            "42ms: C done", "42ms: outer finally");
    }

    [Fact]
    public void A_second_cancel_while_a_finally_sleeps_interrupts_that_sleep_too()
    {
        AssertOutcome(Run("Nested", 15, 17), CoroutineStatus.Canceled, 20,
            "0ms: A", "10ms: A done", "15ms: inner finally",
            "17ms: outer finally", "20ms: outer finally done");
    }

    [Fact]
    public void Cancel_after_the_end_changes_nothing()
    {
        AssertOutcome(Run("Nested", 50), CoroutineStatus.Completed, 45,
            "0ms: A", "10ms: A done", "30ms: B done", "30ms: inner finally", "35ms: inner finally done",
            "42ms: C done", "42ms: outer finally", "45ms: outer finally done");
    }

    [Fact]
    public void A_body_that_swallows_the_cancellation_runs_on_and_completes()
    {
        // Documented choice: cancellation is an exception at the suspension point, like asyncio's
        // CancelledError; code that catches it and carries on decides to carry on.
        var outcome = Run("Swallow", 4);

        AssertOutcome(outcome, CoroutineStatus.Completed, 19,
            "4ms: swallowed: Coroutine 'Swallow' was canceled.", "14ms: attempt 2 finished", "19ms: runs on");
        Assert.Equal(2, ((Coroutine<int>)outcome.Coroutine).Result);
    }

    [Fact]
    public void Cancel_while_a_catch_handler_sleeps_replaces_its_exception_and_runs_the_finally()
    {
        AssertOutcome(Run("SleepInCatch", 8), CoroutineStatus.Canceled, 8,
            "5ms: handling boom", "8ms: outer finally");
    }

    [Fact]
    public void A_handler_can_clean_up_with_a_sleep_and_rethrow_the_cancellation()
    {
        var outcome = Run("CatchCancellation", 3);

        AssertOutcome(outcome, CoroutineStatus.Canceled, 7, "3ms: cleaning up", "7ms: rethrowing");
        Assert.Throws<OperationCanceledException>(outcome.Coroutine.GetResult);
    }

    [Fact]
    public void Cancel_disposes_the_enumerator_and_the_resources_in_reverse_order()
    {
        AssertOutcome(Run("Resources", 25), CoroutineStatus.Canceled, 25,
            "0ms: open r", "0ms: open s", "0ms: item 1", "10ms: item 2", "20ms: item 3",
            "25ms: iterator finally", "25ms: dispose s (#1)", "25ms: dispose r (#1)");
    }

    [Fact]
    public void Cancel_before_the_first_step_drops_the_coroutine_its_body_never_runs()
    {
        using var program = Program.Program.Load();
        var coroutine = program.CreateCoroutine(Programs.StaticType, "Body");
        var scheduler = new Scheduler(new VirtualClock());
        var ended = new EndObserver();
        scheduler.Observer = ended;
        scheduler.Spawn(coroutine);

        coroutine.Cancel();
        scheduler.Run();

        Assert.Equal(CoroutineStatus.Canceled, coroutine.Status);
        Assert.Empty(program.TraceLines);
        Assert.Equal(TimeSpan.Zero, ended.At);
        Assert.Equal(TimeSpan.Zero, scheduler.Now);
    }

    [Fact]
    public void Cancel_of_a_caller_during_a_call_unwinds_the_callee_then_the_caller_from_the_call()
    {
        var outcome = Run("Caller", 10);

        AssertOutcome(
            outcome,
            CoroutineStatus.Canceled,
            12,
            "10ms: callee finally",
            "12ms: callee finally done",
            "12ms: caller sees the cancellation at the call",
            "12ms: caller finally");
    }

    [Fact]
    public void Cancel_of_a_coroutine_never_spawned_drops_it()
    {
        using var program = Program.Program.Load();
        var coroutine = program.CreateCoroutine(Programs.StaticType, "Body");

        coroutine.Cancel();

        Assert.Equal(CoroutineStatus.Canceled, coroutine.Status);
        Assert.Empty(program.TraceLines);
        Assert.Throws<InvalidOperationException>(() => new Scheduler(new VirtualClock()).Spawn(coroutine));
    }
}
