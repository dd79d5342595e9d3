using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Coroutines.Tests.Scheduling;

// The timer queue (a radix heap) on its own, with plain payloads, against a plain model: exact
// (deadline, push order) order, lazy deletion, tags, and compaction.
public class TimerQueueTests
{
    /// <summary>A payload: pending until the test cancels it; re-armed under a new tag.</summary>
    private sealed class Target
    {
        public Target(int id) => Id = id;

        public int Id { get; }

        public bool Canceled { get; set; }

        public int Tag { get; set; }
    }

    /// <summary>An entry is stale once its target is cancelled or was re-armed under another tag.</summary>
    private readonly struct TargetStaleness : ITimerStaleness
    {
        public static bool IsStale(object payload, int tag) => ((Target)payload).Canceled || ((Target)payload).Tag != tag;
    }

    private sealed class Entry
    {
        public Entry(long deadline, int order, Target target)
        {
            Deadline = deadline;
            Order = order;
            Target = target;
        }

        public long Deadline { get; }

        public int Order { get; }

        public Target Target { get; }

        public bool Gone { get; set; } // cancelled or taken out
    }

    private sealed class ByDeadlineThenOrder : IComparer<Entry>
    {
        public int Compare(Entry? x, Entry? y) =>
            x!.Deadline != y!.Deadline ? x.Deadline.CompareTo(y.Deadline) : x.Order.CompareTo(y.Order);
    }

    [Theory]
    [InlineData(1, 10, 50)]          // dense: many equal deadlines
    [InlineData(2, 1000, 400)]       // milliseconds-like spread
    [InlineData(3, 10_000_000, 400)] // wide spread, many levels
    [InlineData(4, 1L << 40, 100)]   // huge delays
    public void Entries_come_out_in_deadline_then_push_order_with_cancelled_ones_skipped(int seed, long maxDelay, int maxBatch)
    {
        var random = new Random(seed);
        var queue = new TimerQueue<TargetStaleness>();
        var live = new SortedSet<Entry>(new ByDeadlineThenOrder()); // the model: what is still due to come out
        var pushed = new List<Entry>();
        var order = 0;
        long now = 0;
        var popped = 0;
        for (var round = 0; round < 300; round++)
        {
            // Push a batch at the present, some with delay 0 and some on a deadline already in use.
            var batch = random.Next(maxBatch);
            for (var i = 0; i < batch; i++)
            {
                var delay = random.Next(4) == 0 ? 0 : random.NextInt64(maxDelay);
                if (live.Count > 0 && random.Next(5) == 0)
                {
                    delay = Math.Max(0, pushed[random.Next(pushed.Count)].Deadline - now);
                }
                var entry = new Entry(now + delay, order++, new Target(order));
                pushed.Add(entry);
                live.Add(entry);
                queue.Push(entry.Deadline, entry.Target.Tag, entry.Target);
            }
            // Cancel a few.
            for (var i = 0; i < batch / 8; i++)
            {
                var victim = pushed[random.Next(pushed.Count)];
                if (!victim.Gone)
                {
                    victim.Gone = true;
                    victim.Target.Canceled = true;
                    live.Remove(victim);
                    queue.MarkStale();
                }
            }
            if (random.Next(5) == 0)
            {
                AssertCopiedInOrder(queue, live);
            }
            if (random.Next(10) == 0)
            {
                queue.RemoveStale();
                Assert.Equal(0, queue.StaleCount);
                Assert.Equal(live.Count, queue.Count);
            }

            // The earliest live deadline, as the loop would wait for it.
            Assert.Equal(live.Count > 0, queue.TryPeekLive(now, out var next));
            if (live.Count > 0)
            {
                Assert.Equal(live.Min!.Deadline, next);
            }

            // Move time forward (sometimes not at all, sometimes to exactly the next deadline) and take what is due.
            now = random.Next(3) switch
            {
                0 => now,
                1 when live.Count > 0 => live.Min!.Deadline,
                _ => now + random.NextInt64((maxDelay / 2) + 1),
            };
            while (live.Count > 0 && live.Min!.Deadline <= now)
            {
                var expected = live.Min;
                Assert.True(queue.TryPopDue(now, out var target));
                Assert.Same(expected.Target, target);
                expected.Gone = true;
                live.Remove(expected);
                popped++;
            }
            Assert.False(queue.TryPopDue(now, out _));
            Assert.Equal(live.Count, queue.Count - queue.StaleCount);
            if (pushed.Count > 50_000)
            {
                pushed.RemoveAll(e => e.Gone);
            }
        }
        Assert.True(popped > 1000, $"only {popped} entries popped");
    }

