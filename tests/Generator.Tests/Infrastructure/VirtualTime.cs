using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// The second oracle of the random differential tester: C# <c>async</c> itself. A random
/// program's async twin (<see cref="RandomProgramGenerator.ToAsync"/>) awaits
/// <c>Coroutines.Testing.VirtualTime.Sleep(n)</c>, an awaitable that always suspends and queues
/// its continuation on a single-threaded loop over a <see cref="VirtualClock"/>; a call of another
/// coroutine is an <c>await</c> of its async twin (a <see cref="Task{TResult}"/>).
/// </summary>
/// <remarks>
/// The loop mirrors the <see cref="Scheduler"/>'s ordering rules exactly (src/Runtime/Scheduling):
/// <list type="bullet">
/// <item>Spawned coroutines are started in spawn order, each as one ready item of the first
/// pass (<c>Scheduler.Spawn</c> queues them; the first step runs in the next pass): an async
/// method runs synchronously up to its first <c>await</c>, as a first step does.</item>
/// <item>A pass moves every sleeper due at the clock's time to the back of the ready queue in
/// (deadline, FIFO) order, then runs exactly the items that were ready when the pass began;
/// only when nothing is ready does the clock jump to the earliest sleeper
/// (<c>Scheduler.RunPass</c>).</item>
/// <item><c>Sleep(0)</c> goes to the back of the ready queue, not the sleeping queue: it runs in
/// the next pass, after everything already ready (<c>Suspension.YieldValue</c> in <c>StepOnce</c>).</item>
/// <item>A call runs the callee at once, in the caller's step, up to its first suspension
/// (<c>SuspensionKind.Call</c> returns the callee to <c>RunPass</c>'s chain), and a callee that
/// ends resumes its caller at once, in the same item (<c>Finished</c>, <c>ReturnTo</c>): in
/// C#, <c>await</c> of an async method runs it synchronously to its first suspension, and
/// the completion of a <see cref="Task"/> runs the awaiting continuation inline when there is
/// no synchronization context or task scheduler to post to (the loop runs on a thread of its
/// own, without either). The loop checks that: a continuation that ever runs on another thread
/// fails the comparison.</item>
/// <item>A sleep's deadline is the clock's time plus the delay, validated as
/// <c>Suspension.Sleep</c> does (a negative delay throws the same exception).</item>
/// </list>
/// Nothing here differs from the scheduler for the constructs the generator writes; cancellation,
/// waits for other coroutines and channels have no counterpart in the random programs.
/// </remarks>
public static class VirtualTime
{
    /// <summary>Full name of the loop type in the compiled program.</summary>
    public const string TypeName = "Coroutines.Testing.VirtualTime";

    /// <summary>The loop's source, compiled into every batch of random programs. It must compile without warnings.</summary>
    public static SourceFile Source { get; } = new("Coroutines.Testing.VirtualTime.cs", """
        namespace Coroutines.Testing
        {
            using global::System;
            using global::System.Collections.Generic;
            using global::System.Runtime.CompilerServices;
            using global::System.Threading.Tasks;

            /// <summary>A single-threaded loop on a virtual clock for C# async methods, ordered as the coroutine Scheduler orders steps.</summary>
            public static class VirtualTime
            {
                [ThreadStatic]
                private static Loop? t_loop;

                /// <summary>Suspends the async method for <paramref name="milliseconds"/> of the loop's clock (0: to the back of the ready queue).</summary>
                public static SleepAwaitable Sleep(int milliseconds) =>
                    new(global::Coroutines.Suspension.Sleep(milliseconds).Delay.Ticks); // validated as a coroutine's sleep is

                /// <summary>
                /// Starts <paramref name="roots"/> in order, as ready items of the first pass, and runs passes until nothing is
                /// ready or sleeping, or <paramref name="maxItems"/> items have run. Returns the roots' tasks (null: never started).
                /// </summary>
                public static Task<int>?[] Run(Func<Task<int>>[] roots, int maxItems, out TimeSpan finalTime)
                {
                    var loop = new Loop();
                    var tasks = new Task<int>?[roots.Length];
                    for (var i = 0; i < roots.Length; i++)
                    {
                        var index = i;
                        loop.Ready.Enqueue(() => tasks[index] = roots[index]());
                    }
                    var outer = t_loop;
                    t_loop = loop;
                    try
                    {
                        using (global::Coroutines.Clock.Use(loop.Clock))
                        {
                            loop.Run(maxItems);
                        }
                    }
                    finally
                    {
                        t_loop = outer;
                    }
                    finalTime = loop.Clock.Now;
                    return tasks;
                }

                /// <summary>The awaitable of <see cref="Sleep"/>: never complete at once, so every sleep suspends (as a coroutine's does).</summary>
                public readonly struct SleepAwaitable : ICriticalNotifyCompletion
                {
                    private readonly long _ticks;

                    internal SleepAwaitable(long ticks) => _ticks = ticks;

                    public SleepAwaitable GetAwaiter() => this;

                    public bool IsCompleted => false;

                    public void OnCompleted(Action continuation) => Current.Schedule(_ticks, continuation);

                    public void UnsafeOnCompleted(Action continuation) => Current.Schedule(_ticks, continuation);

                    public void GetResult() => Current.CheckThread();
                }

                private static Loop Current => t_loop ?? throw new InvalidOperationException("VirtualTime.Sleep awaited outside VirtualTime.Run, or a continuation ran on another thread.");

                private sealed class Loop
                {
                    public readonly global::Coroutines.VirtualClock Clock = new();
                    public readonly Queue<Action> Ready = new();
                    private readonly PriorityQueue<Action, (long Deadline, long Sequence)> _sleeping = new();
                    private readonly int _thread = Environment.CurrentManagedThreadId;
                    private long _sequence;

                    public void Schedule(long ticks, Action continuation)
                    {
                        CheckThread();
                        if (ticks == 0)
                        {
                            Ready.Enqueue(continuation); // Sleep(0): the next pass, after what is ready
                        }
                        else
                        {
                            _sleeping.Enqueue(continuation, (Clock.Now.Ticks + ticks, _sequence++));
                        }
                    }

                    public void CheckThread()
                    {
                        if (Environment.CurrentManagedThreadId != _thread)
                        {
                            throw new InvalidOperationException("A continuation ran on another thread than the loop's.");
                        }
                    }

                    public void Run(int maxItems)
                    {
                        var ran = 0;
                        while (Ready.Count > 0 || _sleeping.Count > 0)
                        {
                            if (Ready.Count == 0 && _sleeping.TryPeek(out _, out var next))
                            {
                                Clock.WaitUntil(TimeSpan.FromTicks(next.Deadline));
                            }
                            var now = Clock.Now.Ticks;
                            while (_sleeping.TryPeek(out var due, out var when) && when.Deadline <= now)
                            {
                                _sleeping.Dequeue();
                                Ready.Enqueue(due);
                            }
                            // Only what was ready when the pass began: what is queued now waits for the next pass.
                            for (var count = Ready.Count; count > 0; count--)
                            {
                                Ready.Dequeue()();
                                if (++ran >= maxItems)
                                {
                                    return;
                                }
                            }
                        }
                    }
                }
            }
        }
        """);

