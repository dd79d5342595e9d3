using System;
using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Coroutines;

/// <summary>An entry of a <see cref="TimerQueue{TStaleness}"/>: its owner's payload and its packed key.</summary>
internal struct TimerEntry
{
    /// <summary>
    /// <c>deadline &lt;&lt; TagBits | tag</c>: the deadline in clock ticks, and a small tag the
    /// owner gave the entry (the scheduler: a coroutine's timer generation), handed back to
    /// <see cref="ITimerStaleness.IsStale"/>.
    /// </summary>
    public long Key;

    public object? Payload;
}

/// <summary>
/// Tells a <see cref="TimerQueue{TStaleness}"/> whether an entry no longer stands for a pending
/// timer (it was cancelled), from the payload and tag it was pushed with. Implemented by a struct,
/// so the queue is compiled for it and the check is a direct, inlinable call.
/// </summary>
internal interface ITimerStaleness
{
    static abstract bool IsStale(object payload, int tag);
}

/// <summary>The key layout shared by every <see cref="TimerQueue{TStaleness}"/>.</summary>
internal static class TimerQueue
{
    /// <summary>Low bits of a key that carry the entry's tag.</summary>
    public const int TagBits = 4;

    public const int TagMask = (1 << TagBits) - 1;

    /// <summary>The latest deadline a key can hold (about 1,800 years of ticks); the owner clamps later ones to it.</summary>
    public const long MaxDeadline = long.MaxValue >> TagBits;
}

/// <summary>A fixed block of entries; a bucket is a chain of them. One object, no separate array.</summary>
internal sealed class TimerChunk
{
    public const int Capacity = 128;

    public TimerChunk? Next;
    public int Count;
    public Entries Items;

    [InlineArray(Capacity)]
    public struct Entries
    {
        private TimerEntry _element0;
    }
}

