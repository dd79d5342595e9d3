using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Coroutines.Snapshots;
using Xunit;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// Restore on 10,000 mutated, truncated and hostile snapshots: each either restores (a mutation
/// may hit a value and stay valid) or throws <see cref="SnapshotFormatException"/> (one type; a
/// version mismatch is a kind of it) with a message; nothing else escapes, no scheduler is returned
/// on failure, and what one attempt allocates stays within a small multiple of its input.
/// </summary>
public sealed class HostileInputTests
{
    private const int Cases = 10_000;

    private static byte[] Valid()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var log = new List<string>();
        scheduler.Spawn(SaveableCoroutines.ScenarioCoroutine(log));
        scheduler.CallLater(33, scheduler.Stop);
        scheduler.Run();
        return scheduler.SaveToBytes();
    }

    // Channels with items of a user type and waiting senders and receivers (ChannelSnapshotTests' pipeline at 9 ms);
    // a lock, a semaphore and an event with lines (at 3 ms); paused coroutines, one a call frame (at 7 ms);
    // an AwaitAny waiting for its losers to unwind (at 8 ms); nested scopes (at 2 ms); selects with receive, send
    // and timeout cases in channel lines beside a plain receiver, one paused (at 1 ms), and one waiting for a coroutine's end (at 20 ms).
    private static byte[] ValidWith(Coroutine main, int at)
    {
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.Spawn(main);
        scheduler.CallLater(at, scheduler.Stop);
        scheduler.Run();
        return scheduler.SaveToBytes(Options);
    }

    private static readonly SnapshotOptions Options = new SnapshotOptions().UseJson(SnapshotTestJson.Default);

    [Fact]
    public void Ten_thousand_bad_snapshots_each_give_a_SnapshotFormatException_or_a_valid_scheduler()
    {
        byte[][] valids =
        [
            Valid(),
            ValidWith(SaveableChannelCoroutines.PipelineCoroutine(new List<string>()), 9),
            ValidWith(SaveableSynchronizationCoroutines.ContentionCoroutine(new List<string>()), 3),
            ValidWith(SaveablePauseCoroutines.GameCoroutine(new List<string>()), 7),
            ValidWith(SaveableGroupCoroutines.RacesCoroutine(new List<string>()), 8),
            ValidWith(SaveableScopeCoroutines.MissionsCoroutine(new List<string>()), 2),
            ValidWith(SaveableSelectCoroutines.BrokerCoroutine(new List<string>()), 1),
            ValidWith(SaveableSelectCoroutines.BrokerCoroutine(new List<string>()), 20),
        ];
        var random = new Random(19);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < Cases; i++)
        {
            var input = Mutate(valids[i / 10 % valids.Length], random, i); // every kind of mutation on each
            var before = GC.GetAllocatedBytesForCurrentThread();
            Scheduler? restored = null;
            try
            {
                restored = Scheduler.Restore(input, Options);
                Count(outcomes, "restored");
            }
            catch (SnapshotFormatException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                Count(outcomes, e is SnapshotVersionException ? "version" : "format");
            }
            catch (Exception e)
            {
                Assert.Fail($"Case {i}: {e.GetType().Name} escaped restore: {e}");
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 64L * input.Length + 2_000_000, $"Case {i}: {allocated} bytes allocated for an input of {input.Length}");
            if (restored is not null)
            {
                Assert.NotEmpty(restored.Describe()); // a restored scheduler is whole: its live dump reads every coroutine
            }
        }
        Assert.True(outcomes.GetValueOrDefault("format") > Cases / 2, string.Join(", ", outcomes));
    }

    private static void Count(Dictionary<string, int> outcomes, string key) => outcomes[key] = outcomes.GetValueOrDefault(key) + 1;

    // Every tenth case is a structured attack; the rest flip, truncate, insert or splice bytes.
    private static byte[] Mutate(byte[] valid, Random random, int i)
    {
        var bytes = (byte[])valid.Clone();
        switch (i % 10)
        {
            case 0:
                return Hostile(valid, random, i / 10);
            case 1:
                return bytes[..random.Next(bytes.Length)]; // truncated
            case 2:
            case 3:
            case 4:
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }
                return bytes;
            case 5:
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 6:
                var at = random.Next(bytes.Length);
                return [.. bytes[..at], 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, .. bytes[at..]]; // a huge varint
            case 7:
                var start = random.Next(bytes.Length);
                var length = random.Next(1, 16);
                return [.. bytes[..start], .. bytes[Math.Min(bytes.Length, start + length)..]]; // bytes removed
            case 8:
                var from = random.Next(bytes.Length);
                var to = random.Next(bytes.Length);
                var count = Math.Min(random.Next(1, 32), Math.Min(bytes.Length - from, bytes.Length - to));
                Array.Copy(valid, from, bytes, to, count); // spliced from elsewhere
                return bytes;
            default:
                var insert = random.Next(bytes.Length);
                var noise = new byte[random.Next(1, 8)];
                random.NextBytes(noise);
                return [.. bytes[..insert], .. noise, .. bytes[insert..]];
        }
    }

    private static byte[] Hostile(byte[] valid, Random random, int which)
    {
        switch (which % 8)
        {
            case 0: // wrong structure hash (consistent with nothing)
                return SnapshotSurgery.EditManifests(valid, e => e[random.Next(e.Count)].Fields.Add("forged: int"), rehash: false);
            case 1: // another version of a method, no migration
                return SnapshotSurgery.EditManifests(valid, e => e[random.Next(e.Count)].Fields.Add("added: int"));
            case 2: // unknown method ids, and names of real types
                var name = new[] { "System.IO.FileStream", "System.Diagnostics.Process", "M:Nowhere.Gone()", "T:System.Object" }[random.Next(4)];
                return SnapshotSurgery.EditManifests(valid, e => e[random.Next(e.Count)] = e[0] with { Id = name });
            case 3: // huge counts where a table starts
                var header = new MemoryStream();
                header.Write(valid, 0, 8);
                SnapshotSurgery.WriteVarUInt(header, ulong.MaxValue >> random.Next(1, 40));
                return header.ToArray();
            case 4: // a huge string length
                var strings = new MemoryStream();
                strings.Write(valid, 0, 8);
                SnapshotSurgery.WriteVarUInt(strings, 1);
                SnapshotSurgery.WriteVarUInt(strings, int.MaxValue);
                strings.Write(Encoding.UTF8.GetBytes("M:"));
                return strings.ToArray();
            case 5: // not a snapshot at all
                var garbage = new byte[random.Next(0, 64)];
                random.NextBytes(garbage);
                return garbage;
            case 6: // another format version
                var other = (byte[])valid.Clone();
                other[7] = random.Next(2) == 0 ? (byte)1 : (byte)random.Next(3, 256); // this runtime reads version 2
                return other;
            default: // trailing bytes
                return [.. valid, (byte)random.Next(256)];
        }
    }

    [Fact]
    public void A_cycle_of_callers_is_refused()
    {
        // Two coroutines that call each other: find the caller index of the callee frame and point the caller's own owner at the callee.
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.Spawn(SaveableCoroutines.ScenarioCoroutine(new List<string>()));
        scheduler.CallLater(3, scheduler.Stop); // Scenario is calling Worker("called")
        scheduler.Run();
        var bytes = scheduler.SaveToBytes();
        var refused = 0;
        // Wherever an owner kind byte (1: scheduler) can be turned into a caller (2) of coroutine 1, a cycle may appear: every such input must be refused or restore cleanly.
        for (var i = 0; i < bytes.Length - 1; i++)
        {
            if (bytes[i] != 1)
            {
                continue;
            }
            byte[] forged = [.. bytes[..i], 2, 1, .. bytes[(i + 1)..]];
            try
            {
                Scheduler.Restore(forged);
            }
            catch (SnapshotFormatException)
            {
                refused++;
            }
        }
        Assert.True(refused > 0);
    }

    [Fact]
    public void An_input_longer_than_MaxBytes_is_refused_before_it_is_read()
    {
        var options = new SnapshotOptions { MaxBytes = 100 };
        var error = Assert.Throws<SnapshotFormatException>(() => Scheduler.Restore(new MemoryStream(new byte[1000]), options));
        Assert.Contains("MaxBytes", error.Message, StringComparison.Ordinal);
    }
}