    /// <summary>
    /// Runs the async twins of <paramref name="program"/>'s roots on the loop (on a thread of its
    /// own, with no synchronization context): the trace, then each root's ending, then the final clock.
    /// </summary>
    public static RunTrace RunAsync(LoadedProgram loaded, RandomProgram program)
    {
        var type = loaded.GetType(RandomProgramGenerator.TypeName);
        var roots = program.Roots.Select(root =>
        {
            var method = type.GetMethod(RandomProgramGenerator.AsyncName(root.Method), BindingFlags.Public | BindingFlags.Static)
                ?? throw new InvalidOperationException($"{RandomProgramGenerator.AsyncName(root.Method)} is missing from the compiled program.");
            return (Func<Task<int>>)(() => (Task<int>)method.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, [root.Argument], culture: null)!);
        }).ToArray();
        var run = loaded.Assembly.GetType(TypeName)!.GetMethod("Run")!;
        loaded.ClearTrace();
        Task<int>?[] tasks = [];
        object?[] args = [roots, Oracle.MaxSteps, null];
        Oracle.RunBounded($"{program.Name} (async)", () => tasks = (Task<int>?[])run.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, args, culture: null)!);

        var lines = loaded.TraceLines.ToList();
        for (var i = 0; i < tasks.Length; i++)
        {
            var task = tasks[i];
            lines.Add($"{Root(program, i)} " + (task switch
            {
                null => "never started",
                { IsCompletedSuccessfully: true } => Oracle.Returned(isVoid: false, task.Result),
                { IsFaulted: true } => Oracle.Threw(task.Exception!.InnerException!),
                _ => $"did not finish: status {task.Status} after {Oracle.MaxSteps} items",
            }));
        }
        lines.Add(Oracle.FinalClock((TimeSpan)args[2]!));
        return new RunTrace(lines, null);
    }

    /// <summary>
    /// Runs the generated state machines of <paramref name="program"/>'s roots, spawned in order
    /// on one <see cref="Scheduler"/>: the trace, then each root's ending, then the final clock.
    /// </summary>
    public static RunTrace RunScheduler(LoadedProgram loaded, RandomProgram program)
    {
        var type = loaded.GetType(RandomProgramGenerator.TypeName);
        var coroutines = program.Roots.Select(root => loaded.CreateCoroutine(type, target: null, root.Method, [], [root.Argument])).ToList();
        loaded.ClearTrace();
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        scheduler.Observer = new Oracle.StepLimit(scheduler);
        scheduler.UnobservedFault += (_, _) => { }; // read below through Coroutine.Exception
        Oracle.RunBounded($"{program.Name} (scheduler)", () =>
        {
            foreach (var coroutine in coroutines)
            {
                scheduler.Spawn(coroutine);
            }
            scheduler.Run();
        });

        var lines = loaded.TraceLines.ToList();
        for (var i = 0; i < coroutines.Count; i++)
        {
            var coroutine = coroutines[i];
            lines.Add($"{Root(program, i)} " + coroutine.Status switch
            {
                CoroutineStatus.Completed => Oracle.Returned(isVoid: false, ((Coroutine<int>)coroutine).Result),
                CoroutineStatus.Faulted => Oracle.Threw(coroutine.Exception!),
                _ => $"did not finish: status {coroutine.Status} after {Oracle.MaxSteps} steps",
            });
        }
        lines.Add(Oracle.FinalClock(clock.Now));
        return new RunTrace(lines, null);
    }

    private static string Root(RandomProgram program, int index) => $"root {index} {program.Roots[index].Method}({program.Roots[index].Argument})";
}
