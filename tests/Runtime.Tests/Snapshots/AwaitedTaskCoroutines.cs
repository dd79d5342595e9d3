using System.Collections.Generic;
using System.Threading.Tasks;

namespace Coroutines.Tests.Snapshots;

/// <summary>Saveable coroutines that wait on a task an outside object completes (AwaitedTaskSnapshotTests).</summary>
public static partial class AwaitedTaskCoroutines
{
    /// <summary>Where the answer comes from: an outside object, saved by name.</summary>
    public sealed class Oracle
    {
        public TaskCompletionSource<int> Source { get; } = new();

        public TaskCompletionSource Signal { get; } = new();
    }

    [Coroutine(Saveable = true)]
    public static int AwaitAnswer(List<string> log, Oracle oracle)
    {
        var value = Yield.Await(oracle.Source.Task);
        log.Add($"answer {value}");
        Yield.Sleep(10);
        log.Add("slept");
        return value;
    }

    [Coroutine(Saveable = true)]
    public static void AwaitSignal(List<string> log, Oracle oracle)
    {
        Yield.Await(oracle.Signal.Task);
        log.Add("signalled");
        Yield.Sleep(10);
        log.Add("slept");
    }

    [Coroutine(Saveable = true)]
    public static int AwaitValueTask(List<string> log, Oracle oracle)
    {
        var value = Yield.Await(new ValueTask<int>(oracle.Source.Task));
        log.Add($"answer {value}");
        Yield.Sleep(10);
        log.Add("slept");
        return value;
    }

    /// <summary>Waits on a task until it is cancelled, then goes on: the task it held is spent, never completed.</summary>
    [Coroutine(Saveable = true)]
    public static void AwaitOrGiveUp(List<string> log, Oracle oracle)
    {
        try
        {
            var value = Yield.Await(oracle.Source.Task);
            log.Add($"answer {value}");
        }
        catch (System.OperationCanceledException)
        {
            log.Add("gave up");
        }
        Yield.Sleep(10);
        log.Add("slept");
    }
}
