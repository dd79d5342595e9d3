using System.Collections.Generic;
using System.Threading.Tasks;
using Coroutines.Snapshots;
using Xunit;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// The generated field that holds the argument of Yield.Await is saved only while the coroutine is
/// suspended there: a coroutine that awaited a task and moved on can be saved (the spent task is not
/// written); one that still waits on a task cannot (AwaitedTaskSnapshotTests: one woken by the task
/// and not yet run keeps its outcome).
/// </summary>
public static partial class SpentAwaitTests
{
    /// <summary>Where the answer comes from: an outside object, saved by name.</summary>
    public sealed class Oracle
    {
        public TaskCompletionSource<int> Source { get; } = new();
    }

    [Coroutine(Saveable = true)]
    public static int AwaitThenSleep(List<string> log, Oracle oracle)
    {
        var value = Yield.Await(oracle.Source.Task);
        log.Add($"answer {value}");
        Yield.Sleep(10);
        log.Add("slept");
        return value;
    }

    public sealed class Tests
    {
        [Fact]
        public void A_coroutine_past_its_await_is_saved_and_restored()
        {
            var scheduler = new Scheduler(new VirtualClock());
            var log = new List<string>();
            var oracle = new Oracle();
            scheduler.Spawn(AwaitThenSleepCoroutine(log, oracle));
            scheduler.RunDue();
            Assert.Equal(1, scheduler.OutstandingTaskWaits);
            Assert.Contains("outstanding wait", Assert.Throws<SnapshotException>(() => scheduler.SaveToBytes(new SnapshotOptions { Permanents = { ["log"] = log, ["oracle"] = oracle } })).Message, System.StringComparison.Ordinal);

            oracle.Source.SetResult(42); // its completion is posted, from whatever thread runs it
            Assert.True(System.Threading.SpinWait.SpinUntil(() => scheduler.RunDue() > 0, 5000));
            Assert.Equal(0, scheduler.OutstandingTaskWaits);
            var options = new SnapshotOptions();
            options.Permanents.Add("log", log);
            options.Permanents.Add("oracle", oracle);
            var restored = Scheduler.Restore(scheduler.SaveToBytes(options), options);
            restored.Run();
            Assert.Equal(new[] { "answer 42", "slept" }, log);
        }
    }
}