    [Fact]
    public void Deadlines_near_the_end_of_time_are_copied_in_order_too()
    {
        // Bucket indexes near 63 leave no room to pack the position beside the deadline's low bits.
        var random = new Random(5);
        var queue = new TimerQueue<TargetStaleness>();
        var live = new SortedSet<Entry>(new ByDeadlineThenOrder());
        for (var order = 0; order < 500; order++)
        {
            var deadline = TimerQueue.MaxDeadline - (random.Next(3) == 0 ? random.Next(4) : random.NextInt64(1L << 58));
            var entry = new Entry(deadline, order, new Target(order));
            live.Add(entry);
            queue.Push(entry.Deadline, entry.Target.Tag, entry.Target);
        }
        AssertCopiedInOrder(queue, live);
    }

    [Fact]
    public void Large_buckets_are_copied_in_order_with_equal_deadlines_in_push_order()
    {
        // Thousands of entries per bucket take the radix sort; many share a deadline.
        var random = new Random(6);
        var queue = new TimerQueue<TargetStaleness>();
        var live = new SortedSet<Entry>(new ByDeadlineThenOrder());
        for (var order = 0; order < 20_000; order++)
        {
            var entry = new Entry(random.Next(3) == 0 ? random.Next(64) : random.NextInt64(1L << 40), order, new Target(order));
            live.Add(entry);
            queue.Push(entry.Deadline, entry.Target.Tag, entry.Target);
        }
        AssertCopiedInOrder(queue, live);
    }

    // What a snapshot lists: the live entries, in the order they would come out, the queue unchanged.
    private static void AssertCopiedInOrder(TimerQueue<TargetStaleness> queue, SortedSet<Entry> live)
    {
        var count = queue.Count;
        var deadlines = new long[queue.Count];
        var payloads = new object[queue.Count];
        var copied = queue.CopyLiveInOrder(deadlines, payloads);
        Assert.Equal(live.Select(e => e.Deadline), deadlines.Take(copied));
        Assert.Equal(live.Select(e => (object)e.Target), payloads.Take(copied));
        Assert.Equal(count, queue.Count);
    }

    [Fact]
    public void A_stale_entry_with_the_same_deadline_as_the_live_one_is_told_apart_by_its_tag()
    {
        var queue = new TimerQueue<TargetStaleness>();
        var a = new Target(1);
        var b = new Target(2);
        queue.Push(100, a.Tag, a); // a is due at 100 ...
        queue.MarkStale();         // ... is cancelled, and re-armed under a new tag ...
        a.Tag = 1;
        queue.Push(100, b.Tag, b); // b is due at 100
        queue.Push(100, a.Tag, a); // ... a is due at 100 again: after b

        Assert.True(queue.TryPopDue(100, out var first));
        Assert.Same(b, first);
        Assert.True(queue.TryPopDue(100, out var second));
        Assert.Same(a, second);
        Assert.False(queue.TryPopDue(100, out _));
        Assert.Equal(0, queue.Count);
        Assert.Equal(0, queue.StaleCount);
    }

    [Fact]
    public void A_cancelled_minimum_is_not_waited_for_and_a_sweep_is_not_repeated_needlessly()
    {
        var queue = new TimerQueue<TargetStaleness>();
        var targets = Enumerable.Range(0, 1000).Select(i => new Target(i)).ToArray();
        for (var i = 0; i < targets.Length; i++)
        {
            queue.Push(1_000_000 + i, 0, targets[i]);
        }
        targets[0].Canceled = true;
        queue.MarkStale();

        Assert.True(queue.TryPeekLive(0, out var next));
        Assert.Equal(1_000_001, next);
        Assert.Equal(999, queue.Count); // the sweep reclaimed the stale entry

        targets[500].Canceled = true; // not the minimum: no new sweep needed
        queue.MarkStale();
        Assert.True(queue.TryPeekLive(0, out next));
        Assert.Equal(1_000_001, next);
        Assert.Equal(999, queue.Count);

        targets[1].Canceled = true; // the minimum: swept again
        queue.MarkStale();
        Assert.True(queue.TryPeekLive(0, out next));
        Assert.Equal(1_000_002, next);
        Assert.Equal(997, queue.Count);
        Assert.Equal(0, queue.StaleCount);
    }
}
