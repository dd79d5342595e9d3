using System;
using System.Linq;
using Xunit;
using static Coroutines.Tests.WaitCoroutines;

namespace Coroutines.Tests.Composition;

// Yield.Await / AwaitAll / AwaitAny, written as the generator lowers them: a step returns
// Suspension.Await(...) and the next step (after ThrowPending, done by StepsCoroutine) reads
// Suspension.AwaitResult(...).
public class AwaitTests
{
    [Fact]
    public void Await_returns_the_result_of_a_spawned_child()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        StepsCoroutine<int>? child = null;
        // trace("parent spawns"); var child = Yield.Spawn(Child(300, 42)); Yield.Sleep(100);
        // trace("parent awaits"); var r = Yield.Await(child); trace($"parent got {r}"); return r + 1;
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", trace, (step, self) =>
        {
            switch (step)
            {
                case 0:
                    trace.Add("parent spawns");
                    child = Yield.Spawn(Child("child", trace, 300, 42));
                    return Suspension.Sleep(100);
                case 1:
                    trace.Add("parent awaits");
                    return Suspension.Await(child!);
                default:
                    var r = Suspension.AwaitResult(child!);
                    trace.Add($"parent got {r}");
                    return self.Return(r + 1);
            }
        }));

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0 parent spawns", "t=0 child start", "t=0.1 parent awaits", "t=0.3 child end", "t=0.3 parent got 42" },
            trace.Lines);
        Assert.Equal(43, parent.Result);
        Assert.Equal(Ms(300), scheduler.Now);
        Assert.Equal(
            new[]
            {
                "t=0 spawned parent", "t=0 resumed parent", "t=0 spawned child", "t=0 suspended parent Sleep(100 ms)",
                "t=0 resumed child", "t=0 suspended child Sleep(300 ms)",
                "t=0.1 resumed parent", "t=0.1 suspended parent Wait",
                "t=0.3 resumed child", "t=0.3 completed child",
                "t=0.3 resumed parent", "t=0.3 completed parent",
            },
            observer.Events);
    }

    [Fact]
    public void Await_spawns_a_child_nobody_has_spawned()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        var child = Child("child", trace, 200, 5);
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", trace, (step, self) =>
        {
            if (step == 0)
            {
                trace.Add("parent awaits");
                var suspension = Suspension.Await(child);
                Assert.Equal(CoroutineStatus.Ready, child.Status); // spawned by the Await, not yet run
                return suspension;
            }
            return self.Return(Suspension.AwaitResult(child));
        }));
        Assert.Equal(CoroutineStatus.Created, child.Status);

        scheduler.Run();

        Assert.Equal(new[] { "t=0 parent awaits", "t=0 child start", "t=0.2 child end" }, trace.Lines);
        Assert.Equal(5, parent.Result);
        Assert.Equal(
            new[]
            {
                "t=0 spawned parent", "t=0 resumed parent", "t=0 spawned child", "t=0 suspended parent Wait",
                "t=0 resumed child", "t=0 suspended child Sleep(200 ms)",
                "t=0.2 resumed child", "t=0.2 completed child",
                "t=0.2 resumed parent", "t=0.2 completed parent",
            },
            observer.Events);
    }

    [Fact]
    public void Awaiting_a_finished_child_continues_at_once_in_the_same_pass()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        StepsCoroutine<int>? child = null;
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", trace, (step, self) =>
        {
            switch (step)
            {
                case 0:
                    return Suspension.Sleep(100);
                case 1:
                    Assert.Equal(CoroutineStatus.Completed, child!.Status);
                    trace.Add("parent awaits");
                    return Suspension.Await(child);
                default:
                    trace.Add($"parent got {Suspension.AwaitResult(child!)}");
                    return self.Return(0);
            }
        }));
        child = scheduler.Spawn(Immediate("child", trace, 7));
        // Wakes at the same time as the parent, after it: if the parent went back to the ready
        // queue instead of continuing, "other step 1" would come before "parent got 7".
        scheduler.Spawn(new Sleeper("other", trace, 100));

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0 child runs", "t=0 other start", "t=0.1 parent awaits", "t=0.1 parent got 7", "t=0.1 other step 1" },
            trace.Lines);
        Assert.Equal(CoroutineStatus.Completed, parent.Status);
        Assert.Equal(
            new[]
            {
                "t=0.1 resumed parent", "t=0.1 suspended parent Continue", "t=0.1 resumed parent", "t=0.1 completed parent",
                "t=0.1 resumed other", "t=0.1 completed other",
            },
            observer.Events.Where(e => e.StartsWith("t=0.1 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_childs_fault_is_rethrown_to_the_awaiter_as_the_original_exception_and_is_not_unobserved()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var faults = new FaultLog(scheduler);
        var child = Failing("child", trace, 100, "child failed");
        Exception? caught = null;
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", trace, (step, self) =>
        {
            if (step == 0)
            {
                return Suspension.Await(child);
            }
            try
            {
                Suspension.AwaitResult(child);
                trace.Add("parent: no exception");
            }
            catch (BoomException e)
            {
                caught = e;
                trace.Add($"parent caught {e.Message}");
            }
            return self.Return(1);
        }));

        scheduler.Run();

        Assert.Equal(new[] { "t=0.1 child threw BoomException", "t=0.1 parent caught child failed" }, trace.Lines);
        Assert.Empty(faults.Reports);
        Assert.Equal(CoroutineStatus.Completed, parent.Status);
        Assert.Equal(CoroutineStatus.Faulted, child.Status);
        Assert.Same(child.Exception, caught);
        Assert.Contains("<Failing>", caught!.StackTrace); // the original stack trace, where the child threw
    }

    [Fact]
    public void A_childs_fault_the_awaiter_does_not_catch_faults_the_awaiter_and_only_the_awaiter_is_reported()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var faults = new FaultLog(scheduler);
        var child = Failing("child", trace, 100, "child failed");
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", trace, (step, self) =>
            step == 0 ? Suspension.Await(child) : self.Return(Suspension.AwaitResult(child))));

        scheduler.Run();

        scheduler.ReportUnobservedFaults(); // faults nobody read, reported now

        Assert.Equal(new[] { "t=0.1 child threw BoomException", "t=0.1 parent threw BoomException" }, trace.Lines);
        var report = Assert.Single(faults.Reports);
        Assert.Same(parent, report.Coroutine);
        Assert.Same(child.Exception, report.Exception);
        Assert.Same(child.Exception, parent.Exception);
    }

    [Fact]
    public void Awaiting_a_cancelled_child_throws_OperationCanceledException()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var child = Child("child", trace, 1000, 1);
        var alreadyCancelled = Child("early", trace, 10, 2);
        alreadyCancelled.Cancel();
        scheduler.CallLater(300, child.Cancel);
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", trace, (step, self) =>
        {
            switch (step)
            {
                case 0:
                    return Suspension.Await(child);
                case 1:
                    try
                    {
                        Suspension.AwaitResult(child);
                    }
                    catch (OperationCanceledException e)
                    {
                        trace.Add($"parent caught {e.GetType().Name}: {e.Message}");
                    }
                    return Suspension.Await(alreadyCancelled); // already finished: Continue
                default:
                    try
                    {
                        Suspension.AwaitResult(alreadyCancelled);
                    }
                    catch (OperationCanceledException e)
                    {
                        trace.Add($"parent caught {e.GetType().Name}: {e.Message}");
                    }
                    return self.Return(0);
            }
        }));

        scheduler.Run();

        Assert.Equal(
            new[]
            {
                "t=0 child start",
                "t=0.3 child threw OperationCanceledException",
                "t=0.3 parent caught OperationCanceledException: Coroutine 'child' was canceled.",
                "t=0.3 parent caught OperationCanceledException: Coroutine 'early' was canceled.",
            },
            trace.Lines);
        Assert.Equal(CoroutineStatus.Completed, parent.Status);
        Assert.Equal(CoroutineStatus.Canceled, child.Status);
        Assert.Equal(CoroutineStatus.Canceled, alreadyCancelled.Status);
        Assert.Equal(Ms(300), scheduler.Now);
    }

    [Fact]
    public void Cancelling_the_awaiting_parent_cancels_the_child_which_runs_its_finally()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var child = new CancellationAwareCoroutine("child", trace, 1000);
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", trace, (step, self) =>
        {
            if (step == 0)
            {
                return Suspension.Await(child);
            }
            Suspension.AwaitResult(child);
            trace.Add("parent: child done");
            return self.Return(0);
        }));
        scheduler.CallLater(300, parent.Cancel);

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0 child start", "t=0.3 child finally", "t=0.3 parent threw OperationCanceledException" },
            trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, parent.Status);
        Assert.Equal(CoroutineStatus.Canceled, child.Status);
        Assert.Equal(2, child.StepsRun);
        Assert.Equal(Ms(300), scheduler.Now); // the child's cancelled sleep (to t=1) was not waited for
    }

    [Fact]
    public void Cancelling_the_awaiting_parent_drops_a_child_that_does_not_observe_cancellation()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        var child = new Sleeper("child", trace, 1000, 1000);
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", trace, (step, self) =>
        {
            if (step == 0)
            {
                return Suspension.Await(child);
            }
            Suspension.AwaitResult(child);
            return self.Return(0);
        }));
        scheduler.CallLater(300, parent.Cancel);

        scheduler.Run();

        Assert.Equal(new[] { "t=0 child start", "t=0.3 parent threw OperationCanceledException" }, trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, child.Status);
        Assert.Equal(1, child.StepsRun);
        Assert.Equal(CoroutineStatus.Canceled, parent.Status);
        Assert.Equal(
            new[]
            {
                "t=0 spawned parent", "t=0 resumed parent", "t=0 spawned child", "t=0 suspended parent Wait",
                "t=0 resumed child", "t=0 suspended child Sleep(1000 ms)",
                "t=0.3 canceled child", "t=0.3 resumed parent", "t=0.3 canceled parent",
            },
            observer.Events);
        Assert.Equal(Ms(300), scheduler.Now);
    }

    [Fact]
    public void Two_awaiters_of_one_child_both_get_its_result()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var child = Child("child", trace, 200, 9);
        StepsCoroutine<int> Awaiter(string name, int delayMs) => new(name, trace, (step, self) =>
        {
            switch (step)
            {
                case 0:
                    return Suspension.Sleep(delayMs);
                case 1:
                    return Suspension.Await(child);
                default:
                    trace.Add($"{name} got {Suspension.AwaitResult(child)}");
                    return self.Return(0);
            }
        });
        scheduler.Spawn(Awaiter("w1", 50));
        scheduler.Spawn(Awaiter("w2", 10));

        scheduler.Run();

        // The child was spawned by w2's Await (the first); the listeners are woken in the order they came.
        Assert.Equal(new[] { "t=0.01 child start", "t=0.21 child end", "t=0.21 w2 got 9", "t=0.21 w1 got 9" }, trace.Lines);
    }

    [Fact]
    public void Awaiting_itself_is_refused_with_a_clear_message()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var errors = new InvalidOperationException[4];
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", null, (step, self) =>
        {
            errors[0] = Assert.Throws<InvalidOperationException>(() => Suspension.Await(self));
            errors[1] = Assert.Throws<InvalidOperationException>(() => Suspension.AwaitAll(self));
            errors[2] = Assert.Throws<InvalidOperationException>(() => Suspension.AwaitAny(self));
            errors[3] = Assert.Throws<InvalidOperationException>(() => Suspension.WithTimeout(100, self));
            return self.Return(0);
        }));

        scheduler.Run();

        Assert.All(errors, e => Assert.Equal("Coroutine 'parent' cannot wait for itself: it would never resume.", e.Message));
        Assert.Equal(CoroutineStatus.Completed, parent.Status);
        Assert.Equal(TimeSpan.Zero, scheduler.Now); // the refused WithTimeout left no deadline behind
    }

    [Fact]
    public void Awaiting_a_coroutine_of_another_scheduler_is_refused_with_a_clear_message()
    {
        var other = new Scheduler(new VirtualClock());
        var foreign = other.Spawn(new Sleeper("foreign", null, 10));
        var scheduler = new Scheduler(new VirtualClock());
        var errors = new InvalidOperationException[3];
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", null, (step, self) =>
        {
            errors[0] = Assert.Throws<InvalidOperationException>(() => Suspension.Await(foreign));
            errors[1] = Assert.Throws<InvalidOperationException>(() => Suspension.AwaitAll(foreign));
            errors[2] = Assert.Throws<InvalidOperationException>(() => Suspension.AwaitAny(foreign));
            return self.Return(0);
        }));

        scheduler.Run();

        Assert.All(errors, e => Assert.Equal(
            "Coroutine 'foreign' runs on another scheduler; a coroutine can only wait for coroutines of its own scheduler.",
            e.Message));
        Assert.Equal(CoroutineStatus.Completed, parent.Status);
        Assert.Equal(CoroutineStatus.Ready, foreign.Status); // untouched
        other.Run();
        Assert.Equal(CoroutineStatus.Completed, foreign.Status);
    }

    [Fact]
    public void A_refused_AwaitAll_or_AwaitAny_starts_none_of_its_handles()
    {
        // Validation before side effects: the call throws, so the caller never waits for
        // `innocent`; it must not have been spawned behind the caller's back.
        var other = new Scheduler(new VirtualClock());
        var foreign = other.Spawn(new Sleeper("foreign", null, 10));
        var scheduler = new Scheduler(new VirtualClock());
        var innocentAll = new Sleeper("innocent-all", null, 10);
        var innocentAny = new Sleeper("innocent-any", null, 10);
        scheduler.Spawn(new StepsCoroutine<int>("parent", null, (step, self) =>
        {
            Assert.Throws<InvalidOperationException>(() => Suspension.AwaitAll(innocentAll, foreign));
            Assert.Throws<InvalidOperationException>(() => Suspension.AwaitAny(innocentAny, self));
            return self.Return(0);
        }));

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Created, innocentAll.Status);
        Assert.Equal(0, innocentAll.StepsRun);
        Assert.Equal(CoroutineStatus.Created, innocentAny.Status);
        Assert.Equal(0, innocentAny.StepsRun);
    }

    [Fact]
    public void Await_of_null_throws_ArgumentNullException()
    {
        var scheduler = new Scheduler(new VirtualClock());
        ArgumentNullException? error = null;
        scheduler.Spawn(new StepsCoroutine<int>("parent", null, (step, self) =>
        {
            error = Assert.Throws<ArgumentNullException>(() => Suspension.Await((Coroutine)null!));
            return self.Return(0);
        }));

        scheduler.Run();

        Assert.Equal("handle", error!.ParamName);
        Assert.Equal("handle", Assert.Throws<ArgumentNullException>(() => Yield.Await((Coroutine)null!)).ParamName);
    }

    [Fact]
    public void AwaitAll_waits_for_the_slowest_and_rethrows_the_first_fault_in_argument_order()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var faults = new FaultLog(scheduler);
        var a = Child("a", trace, 300, 1);
        var b = Failing("b", trace, 200, "b failed");
        var c = Failing("c", trace, 100, "c failed"); // fails first in time, but comes after b
        var d = Child("d", trace, 500, 4);
        Exception? caught = null;
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", trace, (step, self) =>
        {
            if (step == 0)
            {
                trace.Add("parent waits");
                return Suspension.AwaitAll(a, b, c, d);
            }
            try
            {
                Suspension.AwaitAllResult(a, b, c, d);
                trace.Add("parent: no exception");
            }
            catch (BoomException e)
            {
                caught = e;
                trace.Add($"parent caught {e.Message}");
            }
            return self.Return(0);
        }));

        scheduler.Run();

        scheduler.ReportUnobservedFaults(); // faults nobody read, reported now

        Assert.Equal(
            new[]
            {
                "t=0 parent waits", "t=0 a start", "t=0 d start",
                "t=0.1 c threw BoomException", "t=0.2 b threw BoomException", "t=0.3 a end",
                "t=0.5 d end", "t=0.5 parent caught b failed",
            },
            trace.Lines);
        Assert.Same(b.Exception, caught);
        Assert.Equal(CoroutineStatus.Completed, parent.Status);
        // c's fault was not rethrown to anyone: it is reported, not lost.
        var report = Assert.Single(faults.Reports);
        Assert.Same(c, report.Coroutine);
        Assert.Equal("c failed", report.Exception.Message);
    }

    [Fact]
    public void AwaitAll_of_children_that_succeed_resumes_when_the_last_one_ends()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        var a = Child("a", trace, 100, 1);
        var b = Child("b", trace, 300, 20);
        var c = Child("c", trace, 200, 300);
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", trace, (step, self) =>
        {
            if (step == 0)
            {
                return Suspension.AwaitAll(a, b, c);
            }
            Suspension.AwaitAllResult(a, b, c);
            trace.Add("parent resumes");
            return self.Return(a.Result + b.Result + c.Result);
        }));

        scheduler.Run();

        Assert.Equal(
            new[]
            {
                "t=0 a start", "t=0 b start", "t=0 c start", "t=0.1 a end", "t=0.2 c end", "t=0.3 b end", "t=0.3 parent resumes",
            },
            trace.Lines);
        Assert.Equal(321, parent.Result);
        Assert.Equal(2, observer.Events.Count(e => e.Contains(" resumed parent", StringComparison.Ordinal))); // woken once, not per child
    }

    [Fact]
    public void AwaitAll_of_nothing_or_of_finished_children_continues_at_once()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        var done1 = scheduler.Spawn(Immediate("done1", trace, 1));
        var done2 = scheduler.Spawn(Immediate("done2", trace, 2));
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", trace, (step, self) =>
        {
            switch (step)
            {
                case 0:
                    return Suspension.AwaitAll();
                case 1:
                    Suspension.AwaitAllResult();
                    return Suspension.AwaitAll(done1, done2);
                default:
                    Suspension.AwaitAllResult(done1, done2);
                    return self.Return(done1.Result + done2.Result);
            }
        }));

        scheduler.Run();

        Assert.Equal(3, parent.Result);
        Assert.Equal(
            new[]
            {
                "t=0 resumed parent", "t=0 suspended parent Continue", "t=0 resumed parent", "t=0 suspended parent Continue",
                "t=0 resumed parent", "t=0 completed parent",
            },
            observer.Events.Where(e => e.Contains(" parent", StringComparison.Ordinal)).Skip(1)); // after "spawned parent"
    }

    [Fact]
    public void AwaitAny_told_not_to_cancel_the_losers_returns_the_index_of_the_first_to_finish_and_the_others_keep_running()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var a = Child("a", trace, 300, 1);
        var b = Child("b", trace, 200, 2);
        var c = Child("c", trace, 100, 3);
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", trace, (step, self) =>
        {
            if (step == 0)
            {
                trace.Add("parent waits");
                return Suspension.AwaitAny(false, a, b, c);
            }
            var i = Suspension.AwaitAnyResult(false, a, b, c);
            var winner = new[] { a, b, c }[i];
            trace.Add($"parent got index {i}: {winner.Result}");
            return self.Return(i);
        }));

        scheduler.Run();

        Assert.Equal(
            new[]
            {
                "t=0 parent waits", "t=0 a start", "t=0 b start", "t=0 c start",
                "t=0.1 c end", "t=0.1 parent got index 2: 3", "t=0.2 b end", "t=0.3 a end",
            },
            trace.Lines);
        Assert.Equal(2, parent.Result);
        Assert.Equal(CoroutineStatus.Completed, a.Status);
        Assert.Equal(CoroutineStatus.Completed, b.Status);
        Assert.Equal(Ms(300), scheduler.Now);
    }

    [Fact]
    public void AwaitAny_told_not_to_cancel_the_losers_with_a_finished_handle_continues_at_once_with_its_index()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var observer = new RecordingObserver();
        scheduler.Observer = observer;
        var running = Child("running", trace, 200, 1);
        var done = scheduler.Spawn(Immediate("done", trace, 2));
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", trace, (step, self) =>
        {
            switch (step)
            {
                case 0:
                    return Suspension.Sleep(10);
                case 1:
                    return Suspension.AwaitAny(false, running, done);
                default:
                    var i = Suspension.AwaitAnyResult(false, running, done);
                    trace.Add($"parent got index {i}");
                    return self.Return(i);
            }
        }));

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0 done runs", "t=0.01 parent got index 1", "t=0.01 running start", "t=0.21 running end" },
            trace.Lines);
        Assert.Equal(1, parent.Result);
        Assert.Contains("t=0.01 suspended parent Continue", observer.Events);
    }

    [Fact]
    public void AwaitAny_of_no_handles_throws_ArgumentException()
    {
        var scheduler = new Scheduler(new VirtualClock());
        ArgumentException? inside = null;
        scheduler.Spawn(new StepsCoroutine<int>("parent", null, (step, self) =>
        {
            inside = Assert.Throws<ArgumentException>(() => Suspension.AwaitAny());
            return self.Return(0);
        }));

        scheduler.Run();

        var outside = Assert.Throws<ArgumentException>(() => Yield.AwaitAny());
        foreach (var e in new[] { inside!, outside })
        {
            Assert.Equal("handles", e.ParamName);
            Assert.StartsWith("AwaitAny needs at least one coroutine to wait for.", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Null_handles_throw_ArgumentNullException_and_start_nothing()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var first = new Sleeper("first", null, 10);
        var errors = new ArgumentNullException[4];
        scheduler.Spawn(new StepsCoroutine<int>("parent", null, (step, self) =>
        {
            errors[0] = Assert.Throws<ArgumentNullException>(() => Suspension.AwaitAll(first, null!));
            errors[1] = Assert.Throws<ArgumentNullException>(() => Suspension.AwaitAny(first, null!));
            Assert.Throws<ArgumentNullException>(() => Suspension.AwaitAll(null!));
            Assert.Throws<ArgumentNullException>(() => Suspension.AwaitAny(null!));
            return self.Return(0);
        }));

        scheduler.Run();

        errors[2] = Assert.Throws<ArgumentNullException>(() => Yield.AwaitAll(first, null!));
        errors[3] = Assert.Throws<ArgumentNullException>(() => Yield.AwaitAny(first, null!));
        Assert.Throws<ArgumentNullException>(() => Yield.AwaitAll(null!));
        Assert.Throws<ArgumentNullException>(() => Yield.AwaitAny(null!));
        Assert.All(errors, e =>
        {
            Assert.Equal("handles", e.ParamName);
            Assert.StartsWith("handles[1] is null.", e.Message, StringComparison.Ordinal);
        });
        Assert.Equal(CoroutineStatus.Created, first.Status);
        Assert.Equal(0, first.StepsRun);
    }

    [Fact]
    public void Cancelling_a_parent_in_AwaitAll_cancels_every_unfinished_child()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var a = Child("a", trace, 100, 1);
        var b = new CancellationAwareCoroutine("b", trace, 1000);
        var c = new Sleeper("c", trace, 1000);
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", trace, (step, self) =>
        {
            if (step == 0)
            {
                return Suspension.AwaitAll(a, b, c);
            }
            Suspension.AwaitAllResult(a, b, c);
            trace.Add("parent: all done");
            return self.Return(0);
        }));
        scheduler.CallLater(300, parent.Cancel);

        scheduler.Run();

        Assert.Equal(
            new[]
            {
                "t=0 a start", "t=0 b start", "t=0 c start", "t=0.1 a end",
                "t=0.3 b finally", "t=0.3 parent threw OperationCanceledException",
            },
            trace.Lines);
        Assert.Equal(CoroutineStatus.Completed, a.Status);
        Assert.Equal(CoroutineStatus.Canceled, b.Status);
        Assert.Equal(CoroutineStatus.Canceled, c.Status);
        Assert.Equal(1, c.StepsRun);
        Assert.Equal(CoroutineStatus.Canceled, parent.Status);
        Assert.Equal(Ms(300), scheduler.Now);
    }

    [Fact]
    public void Cancelling_a_parent_in_AwaitAny_cancels_every_child()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var a = new CancellationAwareCoroutine("a", trace, 1000);
        var b = new Sleeper("b", trace, 2000);
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", trace, (step, self) =>
            step == 0 ? Suspension.AwaitAny(a, b) : self.Return(Suspension.AwaitAnyResult(a, b))));
        scheduler.CallLater(300, parent.Cancel);

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0 a start", "t=0 b start", "t=0.3 a finally", "t=0.3 parent threw OperationCanceledException" },
            trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, a.Status);
        Assert.Equal(CoroutineStatus.Canceled, b.Status);
        Assert.Equal(CoroutineStatus.Canceled, parent.Status);
        Assert.Equal(Ms(300), scheduler.Now);
    }

    [Fact]
    public void Cancelling_a_parent_woken_by_AwaitAny_told_not_to_cancel_the_losers_leaves_the_other_children_running()
    {
        var trace = new Trace();
        var scheduler = new Scheduler(new VirtualClock());
        var fast = Child("fast", trace, 100, 1);
        var slow = Child("slow", trace, 300, 2);
        var parent = scheduler.Spawn(new StepsCoroutine<int>("parent", trace, (step, self) =>
            step == 0 ? Suspension.AwaitAny(false, fast, slow) : self.Return(Suspension.AwaitAnyResult(false, fast, slow))));
        // Yields once so that its sleep is queued after fast's: at t=0.1 it runs after fast ended
        // (the parent is Ready, woken) and before the parent runs.
        scheduler.Spawn(new ScriptedCoroutine("killer", step =>
        {
            switch (step)
            {
                case 0:
                    return Suspension.Sleep(0);
                case 1:
                    return Suspension.Sleep(100);
                default:
                    Assert.Equal(CoroutineStatus.Ready, parent.Status);
                    parent.Cancel();
                    return Suspension.Done;
            }
        }));

        scheduler.Run();

        Assert.Equal(
            new[] { "t=0 fast start", "t=0 slow start", "t=0.1 fast end", "t=0.1 parent threw OperationCanceledException", "t=0.3 slow end" },
            trace.Lines);
        Assert.Equal(CoroutineStatus.Canceled, parent.Status);
        Assert.Equal(CoroutineStatus.Completed, slow.Status);
    }

    [Fact]
    public void Called_directly_the_waits_run_the_coroutines_sequentially_on_the_current_clock()
    {
        var clock = new VirtualClock();
        var trace = new Trace();
        using (Clock.Use(clock))
        {
            var spawned = Yield.Spawn(Child("a", trace, 300, 42));
            Assert.Equal(CoroutineStatus.Created, spawned.Status); // no loop runs: left for the Await
            Assert.Equal(42, Yield.Await(spawned));
            Assert.Equal(Ms(300), clock.Now);

            var b = Child("b", trace, 100, 1);
            var c = Child("c", trace, 200, 2);
            Yield.AwaitAll(b, c);
            Assert.Equal(Ms(500), clock.Now);
            Assert.Equal(3, b.Result + c.Result);

            var d = Child("d", trace, 300, 4);
            var e = Child("e", trace, 100, 5);
            Assert.Equal(1, Yield.AwaitAny(d, e)); // the first to finish in time, not in argument order
            // The loser, d, is cancelled when e ends (AwaitAny cancels the losers).
            Assert.Equal(Ms(600), clock.Now);
            Assert.Equal(CoroutineStatus.Canceled, d.Status);

            var f = Child("f", trace, 300, 6);
            var g = Child("g", trace, 100, 7);
            Assert.Equal(1, Yield.AwaitAny(false, f, g)); // told not to: the private scheduler runs f to its end
            Assert.Equal(Ms(900), clock.Now);
            Assert.Equal(CoroutineStatus.Completed, f.Status);

            Assert.Equal(0, Yield.AwaitAny(f, Child("never", trace, 10, 0))); // f is finished: no wait at all
            Assert.Equal(Ms(900), clock.Now);
        }

        Assert.Equal(
            new[]
            {
                "t=0 a start", "t=0.3 a end",
                "t=0.3 b start", "t=0.3 c start", "t=0.4 b end", "t=0.5 c end",
                "t=0.5 d start", "t=0.5 e start", "t=0.6 e end", "t=0.6 d threw OperationCanceledException",
                "t=0.6 f start", "t=0.6 g start", "t=0.7 g end", "t=0.9 f end",
            },
            trace.Lines);
    }

    [Fact]
    public void Called_directly_the_waits_rethrow_faults_and_cancellations()
    {
        var clock = new VirtualClock();
        using (Clock.Use(clock))
        {
            var failing = Failing("failing", null, 100, "boom");
            var thrown = Assert.Throws<BoomException>(() => Yield.Await(failing));
            Assert.Same(failing.Exception, thrown);
            Assert.Equal(Ms(100), clock.Now);

            var b = Failing("b", null, 200, "b failed");
            var c = Failing("c", null, 100, "c failed");
            Assert.Equal("b failed", Assert.Throws<BoomException>(() => Yield.AwaitAll(Child("ok", null, 50, 0), b, c)).Message);
            Assert.Equal(Ms(300), clock.Now);

            var cancelled = Child("cancelled", null, 100, 0);
            cancelled.Cancel();
            Assert.Equal(
                "Coroutine 'cancelled' was canceled.",
                Assert.Throws<OperationCanceledException>(() => Yield.Await(cancelled)).Message);
            Assert.Equal(Ms(300), clock.Now);
        }
    }

    [Fact]
    public void Called_directly_on_a_coroutine_another_scheduler_runs_the_waits_are_refused()
    {
        var other = new Scheduler(new VirtualClock());
        var foreign = other.Spawn(new Sleeper("foreign", null, 10));
        using (Clock.Use(new VirtualClock()))
        {
            var error = Assert.Throws<InvalidOperationException>(() => Yield.Await(foreign));
            Assert.Equal(
                "Yield.Await was called outside a coroutine for 'foreign', which a scheduler already runs: " +
                "nothing would run it while this thread waits. Wait for it inside a [Coroutine] method, or run its scheduler.",
                error.Message);
            Assert.StartsWith(
                "Yield.AwaitAll was called outside a coroutine for 'foreign'",
                Assert.Throws<InvalidOperationException>(() => Yield.AwaitAll(foreign)).Message,
                StringComparison.Ordinal);
            Assert.StartsWith(
                "Yield.AwaitAny was called outside a coroutine for 'foreign'",
                Assert.Throws<InvalidOperationException>(() => Yield.AwaitAny(foreign)).Message,
                StringComparison.Ordinal);
        }
        Assert.Equal(CoroutineStatus.Ready, foreign.Status);
    }
}
