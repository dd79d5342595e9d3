using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;

namespace Coroutines.Benchmarks;

/// <summary>
/// Issue 19: save and restore of 100,000 suspended seed workers (the README's <c>Count</c>,
/// saveable), against the same number of plain records holding the same fields (the worker's
/// parameters, locals, state, status and remaining delay) written and read by System.Text.Json
/// with a source-generated context: the serializer a snapshot uses for user types. Goal: at most 2x.
/// </summary>
public partial class SnapshotSave
{
    public const int Workers = 100_000;

    private Scheduler _scheduler = null!;
    private List<WorkerRecord> _records = null!;

    [GlobalSetup]
    public void Setup() => (_scheduler, _records) = SnapshotWorkload.Build();

    [Benchmark(Baseline = true, OperationsPerInvoke = Workers, Description = "JSON (source-generated): write 100,000 plain records")]
    public int JsonWriteRecords() => JsonSerializer.SerializeToUtf8Bytes(_records, SnapshotJson.Default.ListWorkerRecord).Length;

    [Benchmark(OperationsPerInvoke = Workers, Description = "scheduler.SaveToBytes(): 100,000 suspended workers")]
    public int SaveScheduler() => _scheduler.SaveToBytes().Length;
}

/// <summary>The restore side of <see cref="SnapshotSave"/>.</summary>
public partial class SnapshotRestore
{
    private byte[] _snapshot = null!;
    private byte[] _json = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (scheduler, records) = SnapshotWorkload.Build();
        _snapshot = scheduler.SaveToBytes();
        _json = JsonSerializer.SerializeToUtf8Bytes(records, SnapshotJson.Default.ListWorkerRecord);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SnapshotSave.Workers, Description = "JSON (source-generated): read 100,000 plain records")]
    public int JsonReadRecords() => JsonSerializer.Deserialize(_json, SnapshotJson.Default.ListWorkerRecord)!.Count;

    [Benchmark(OperationsPerInvoke = SnapshotSave.Workers, Description = "Scheduler.Restore(bytes): 100,000 suspended workers")]
    public long RestoreScheduler() => Scheduler.Restore(_snapshot).Now.Ticks;
}

/// <summary>What a suspended worker holds, as a plain record: the baseline's payload.</summary>
public sealed record WorkerRecord(string Name, int Steps, int DelayMs, int Total, int I, int State, byte Status, long RemainingTicks);

[JsonSerializable(typeof(List<WorkerRecord>))]
internal sealed partial class SnapshotJson : JsonSerializerContext
{
}

public static partial class SnapshotWorkload
{
    /// <summary>The seed worker of the README, saveable.</summary>
    [Coroutine(Saveable = true)]
    public static int Count(string name, int steps, int delayMs)
    {
        int total = 0;
        for (int i = 1; i <= steps; i++)
        {
            Yield.Sleep(delayMs);
            total += i;
        }
        return total;
    }

    /// <summary>100,000 workers, each run to its first sleep (1 to 1,000 ms), and the same data as records.</summary>
    public static (Scheduler Scheduler, List<WorkerRecord> Records) Build()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var records = new List<WorkerRecord>(SnapshotSave.Workers);
        var random = new Random(19);
        for (var i = 0; i < SnapshotSave.Workers; i++)
        {
            var delay = random.Next(1, 1001);
            scheduler.Spawn(CountCoroutine("worker " + i, 10, delay));
            records.Add(new WorkerRecord("worker " + i, 10, delay, 0, 1, 1, (byte)CoroutineStatus.Sleeping, TimeSpan.FromMilliseconds(delay).Ticks));
        }
        scheduler.RunDue(); // every worker runs to its first sleep
        return (scheduler, records);
    }

    /// <summary>Bytes per coroutine of the snapshot and of the records' JSON, and five stopwatch passes (<c>--snapshot-size</c>).</summary>
    public static int PrintSizes()
    {
        var (scheduler, records) = Build();
        var snapshot = scheduler.SaveToBytes().Length;
        var json = JsonSerializer.SerializeToUtf8Bytes(records, SnapshotJson.Default.ListWorkerRecord).Length;
        for (var r = 0; r < 5; r++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            scheduler.SaveToBytes();
            var save = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            JsonSerializer.SerializeToUtf8Bytes(records, SnapshotJson.Default.ListWorkerRecord);
            var jsonTime = watch.Elapsed.TotalMilliseconds;
            Console.WriteLine($"one stopwatch pass (indicative only): save {save:F1} ms, JSON write of the records {jsonTime:F1} ms");
        }
        Console.WriteLine($"snapshot: {snapshot} B, {(double)snapshot / SnapshotSave.Workers:F1} B per coroutine; JSON records: {json} B, {(double)json / SnapshotSave.Workers:F1} B per record");
        return 0;
    }
}
