using System;
using System.Threading;
using System.Threading.Tasks;
using Coroutines.Tasks;
using Xunit;

namespace Coroutines.Tests.Tasks;

/// <summary>Async code awaiting coroutines (AsTask, GetAwaiter, SpawnAsync), and cancellation tokens both ways.</summary>
public partial class AsyncInteropTests
{
    [Coroutine]
    private static int Slow(int ms, int value)
    {
        Yield.Sleep(ms);
        return value;
    }

    [Coroutine]
    private static int Boom(int ms)
    {
        Yield.Sleep(ms);
        throw new InvalidOperationException("boom");
    }

    [Coroutine]
    private static int WaitForever(Task<int> task)
    {
        int value = Yield.Await(task);
        return value;
    }

    [Coroutine]
    private static void DelayWithOwnToken(Task[] delay)
    {
        delay[0] = Task.Delay(Timeout.Infinite, Yield.CancellationToken);
        Yield.Await(delay[0]);
    }

    [Fact]
    public async Task Async_code_awaits_a_coroutines_result()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var coroutine = scheduler.Spawn(SlowCoroutine(100, 7));
        var task = coroutine.AsTask();

        scheduler.Run();

        Assert.Equal(7, await task);
        Assert.Equal(7, await coroutine); // GetAwaiter, once it has ended
    }

    [Fact]
    public async Task A_fault_and_a_cancellation_reach_the_awaiting_code()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var faulting = scheduler.Spawn(BoomCoroutine(10));
        var cancelled = scheduler.Spawn(SlowCoroutine(1000, 1));
        var faultTask = faulting.AsTask();
        var cancelTask = ((Coroutine)cancelled).AsTask();
        var reports = 0;
        scheduler.UnobservedFault += (_, _) => reports++;
        scheduler.CallLater(20, cancelled.Cancel);

        scheduler.Run();

        var fault = await Assert.ThrowsAsync<InvalidOperationException>(() => faultTask);
        Assert.Equal("boom", fault.Message);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelTask);
        Assert.True(cancelTask.IsCanceled);
        Assert.Equal(0, reports); // the task carries the fault: it is not unobserved
    }

    [Fact]
    public void Awaiting_a_coroutine_that_was_never_spawned_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => { _ = SlowCoroutine(1, 1).AsTask(); });

        Assert.Contains("was never spawned", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_threads_spawn_into_a_hosted_loop_and_await_results()
    {
        var scheduler = new Scheduler();
        using var stop = new CancellationTokenSource();
        var loop = scheduler.RunAsync(stop.Token);

        var results = await Task.WhenAll(
            Task.Run(() => scheduler.SpawnAsync(SlowCoroutine(20, 1))),
            Task.Run(() => scheduler.SpawnAsync(SlowCoroutine(10, 2))),
            Task.Run(async () =>
            {
                var spawned = SlowCoroutine(5, 3);
                await scheduler.SpawnAsync((Coroutine)spawned);
                return await spawned; // awaited from a pool thread, after it ended
            }));
        stop.Cancel();
        await loop;

        Assert.Equal([1, 2, 3], results);
        Assert.False(scheduler.IsRunning);
    }

    [Fact]
    public async Task A_token_cancels_a_coroutine_that_waits_on_a_task()
    {
        var scheduler = new Scheduler();
        var never = new TaskCompletionSource<int>();
        using var cancel = new CancellationTokenSource();
        var coroutine = scheduler.Spawn(WaitForeverCoroutine(never.Task), cancel.Token);
        var task = coroutine.AsTask();
        _ = Task.Run(async () =>
        {
            await Task.Delay(20);
            cancel.Cancel(); // from another thread
        });

        scheduler.Run(); // ends: the cancellation ends the only outside wait

        Assert.Equal(CoroutineStatus.Canceled, coroutine.Status);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    [Fact]
    public void A_coroutine_hands_its_own_token_to_the_task_it_waits_on()
    {
        var scheduler = new Scheduler();
        var delay = new Task[1];
        var coroutine = scheduler.Spawn(DelayWithOwnTokenCoroutine(delay));
        scheduler.CallLater(10, coroutine.Cancel);

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Canceled, coroutine.Status);
        Assert.True(delay[0].IsCanceled); // the delay stopped too: its timer is gone
        Assert.True(coroutine.CancellationToken.IsCancellationRequested);
    }

    [Fact]
    public void Spawn_with_a_token_already_cancelled_cancels_at_the_next_pass()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var coroutine = scheduler.Spawn(SlowCoroutine(100, 1), new CancellationToken(canceled: true));

        scheduler.Run();

        Assert.Equal(CoroutineStatus.Canceled, coroutine.Status);
        Assert.Equal(TimeSpan.Zero, scheduler.Now);
    }
}
