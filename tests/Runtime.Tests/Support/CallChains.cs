using System;
using System.Threading;
using Xunit;

namespace Coroutines.Tests;

/// <summary>Runs chains of calls: on a small thread stack, and measuring what they allocate per level.</summary>
public static class CallChains
{
    /// <summary>
    /// Runs the coroutine <paramref name="root"/> makes to its end on a thread with a 256 KB stack (a
    /// recursive step would overflow it long before 10,000 levels) and returns its result.
    /// </summary>
    public static int RunOnSmallStack(Func<Coroutine<int>> root)
    {
        var result = -1;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var scheduler = new Scheduler(new VirtualClock());
                var coroutine = scheduler.Spawn(root());
                scheduler.Run();
                result = coroutine.Result;
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        return result;
    }

    /// <summary>
    /// Bytes allocated per call level: runs chains of 1,000 and 3,000 levels, made by
    /// <paramref name="root"/> (whose result must be the depth), and divides the difference.
    /// </summary>
    public static long PerLevel(Func<int, Coroutine<int>> root)
    {
        long Run(int depth)
        {
            var scheduler = new Scheduler(new VirtualClock());
            var coroutine = scheduler.Spawn(root(depth));
            var before = GC.GetAllocatedBytesForCurrentThread();
            scheduler.Run();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(depth, coroutine.Result);
            return allocated;
        }

        Run(2000); // warm up: JIT, queue chunks
        return (Run(3000) - Run(1000)) / 2000;
    }

    /// <summary>Bytes one frame made by <paramref name="frame"/> takes (the average of 1,000).</summary>
    public static long PerFrame(Func<int, Coroutine> frame)
    {
        var frames = new Coroutine[1000];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = frame(i);
        }
        return (GC.GetAllocatedBytesForCurrentThread() - before) / frames.Length;
    }
}
