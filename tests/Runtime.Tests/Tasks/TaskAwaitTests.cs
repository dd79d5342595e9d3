using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Coroutines.Tests.Tasks;

/// <summary>A coroutine waiting for tasks: Yield.Await(Task / Task&lt;T&gt; / ValueTask / ValueTask&lt;T&gt;) through the generator.</summary>
public partial class TaskAwaitTests
{
    [Coroutine]
    private static int DelayThenAdd(int ms, int a, int b)
    {
        Yield.Await(Task.Delay(ms));
        int first = Yield.Await(Task.FromResult(a));
        return first + b;
    }

    [Coroutine]
    private static string AwaitAll(Task<int> task, ValueTask plain, ValueTask<string> text)
    {
        int n = Yield.Await(task);
        Yield.Await(plain);
        string s = Yield.Await(text);
        return $"{n} {s}";
    }

    [Coroutine]
    private static int ResumeThread(Task<int> task, int[] threads)
    {
        threads[0] = Environment.CurrentManagedThreadId;
        int value = Yield.Await(task);
        threads[1] = Environment.CurrentManagedThreadId;
        return value;
    }

    [Coroutine]
    private static string CatchFault(Task task, Exception?[] caught)
    {
        try
        {
            Yield.Await(task); // AWAIT-FAULT
        }
        catch (InvalidOperationException e)
        {
            caught[0] = e;
            return "caught";
        }
        return "not thrown";
    }

    [Coroutine]
    private static string CatchCancel(Task<int> task)
    {
        try
        {
            int never = Yield.Await(task);
            return $"got {never}";
        }
        catch (OperationCanceledException)
        {
            return "canceled";
        }
    }

    private static async Task Fail()
    {
        await Task.Yield();
        throw new InvalidOperationException("the task failed");
    }

    [Fact]
    public void A_coroutine_waits_for_a_real_Task_Delay_and_a_completed_task()
    {
        var scheduler = new Scheduler();
        var coroutine = scheduler.Spawn(DelayThenAddCoroutine(30, 2, 3));

        scheduler.Run();

        Assert.Equal(5, coroutine.Result);
        Assert.True(scheduler.Now >= TimeSpan.FromMilliseconds(25), $"the loop waited for the delay ({scheduler.Now})");
    }

    [Fact]
    public void A_virtual_clock_loop_still_waits_for_a_real_task()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var coroutine = scheduler.Spawn(DelayThenAddCoroutine(20, 1, 1));

        scheduler.Run();

        Assert.Equal(2, coroutine.Result);
        Assert.Equal(TimeSpan.Zero, scheduler.Now); // a task is outside time: the virtual clock did not move
    }

    [Fact]
    public void Each_overload_resolves_through_the_generator()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var source = new TaskCompletionSource<string>();
        var coroutine = scheduler.Spawn(AwaitAllCoroutine(Task.Run(() => 7), new ValueTask(Task.Delay(5)), new ValueTask<string>(source.Task)));
        _ = Task.Run(async () =>
        {
            await Task.Delay(10);
            source.SetResult("seven");
        });

        scheduler.Run();

        Assert.Equal("7 seven", coroutine.Result);
    }

    [Fact]
    public void A_TaskCompletionSource_completed_on_another_thread_resumes_the_coroutine_on_the_loop_thread()
    {
        var scheduler = new Scheduler();
        var source = new TaskCompletionSource<int>();
        var threads = new int[2];
        var coroutine = scheduler.Spawn(ResumeThreadCoroutine(source.Task, threads));
        var completer = new Thread(() =>
        {
            Thread.Sleep(20);
            source.SetResult(42);
        });
        completer.Start();

        scheduler.Run();
        completer.Join();

        Assert.Equal(42, coroutine.Result);
        Assert.Equal(Environment.CurrentManagedThreadId, threads[0]);
        Assert.Equal(Environment.CurrentManagedThreadId, threads[1]);
    }

    [Coroutine]
    private static TimeSpan ResumeThenCancel(Task<int> task, Coroutine sleeper)
    {
        int value = Yield.Await(task);
        sleeper.Cancel();
        return Clock.Current.Now;
    }

    [Fact]
    public void A_completion_from_another_thread_wakes_a_loop_sleeping_on_the_system_clock()
    {
        var scheduler = new Scheduler();
        var source = new TaskCompletionSource<int>();
        var sleeper = scheduler.Spawn(new Sleeper("sleeper", null, 60_000)); // the loop waits on the clock for it
        var waiter = scheduler.Spawn(ResumeThenCancelCoroutine(source.Task, sleeper));
        _ = Task.Run(async () =>
        {
            await Task.Delay(20);
            source.SetResult(1);
        });

        scheduler.Run();

        Assert.True(waiter.Result < TimeSpan.FromSeconds(30), $"resumed at {waiter.Result}: the completion did not wake the loop");
        Assert.Equal(CoroutineStatus.Canceled, sleeper.Status);
    }

    [Fact]
    public void A_faulted_task_rethrows_its_exception_at_the_await_with_its_original_stack()
    {
        var scheduler = new Scheduler();
        var caught = new Exception?[1];
        var coroutine = scheduler.Spawn(CatchFaultCoroutine(Fail(), caught));

        scheduler.Run();

        Assert.Equal("caught", coroutine.Result);
        var exception = Assert.IsType<InvalidOperationException>(caught[0]);
        Assert.Equal("the task failed", exception.Message);
        var stack = exception.StackTrace!;
        Assert.Contains(nameof(Fail), stack, StringComparison.Ordinal); // where it was thrown, kept
        Assert.Contains($"TaskAwaitTests.cs:line {SourceMarkers.LineOf("AWAIT-FAULT")}", stack, StringComparison.Ordinal); // and the user's line of the await
    }

    [Fact]
    public void A_canceled_task_throws_OperationCanceledException_at_the_await()
    {
        var scheduler = new Scheduler();
        using var cancel = new CancellationTokenSource(10);
        var coroutine = scheduler.Spawn(CatchCancelCoroutine(Task.Delay(Timeout.Infinite, cancel.Token).ContinueWith(_ => 1, cancel.Token, TaskContinuationOptions.None, TaskScheduler.Default)));

        scheduler.Run();

        Assert.Equal("canceled", coroutine.Result);
    }

    [Fact]
    public void Cancelling_the_coroutine_stops_the_wait_and_the_loop_does_not_wait_for_the_task()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var never = new TaskCompletionSource<int>();
        var coroutine = scheduler.Spawn(CatchCancelCoroutine(never.Task));
        scheduler.CallSoon(() => scheduler.CallSoon(coroutine.Cancel));

        scheduler.Run(); // returns: the only outside wait was abandoned

        Assert.Equal("canceled", coroutine.Result); // it observes cancellation: resumed with OperationCanceledException
        never.SetResult(1); // completing it later is harmless
        Assert.Null(scheduler.Run(WhenStuck.Return));
    }

    [Fact]
    public void Called_directly_Await_blocks_until_the_task_completes()
    {
        Assert.Equal(3, Yield.Await(Task.Run(() => 3)));
        Assert.Throws<InvalidOperationException>(() => Yield.Await(Fail()));
    }
}
