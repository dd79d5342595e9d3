using System;
using System.Linq;
using Xunit;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// The steps the snapshot tests of one kind of wait share: a program's root coroutine run to its
/// end without a stop, or stopped at a moment of virtual time (to be saved, restored or cloned)
/// and run to its end after that, found again by its name.
/// </summary>
internal sealed class SavedProgram<TResult>(string rootName, Func<Coroutine<TResult>> start)
{
    /// <summary>A scheduler on a virtual clock that ran the program until <paramref name="at"/> ms.</summary>
    public Scheduler StoppedAt(int at)
    {
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.Spawn(start().WithName(rootName));
        scheduler.CallLater(at, scheduler.Stop);
        scheduler.Run();
        return scheduler;
    }

    /// <summary>Runs <paramref name="scheduler"/> (restored, cloned or stopped) to the end: the root's result.</summary>
    public TResult RunToEnd(Scheduler scheduler)
    {
        var root = (Coroutine<TResult>)scheduler.LiveCoroutines().Single(c => c.Name == rootName).Coroutine;
        scheduler.Run();
        Assert.Equal(CoroutineStatus.Completed, root.Status);
        return root.Result;
    }

    /// <summary>Saved at <paramref name="at"/> ms and restored, the program ends with the result of a run with no stop.</summary>
    public void AssertRestoredAtEndsAsUninterrupted(int at)
    {
        var expected = Uninterrupted();
        var restored = Scheduler.Restore(StoppedAt(at).SaveToBytes());
        Assert.Equal(expected, RunToEnd(restored));
    }

    /// <summary>Cloned at <paramref name="at"/> ms, original and clone, run one after the other in either order, both end as a run with no stop.</summary>
    public void AssertCloneAndOriginalEndAsUninterrupted(int at, bool originalFirst)
    {
        var expected = Uninterrupted();
        var original = StoppedAt(at);
        var clone = original.Clone();
        var (first, second) = originalFirst ? (original, clone) : (clone, original);
        Assert.Equal(expected, RunToEnd(first));
        Assert.Equal(expected, RunToEnd(second));
    }

    /// <summary>The result of a run with no stop.</summary>
    public TResult Uninterrupted()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var root = scheduler.Spawn(start());
        scheduler.Run();
        return root.Result;
    }
}
