using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Coroutines.Benchmarks;

/// <summary>
/// Coroutines resumed by tasks: 1,000 coroutines each await 100 fresh TaskCompletionSource tasks;
/// a callback on the loop completes each one, whose continuation posts the resume back. Per resume.
/// The reference is what the tasks themselves cost: making and completing the same sources with no
/// coroutine waiting. The difference is what a task wait adds (goal: no allocation).
/// </summary>
public partial class TaskResume
{
    private const int Resumes = 100_000;
    private const int Coroutines = 1_000; // side by side, each awaiting 100 tasks: passes are shared, as in W2

    [Benchmark(Baseline = true, OperationsPerInvoke = Resumes, Description = "tasks alone (TaskCompletionSource made and completed)")]
    public long TasksAlone()
    {
        long sum = 0;
        for (var i = 0; i < Resumes; i++)
        {
            var source = new TaskCompletionSource<int>();
            source.SetResult(i);
            sum += source.Task.Result;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Resumes, Description = "generated coroutine: Yield.Await(task) and resume")]
    public long CoroutineAwaitsTask()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var coroutines = new Coroutine<long>[Coroutines];
        for (var c = 0; c < Coroutines; c++)
        {
            coroutines[c] = scheduler.Spawn(AwaitEachCoroutine(Resumes / Coroutines, new Completer(scheduler)));
        }
        scheduler.Run();
        long sum = 0;
        foreach (var coroutine in coroutines)
        {
            sum += coroutine.Result;
        }
        return sum;
    }

    [Coroutine]
    private static long AwaitEach(int count, Completer completer)
    {
        long sum = 0;
        for (int i = 0; i < count; i++)
        {
            Task<int> task = completer.Next(i);
            int value = Yield.Await(task);
            sum += value;
        }
        return sum;
    }

    /// <summary>Makes each task and completes it from a callback in the next pass (a cached delegate: the queue entry allocates nothing).</summary>
    public sealed class Completer
    {
        private readonly Scheduler _scheduler;
        private readonly Action _complete;
        private TaskCompletionSource<int>? _source;
        private int _value;

        public Completer(Scheduler scheduler)
        {
            _scheduler = scheduler;
            _complete = Complete;
        }

        public Task<int> Next(int value)
        {
            _source = new TaskCompletionSource<int>();
            _value = value;
            _scheduler.CallSoon(_complete);
            return _source.Task;
        }

        private void Complete() => _source!.SetResult(_value);
    }
}