/// <summary>
/// A timer queue: a monotone priority queue (a radix heap) of opaque payloads ordered by deadline,
/// equal deadlines in the order they were pushed (FIFO). Time on a clock only moves forward, and
/// the owner only pushes deadlines at or after the clock's present, which is at or after every
/// deadline already taken out: that is what a radix heap needs. It knows nothing of what the
/// payloads are; <typeparamref name="TStaleness"/> tells it which entries were cancelled.
/// </summary>
/// <remarks>
/// <para>Bucket <c>i</c> holds the entries whose deadline first differs from <see cref="_last"/>
/// (the last minimum taken out) at bit <c>i - 1</c>; bucket 0 holds those equal to it. Push is an
/// append. Taking the minimum pops bucket 0 (FIFO); when it is empty, the lowest non-empty bucket
/// is redistributed around its minimum into lower buckets. Every entry moves down at most once per
/// level, and each move is a sequential read and an append, so an entry costs O(log of its delay)
/// cheap moves in all instead of O(log n) cache-missing sift steps of a binary heap. Redistribution
/// scans in order and appends, and equal deadlines always share a bucket, so FIFO order survives.</para>
/// <para>Buckets are chains of fixed-size chunks from a per-queue pool: no capacity doubling, so a
/// million sleepers cost 16 B each here, and steady state allocates nothing.</para>
/// <para>Deletion is lazy: a cancelled entry stays until it surfaces or <see cref="RemoveStale()"/>
/// compacts the queue; <see cref="StaleCount"/> counts them (the owner's compaction rule). The
/// owner calls <see cref="MarkStale"/> when it cancels an entry; <typeparamref name="TStaleness"/>
/// finds it again.</para>
/// </remarks>
internal sealed class TimerQueue<TStaleness>
    where TStaleness : struct, ITimerStaleness
{
    private const int TagBits = TimerQueue.TagBits;

    private const int BucketCount = 64;

    // Free chunks kept for reuse (128 KB at most): a redistribution returns a chunk for about every
    // one it fills, so this absorbs the churn of steady state and of moderate swings in the count.
    private const int SpareChunks = 64;

    private struct Bucket
    {
        public TimerChunk? Head;
        public TimerChunk? Tail;
        public int Count;
        public long Min; // the smallest deadline in the bucket (buckets above 0)
    }

    private readonly Bucket[] _buckets = new Bucket[BucketCount];
    private ulong _nonEmpty;     // bit i set: bucket i holds entries
    private long _last;          // the deadline last taken out: every entry's deadline is >= it
    private int _readIndex;      // bucket 0's head chunk: entries before this index are taken
    private int _count;          // entries, stale ones included
    private int _stale;          // entries that are stale (cancelled) and not yet removed
    private TimerChunk? _free;
    private int _freeCount;

    // TryPeekLive's memo, so that a queue with stale entries somewhere is not swept at every idle
    // pass: the lowest bucket, _verifiedBucket, was swept, and its first minimum entry is
    // (_minKey, _minPayload), live at that time. It stays the minimum until the bucket is emptied
    // (memo dropped) or an append brings a smaller deadline (the memo follows it); it is still the
    // live minimum unless it has itself become stale since.
    private int _verifiedBucket = -1;
    private long _minKey;
    private object? _minPayload;

    /// <summary>Entries, stale ones included.</summary>
    public int Count => _count;

    /// <summary>Entries known to be stale and not yet removed.</summary>
    public int StaleCount => _stale;

    /// <summary>True if some entry is live.</summary>
    public bool HasLive => _count > _stale;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsStale(in TimerEntry entry) =>
        TStaleness.IsStale(entry.Payload!, (int)(entry.Key & TimerQueue.TagMask));

    /// <summary>
    /// Adds <paramref name="payload"/>, due at <paramref name="deadline"/>, after every entry with the
    /// same deadline; <paramref name="tag"/> (0..<see cref="TimerQueue.TagMask"/>) goes back to the
    /// staleness check. The deadline must not be before the present (the last deadline taken out).
    /// </summary>
    public void Push(long deadline, int tag, object payload)
    {
        Debug.Assert(deadline <= TimerQueue.MaxDeadline, "the owner clamps deadlines");
        Debug.Assert((uint)tag <= TimerQueue.TagMask, "a tag fits in TagBits");
        if (deadline < _last)
        {
            deadline = _last; // only a clock that went backwards gets here: the present is the earliest
        }
        Append(IndexOf(deadline, _last), (deadline << TagBits) | (uint)tag, payload, deadline);
        _count++;
    }

    /// <summary>One more entry became stale (its owner cancelled it while in the queue).</summary>
    public void MarkStale() => _stale++;

    /// <summary>
    /// Takes out the next live entry due at <paramref name="now"/>, in (deadline, push order);
    /// stale entries met on the way are dropped.
    /// </summary>
    public bool TryPopDue(long now, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? payload)
    {
        while (true)
        {
            if ((_nonEmpty & 1) != 0)
            {
                var entry = PopBucket0();
                if (_stale > 0 && IsStale(entry))
                {
                    _stale--;
                    continue;
                }
                payload = entry.Payload!;
                return true;
            }
            if (_nonEmpty == 0)
            {
                break;
            }
            var lowest = BitOperations.TrailingZeroCount(_nonEmpty);
            var min = _buckets[lowest].Min;
            if (min > now)
            {
                break;
            }
            Redistribute(lowest, min);
        }
        payload = null;
        return false;
    }

    /// <summary>
    /// The earliest deadline of a live entry, dropping stale entries that come first (so a loop
    /// never waits for a cancelled sleep). <paramref name="now"/> is the clock's present.
    /// </summary>
    public bool TryPeekLive(long now, out long deadline)
    {
        while (true)
        {
            if ((_nonEmpty & 1) != 0)
            {
                if (_stale > 0 && IsStale(PeekBucket0()))
                {
                    PopBucket0();
                    _stale--;
                    continue;
                }
                deadline = _last;
                return true;
            }
            if (_nonEmpty == 0)
            {
                deadline = 0;
                return false;
            }
            var lowest = BitOperations.TrailingZeroCount(_nonEmpty);
            var min = _buckets[lowest].Min;
            if (_stale == 0 || (_verifiedBucket == lowest && !IsStale(new TimerEntry { Key = _minKey, Payload = _minPayload })))
            {
                deadline = min; // its first minimum entry is live
                return true;
            }
            if (min <= now)
            {
                Redistribute(lowest, min); // it is due anyway: bring its minimum to bucket 0
                continue;
            }
            // Not due yet, and its minimum may be stale: sweep this bucket alone, and remember
            // its live minimum.
            if (CompactBucket(lowest) == 0)
            {
                continue;
            }
            _verifiedBucket = lowest;
            FindMinEntry(lowest);
            deadline = _buckets[lowest].Min;
            return true;
        }
    }

    /// <summary>
    /// The deadline of the entry holding <paramref name="payload"/> under <paramref name="tag"/>:
    /// a scan of every entry, for rare callers (pausing a sleeper).
    /// </summary>
    public bool TryFindDeadline(object payload, int tag, out long deadline)
    {
        var buckets = _nonEmpty;
        while (buckets != 0)
        {
            var index = BitOperations.TrailingZeroCount(buckets);
            buckets &= buckets - 1;
            for (var chunk = _buckets[index].Head; chunk is not null; chunk = chunk.Next)
            {
                // Entries before the read index of the first chunk were taken out already.
                for (var i = FirstLive(index, chunk); i < chunk.Count; i++)
                {
                    ref var entry = ref chunk.Items[i];
                    if (ReferenceEquals(entry.Payload, payload) && (int)(entry.Key & TimerQueue.TagMask) == tag)
                    {
                        deadline = entry.Key >> TagBits;
                        return true;
                    }
                }
            }
        }
        deadline = 0;
        return false;
    }

    /// <summary>Visits every entry not yet taken out, stale ones included, in no particular order: (deadline, tag, payload). For diagnostics.</summary>
    public void ForEach(Action<long, int, object> visit)
    {
        var buckets = _nonEmpty;
        while (buckets != 0)
        {
            var index = BitOperations.TrailingZeroCount(buckets);
            buckets &= buckets - 1;
            for (var chunk = _buckets[index].Head; chunk is not null; chunk = chunk.Next)
            {
                for (var i = FirstLive(index, chunk); i < chunk.Count; i++)
                {
                    ref var entry = ref chunk.Items[i];
                    visit(entry.Key >> TagBits, (int)(entry.Key & TimerQueue.TagMask), entry.Payload!);
                }
            }
        }
    }

    /// <summary>
    /// Copies the live entries into <paramref name="deadlines"/> and <paramref name="payloads"/>
    /// (each at least <see cref="Count"/> long) in the order they would be taken out: (deadline,
    /// push order). Returns how many. For snapshots; the queue is not changed.
    /// </summary>
    /// <remarks>
    /// Buckets hold disjoint, rising ranges of deadlines (bucket <c>i</c> those that first differ
    /// from <see cref="_last"/> at bit <c>i - 1</c>), so they are walked in index order and only
    /// each bucket's entries are sorted: by the <c>i</c> low bits of the deadline and the position
    /// in the bucket (which keeps push order), packed in one <c>long</c> when they fit.
    /// </remarks>
    public int CopyLiveInOrder(Span<long> deadlines, Span<object> payloads)
    {
        var written = 0;
        var keys = Array.Empty<long>();
        var moved = Array.Empty<object>();
        try
        {
            var buckets = _nonEmpty;
            while (buckets != 0)
            {
                var index = BitOperations.TrailingZeroCount(buckets);
                buckets &= buckets - 1;
                var start = written;
                for (var chunk = _buckets[index].Head; chunk is not null; chunk = chunk.Next)
                {
                    for (var i = FirstLive(index, chunk); i < chunk.Count; i++)
                    {
                        ref var entry = ref chunk.Items[i];
                        if (_stale > 0 && IsStale(entry)) // as TryPopDue: every stale entry is counted
                        {
                            continue;
                        }
                        deadlines[written] = entry.Key >> TagBits;
                        payloads[written] = entry.Payload!;
                        written++;
                    }
                }
                var count = written - start;
                if (index == 0 || count < 2)
                {
                    continue; // bucket 0 holds one deadline, in push order
                }
                if (keys.Length < 2 * count)
                {
                    Return(keys, moved);
                    keys = ArrayPool<long>.Shared.Rent(2 * count); // the keys, and the radix sort's scratch
                    moved = ArrayPool<object>.Shared.Rent(count);
                }
                SortBucket(index, deadlines.Slice(start, count), payloads.Slice(start, count), keys, moved);
            }
        }
        finally
        {
            Return(keys, moved);
        }
        return written;
    }

    // Sorts one bucket's copied entries by (deadline, position): stable, so push order is kept.
    private static void SortBucket(int index, Span<long> deadlines, Span<object> payloads, long[] keys, object[] moved)
    {
        var count = deadlines.Length;
        payloads.CopyTo(moved);
        var positionBits = 64 - BitOperations.LeadingZeroCount((ulong)count);
        if (index + positionBits <= 63)
        {
            // The deadlines of bucket `index` share every bit above their `index` low ones.
            var lowMask = (1L << index) - 1;
            var high = deadlines[0] & ~lowMask;
            for (var i = 0; i < count; i++)
            {
                keys[i] = ((deadlines[i] & lowMask) << positionBits) | (long)i;
            }
            SortKeys(keys.AsSpan(0, count), keys.AsSpan(count, count), index + positionBits);
            var positionMask = (1L << positionBits) - 1;
            for (var i = 0; i < count; i++)
            {
                deadlines[i] = high | (keys[i] >> positionBits);
                payloads[i] = moved[(int)(keys[i] & positionMask)];
            }
            return;
        }
        // Deadlines near the end of time, too wide to pack: sort (deadline, position) pairs.
        var order = new (long Deadline, int Position)[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = (deadlines[i], i);
        }
        order.AsSpan().Sort();
        for (var i = 0; i < count; i++)
        {
            deadlines[i] = order[i].Deadline;
            payloads[i] = moved[order[i].Position];
        }
    }

    // Sorts distinct non-negative keys of `bits` significant bits: a least-significant-digit radix
    // sort for the large buckets of a snapshot (a few sequential passes instead of n log n
    // compares that the branch predictor cannot guess), the library's sort for small ones.
    private static void SortKeys(Span<long> keys, Span<long> scratch, int bits)
    {
        const int DigitBits = 11;
        const int DigitMask = (1 << DigitBits) - 1;
        if (keys.Length < 1024)
        {
            keys.Sort();
            return;
        }
        Span<int> starts = stackalloc int[1 << DigitBits];
        var source = keys;
        var target = scratch;
        var inKeys = true;
        for (var shift = 0; shift < bits; shift += DigitBits)
        {
            starts.Clear();
            foreach (var key in source)
            {
                starts[(int)(key >> shift) & DigitMask]++;
            }
            var total = 0;
            for (var digit = 0; digit < starts.Length; digit++)
            {
                var count = starts[digit];
                starts[digit] = total;
                total += count;
            }
            foreach (var key in source)
            {
                target[starts[(int)(key >> shift) & DigitMask]++] = key;
            }
            var swap = source;
            source = target;
            target = swap;
            inKeys = !inKeys;
        }
        if (!inKeys)
        {
            source.CopyTo(keys);
        }
    }

    private static void Return(long[] keys, object[] moved)
    {
        if (keys.Length > 0)
        {
            ArrayPool<long>.Shared.Return(keys);
            ArrayPool<object>.Shared.Return(moved, clearArray: true); // it must not keep payloads alive
        }
    }

    // The first index of a chunk that still holds an entry: bucket 0's head is read from _readIndex on.
    private int FirstLive(int bucket, TimerChunk chunk) => bucket == 0 && chunk == _buckets[0].Head ? _readIndex : 0;

    /// <summary>Removes every stale entry, reclaiming its slot, keeping the order of the rest.</summary>
    public void RemoveStale()
    {
        var buckets = _nonEmpty;
        while (buckets != 0)
        {
            var index = BitOperations.TrailingZeroCount(buckets);
            buckets &= buckets - 1;
            CompactBucket(index);
        }
        Debug.Assert(_stale == 0, "every entry marked stale is found by TStaleness");
        _stale = 0;
        ForgetVerified();
    }

    // Bucket of a deadline relative to the last minimum: 1 + the highest bit where they differ (0 if equal).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOf(long deadline, long last) =>
        64 - BitOperations.LeadingZeroCount((ulong)(deadline ^ last));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(int index, long key, object payload, long deadline)
    {
        ref var bucket = ref _buckets[index];
        var tail = bucket.Tail;
        if (tail is null)
        {
            tail = Rent();
            bucket.Head = tail;
            bucket.Tail = tail;
            bucket.Min = deadline;
            _nonEmpty |= 1UL << index;
        }
        else
        {
            if (tail.Count == TimerChunk.Capacity)
            {
                var next = Rent();
                tail.Next = next;
                bucket.Tail = next;
                tail = next;
            }
            if (deadline < bucket.Min)
            {
                bucket.Min = deadline;
                if (index == _verifiedBucket)
                {
                    _minKey = key; // the new minimum is this live entry
                    _minPayload = payload;
                }
            }
        }
        ref var slot = ref tail.Items[tail.Count++];
        slot.Key = key;
        slot.Payload = payload;
        bucket.Count++;
    }

    private ref TimerEntry PeekBucket0() => ref _buckets[0].Head!.Items[_readIndex];

    private TimerEntry PopBucket0()
    {
        ref var bucket = ref _buckets[0];
        var head = bucket.Head!;
        ref var slot = ref head.Items[_readIndex];
        var entry = slot;
        slot.Payload = null; // the chunk must not keep a payload alive
        _readIndex++;
        _count--;
        if (--bucket.Count == 0)
        {
            Debug.Assert(head.Next is null, "only the tail chunk is partly filled");
            bucket.Head = null;
            bucket.Tail = null;
            _nonEmpty &= ~1UL;
            _readIndex = 0;
            Return(head);
        }
        else if (_readIndex == TimerChunk.Capacity)
        {
            bucket.Head = head.Next;
            _readIndex = 0;
            Return(head);
        }
        return entry;
    }

    // Empties bucket `index` (its minimum is `min`, and bucket 0 is empty) into lower buckets,
    // relative to `min` as the new last minimum. Entries are read in order and appended in order.
    private void Redistribute(int index, long min)
    {
        Debug.Assert(index > 0 && (_nonEmpty & 1) == 0, "bucket 0 is empty when another is redistributed");
        ref var bucket = ref _buckets[index];
        var chunk = bucket.Head;
        bucket = default;
        _nonEmpty &= ~(1UL << index);
        if (_verifiedBucket == index)
        {
            ForgetVerified();
        }
        _last = min;
        while (chunk is not null)
        {
            var count = chunk.Count;
            for (var i = 0; i < count; i++)
            {
                ref var entry = ref chunk.Items[i];
                var key = entry.Key;
                var deadline = key >> TagBits;
                Append(IndexOf(deadline, min), key, entry.Payload!, deadline);
            }
            var next = chunk.Next;
            Return(chunk);
            chunk = next;
        }
    }

    // Drops the stale entries of one bucket, keeping the order of the rest; returns how many remain.
    private int CompactBucket(int index)
    {
        ref var bucket = ref _buckets[index];
        var chunk = bucket.Head;
        var start = index == 0 ? _readIndex : 0;
        bucket = default;
        _nonEmpty &= ~(1UL << index);
        if (index == 0)
        {
            _readIndex = 0;
        }
        if (_verifiedBucket == index)
        {
            ForgetVerified();
        }
        while (chunk is not null)
        {
            var count = chunk.Count;
            for (var i = start; i < count; i++)
            {
                ref var entry = ref chunk.Items[i];
                if (IsStale(entry))
                {
                    _stale--;
                    _count--;
                    continue;
                }
                Append(index, entry.Key, entry.Payload!, entry.Key >> TagBits);
            }
            start = 0;
            var next = chunk.Next;
            Return(chunk);
            chunk = next;
        }
        return _buckets[index].Count;
    }

    // Remembers the first entry holding bucket `index`'s minimum deadline.
    private void FindMinEntry(int index)
    {
        var min = _buckets[index].Min;
        for (var chunk = _buckets[index].Head; chunk is not null; chunk = chunk.Next)
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                ref var entry = ref chunk.Items[i];
                if (entry.Key >> TagBits == min)
                {
                    _minKey = entry.Key;
                    _minPayload = entry.Payload;
                    return;
                }
            }
        }
    }

    private void ForgetVerified()
    {
        _verifiedBucket = -1;
        _minPayload = null;
    }

    private TimerChunk Rent()
    {
        var chunk = _free;
        if (chunk is null)
        {
            return new TimerChunk();
        }
        _free = chunk.Next;
        chunk.Next = null;
        _freeCount--;
        return chunk;
    }

    private void Return(TimerChunk chunk)
    {
        ((Span<TimerEntry>)chunk.Items)[..chunk.Count].Clear();
        chunk.Count = 0;
        if (_freeCount >= SpareChunks)
        {
            chunk.Next = null;
            return; // more spare chunks than the live entries could need: let the GC have it
        }
        chunk.Next = _free;
        _free = chunk;
        _freeCount++;
    }
}
