using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Coroutines.Reliability.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Coroutines.Reliability.Tests.Load;

/// <summary>
/// Task completions from four threads into a running loop: each completion resumes the coroutine
/// waiting on that task exactly once, on the loop's thread, and none is lost. Size: LOAD_TASK_COMPLETIONS.
/// </summary>
[Trait("Category", "Load")]
public sealed class TaskCompletionLoadTests
{
    private readonly ITestOutputHelper _output;

    public TaskCompletionLoadTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Completions_from_four_threads_resume_every_waiter_exactly_once_on_the_loop_thread()
    {
        const int Threads = 4;
        var perThread = Settings.LoadTaskCompletionsPerThread;
        var total = Threads * perThread;
        var scheduler = new Scheduler(); // the system clock: an idle loop really waits, and each completion must wake it
        var tally = new Tally(total, Environment.CurrentManagedThreadId);
        // Continuations run inline on the completing thread: four threads post into the loop at once.
        var sources = new TaskCompletionSource<int>[total];
        for (var i = 0; i < total; i++)
        {
            sources[i] = new TaskCompletionSource<int>();
            scheduler.Spawn(new AwaitOne(sources[i].Task, i, tally));
        }
        var completers = new Thread[Threads];
        var start = new Barrier(Threads);
        for (var t = 0; t < Threads; t++)
        {
            var first = t * perThread;
            completers[t] = new Thread(() =>
            {
                start.SignalAndWait();
                for (var i = first; i < first + perThread; i++)
                {
                    sources[i].SetResult(i);
                    if ((i & 4095) == 0)
                    {
                        Thread.Yield(); // let the loop drain and go back to waiting now and then
                    }
                }
            })
            { IsBackground = true, Name = $"completer {t}" };
        }
        var watch = Stopwatch.StartNew();
        // The first pass runs every coroutine up to its wait; this callback comes after them in it.
        scheduler.CallSoon(() =>
        {
            tally.SuspendedBeforeCompletions = tally.Suspended;
            foreach (var completer in completers)
            {
                completer.Start();
            }
        });
        var stuck = scheduler.Run(WhenStuck.Return); // returns once no task wait is outstanding
        watch.Stop();
        foreach (var completer in completers)
        {
            completer.Join();
        }

        Assert.Null(stuck);
        Assert.Equal(total, tally.SuspendedBeforeCompletions); // every completion came into a running loop, to a suspended waiter
        Assert.Equal(0, tally.Runs.Count(static r => r == 0));  // none lost
        Assert.Equal(0, tally.Runs.Count(static r => r > 1));   // none twice
        Assert.Equal(0, tally.WrongThread);
        Assert.Equal(0, tally.WrongValue);
        _output.WriteLine($"{total} task completions from {Threads} threads in {watch.Elapsed.TotalSeconds:0.00} s");
        Results.Write("load-task-completions", new Dictionary<string, object?>
        {
            ["threads"] = Threads,
            ["completions"] = total,
            ["seconds"] = Math.Round(watch.Elapsed.TotalSeconds, 2),
        });
    }

    private sealed class Tally(int total, int loopThread)
    {
        public readonly int[] Runs = new int[total];
        public readonly int LoopThread = loopThread;
        public int Suspended;
        public int SuspendedBeforeCompletions;
        public int WrongThread;
        public int WrongValue;
    }

    /// <summary><c>[Coroutine] void AwaitOne(Task&lt;int&gt; task) { int v = Yield.Await(task); check(v); }</c>, by hand.</summary>
    private sealed class AwaitOne(Task<int> task, int index, Tally tally) : Coroutine
    {
        private int _step;

        protected override Suspension Step()
        {
            if (_step++ == 0)
            {
                var suspension = Suspension.Await(task);
                if (suspension.Kind == SuspensionKind.Wait)
                {
                    tally.Suspended++;
                }
                return suspension;
            }
            var value = Suspension.AwaitResult(task);
            tally.Runs[index]++;
            if (value != index)
            {
                tally.WrongValue++;
            }
            if (Environment.CurrentManagedThreadId != tally.LoopThread)
            {
                tally.WrongThread++;
            }
            return Suspension.Done;
        }
    }
}
