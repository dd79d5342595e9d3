using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;

namespace Coroutines.Snapshots;

/// <summary>
/// Writes a scheduler (docs/snapshots.md). Coroutines are numbered as they are found (ready
/// queue, sleeping queue, then whatever their links and fields reach); their bodies are written
/// first into one buffer, so that the table of coroutines, which restore needs first, is complete.
/// Every problem is collected, and Save refuses with the list of all of them.
/// </summary>
/// <remarks>
/// Saving is a walk over every coroutine, so the costs per coroutine are kept to the writing
/// (docs/benchmarks.md, issue 19): the sleeping queue is copied in order bucket by bucket, not
/// listed and sorted whole; coroutines are numbered in a pooled identity table
/// (<see cref="CoroutineNumbers"/>), not a dictionary; and the buffers are rented, so that a save of megabytes does not
/// allocate megabytes of arrays that only a gen2 collection takes back.
/// </remarks>
internal sealed class SchedulerSaver : IDisposable
{
    private readonly Scheduler _scheduler;
    private readonly SnapshotOptions _options;
    private readonly List<string> _problems = new();
    private readonly CoroutineNumbers _numbers;           // every coroutine met, numbered
    private readonly long[] _deadlines;                   // rented: the live sleeping queue, in order
    private readonly object[] _payloads;
    private readonly int _timerCount;
    private readonly List<CoroutineManifest> _manifests = new();
    private readonly Dictionary<CoroutineManifest, int> _manifestIndex = new(ReferenceEqualityComparer.Instance);
    private readonly SnapshotWriter _writer;
    private readonly ByteBuffer _table;                   // each coroutine's manifest number, in coroutine order
    private readonly List<object> _listeners = new();    // one body's, reused
    private Type? _lastType;                              // the manifest of the type met last: most
    private CoroutineManifest? _lastManifest;             // coroutines in a row share one
    private int _lastManifestIndex;
    private bool _lastPlainFrame;                         // its fields are all plain values
    private int _bodiesWritten;                           // bodies are written in coroutine order

    public SchedulerSaver(Scheduler scheduler, SnapshotOptions options)
    {
        _scheduler = scheduler;
        _options = options;
        _deadlines = ArrayPool<long>.Shared.Rent(Math.Max(1, scheduler.TimerCount));
        _payloads = ArrayPool<object>.Shared.Rent(Math.Max(1, scheduler.TimerCount));
        _timerCount = scheduler.CopyLiveTimers(_deadlines, _payloads);
        // Sized for the coroutines the queues hold (most of them, usually): no growing on the way.
        var expected = _timerCount + scheduler.ReadyCount;
        _numbers = new CoroutineNumbers(expected);
        _table = new ByteBuffer(Math.Max(16, expected));
        _writer = new SnapshotWriter(options, IndexOf, _problems, bodyCapacity: 64 * expected);
    }

    public void Dispose()
    {
        ArrayPool<long>.Shared.Return(_deadlines);
        ArrayPool<object>.Shared.Return(_payloads, clearArray: true); // the pool must not keep coroutines alive
        _numbers.Dispose();
        _table.Dispose();
        _writer.Buffer.Dispose();
    }

    private bool IsNumbered(Coroutine coroutine) => _numbers.Find(coroutine) >= 0;

    private int IndexOf(Coroutine coroutine) => _numbers.Number(coroutine);

    public byte[] Save()
    {
        _problems.AddRange(_scheduler.SchedulerProblems());
        using var queues = new ByteBuffer(16 * (_timerCount + _scheduler.ReadyCount));
        WriteReady(queues);
        WriteTimers(queues);
        foreach (var waiter in _scheduler.Waiters())
        {
            IndexOf(waiter); // one in line on a channel that only outside code reaches is saved too (or refused)
        }
        foreach (var paused in _scheduler.PausedRoots())
        {
            IndexOf(paused); // a paused sleeper is in no queue
        }
        _writer.NoteOutOfLine(_numbers.All()); // a receiver handed an item is ready: the queues found it

        for (var i = _bodiesWritten; i < _numbers.Count; i++) // grows while bodies are written
        {
            WriteBody(_numbers[i]);
        }
        _writer.CheckWaitsWrittenApart(_numbers.All());
        if (_problems.Count > 0)
        {
            var message = new StringBuilder($"The scheduler cannot be saved ({_problems.Count} problem{(_problems.Count == 1 ? "" : "s")}):");
            foreach (var problem in _problems)
            {
                message.Append("\n- ").Append(problem);
            }
            throw new SnapshotException(message.ToString());
        }

        using var output = new ByteBuffer(1024);
        output.Raw(Encoding.ASCII.GetBytes(SnapshotFormat.Magic));
        output.Byte(SnapshotFormat.Version);
        output.VarUInt((ulong)_manifests.Count);
        foreach (var manifest in _manifests)
        {
            output.String(manifest.MethodId);
            output.UInt64(manifest.StructureHash);
            WriteStrings(output, manifest.SuspensionPoints);
            WriteStrings(output, manifest.Fields);
        }
        output.Byte(_scheduler.IsVirtualClock ? (byte)1 : (byte)0);
        output.VarInt(_scheduler.SnapshotNowTicks);
        output.VarUInt((ulong)_numbers.Count);
        // One array of the exact size: the header, the table of coroutines, the queues, the bodies.
        var bodies = _writer.Buffer;
        var snapshot = GC.AllocateUninitializedArray<byte>(output.Length + _table.Length + queues.Length + bodies.Length);
        var at = 0;
        foreach (var part in new[] { output, _table, queues, bodies })
        {
            part.Span.CopyTo(snapshot.AsSpan(at));
            at += part.Length;
        }
        return snapshot;
    }

    private static void WriteStrings(ByteBuffer output, IReadOnlyList<string> strings)
    {
        output.VarUInt((ulong)strings.Count);
        foreach (var text in strings)
        {
            output.String(text);
        }
    }

    private void WriteReady(ByteBuffer output)
    {
        var entries = new List<(byte Kind, object Value)>();
        _scheduler.ForEachReady(item =>
        {
            switch (item)
            {
                case Coroutine coroutine:
                    if (coroutine.Status == CoroutineStatus.Ready && !IsNumbered(coroutine)) // else a stale entry
                    {
                        IndexOf(coroutine); // numbered in queue order, as the loop below writes them
                        entries.Add((SnapshotFormat.CoroutineEntry, coroutine));
                    }
                    break;
                case Action callback:
                    entries.Add((SnapshotFormat.CallbackEntry, CallbackName(callback, "a callback queued with CallSoon")));
                    break;
                case TimerHandle handle when !handle.IsCanceled:
                    entries.Add((SnapshotFormat.CallbackEntry, CallbackName(handle.Callback, "a CallLater callback that is due")));
                    break;
                case TimerHandle:
                    break;
                default:
                    _problems.Add($"a {item.GetType().Name} in the ready queue cannot be saved");
                    break;
            }
        });
        output.VarUInt((ulong)entries.Count);
        foreach (var (kind, value) in entries)
        {
            output.Byte(kind);
            if (value is Coroutine coroutine)
            {
                output.VarUInt((ulong)IndexOf(coroutine));
            }
            else
            {
                output.String((string)value);
            }
        }
    }

    private void WriteTimers(ByteBuffer output)
    {
        var now = _scheduler.SnapshotNowTicks;
        var deadlinesNumbered = false;
        // The queue's problems come before those of the bodies written in this walk, as they would
        // if every body were written after it.
        var problemsBefore = _problems.Count;
        var queueProblems = new List<string>();
        output.VarUInt((ulong)_timerCount);
        for (var i = 0; i < _timerCount; i++)
        {
            var deadline = _deadlines[i];
            var payload = _payloads[i];
            var remaining = Math.Max(0, deadline - now);
            if (payload is Coroutine sleeper)
            {
                output.Byte(SnapshotFormat.CoroutineEntry);
                output.VarInt(remaining);
                // A live sleeper entry is the only one of its coroutine, which is Sleeping, so not
                // in the ready queue: it is new unless a deadline's entry numbered it.
                var number = deadlinesNumbered ? IndexOf(sleeper) : _numbers.Append(sleeper);
                output.VarUInt((ulong)number);
                // Its body now, while the coroutine is at hand, when that changes nothing of what
                // the bodies' loop would write: every body before it is written, and it refers to
                // no other coroutine or object (a root without extras, pause or special wait, whose
                // fields are plain values).
                if (number == _bodiesWritten && IsPlainRoot(sleeper) && ManifestOf(sleeper) is not null && _lastPlainFrame)
                {
                    WriteBody(sleeper);
                    _bodiesWritten++;
                }
            }
            else if (payload is TimerHandle { Callback.Target: Coroutine body } handle && handle.Callback.Method.Name == nameof(Coroutine.Expire))
            {
                output.Byte(SnapshotFormat.DeadlineEntry);
                output.VarInt(remaining);
                output.VarUInt((ulong)IndexOf(body));
                deadlinesNumbered = true;
            }
            else if (payload is TimerHandle { Callback.Target: TimeoutCase { TimedSelect: { Winner: < 0 } select } timeout } && ((TimerHandle)payload).Callback.Method.Name == nameof(TimeoutCase.Fire))
            {
                output.Byte(SnapshotFormat.SelectTimeoutEntry);
                output.VarInt(remaining);
                output.VarUInt((ulong)IndexOf(select.Waiter));
                output.VarUInt((ulong)timeout.TimedIndex);
                deadlinesNumbered = true;
            }
            else
            {
                output.Byte(SnapshotFormat.CallbackEntry);
                output.VarInt(remaining);
                output.String(CallbackName(((TimerHandle)payload).Callback, "a CallLater callback", queueProblems));
            }
        }
        _problems.InsertRange(problemsBefore, queueProblems);
    }

    private string CallbackName(Action callback, string what, List<string>? problems = null)
    {
        if (_writer.CallbackName(callback) is { } name)
        {
            return name;
        }
        (problems ?? _problems).Add($"{what} ({callback.Method.DeclaringType?.Name}.{callback.Method.Name}) is not registered: add it to SnapshotOptions.Callbacks under a name to save it");
        return "";
    }

    private CoroutineManifest? ManifestOf(Coroutine coroutine)
    {
        var type = coroutine.GetType();
        if (type == _lastType)
        {
            return _lastManifest;
        }
        _lastType = type;
        _lastManifest = null;
        if (coroutine is not ISaveableCoroutine || SnapshotRegistry.Find(type) is not { } manifest)
        {
            return null;
        }
        _lastManifest = manifest;
        _lastPlainFrame = IsPlainFrame(manifest);
        if (!_manifestIndex.TryGetValue(manifest, out _lastManifestIndex))
        {
            _lastManifestIndex = _manifests.Count;
            _manifestIndex.Add(manifest, _lastManifestIndex);
            _manifests.Add(manifest);
        }
        return manifest;
    }

    private void WriteBody(Coroutine coroutine)
    {
        _writer.Owner = coroutine;
        var b = _writer.Buffer;
        if (ManifestOf(coroutine) is null)
        {
            _problems.Add($"{Owner(coroutine)} is a {coroutine.GetType().Name}, not a saveable coroutine: mark its method [Coroutine(Saveable = true)]");
        }
        _table.VarUInt((ulong)_lastManifestIndex); // bodies are written in coroutine order
        if (coroutine.Status == CoroutineStatus.Running)
        {
            _problems.Add($"{Owner(coroutine)} is running");
        }
        b.Byte((byte)coroutine.Status);
        var extra = SnapshotWriter.ExtraFlags(coroutine);
        b.VarUInt(coroutine.SnapshotFlags | extra);
        if (extra == 0 && coroutine.SnapshotLink == _scheduler)
        {
            // A root with nothing but its frame (no name, tags, call, wait, listener, pause or
            // fault): the common case, and the same bytes as WriteLinks writes for it.
            b.Raw(PlainRootLinks);
        }
        else
        {
            WriteLinks(coroutine);
        }
        if (coroutine.Status == CoroutineStatus.Completed)
        {
            coroutine.WriteResult(_writer);
        }
        else if (!coroutine.IsFinished && coroutine is ISaveableCoroutine saveable)
        {
            saveable.SaveFrame(_writer);
            _writer.WriteSelectAfterFrame(coroutine);
        }
    }

    private bool IsPlainRoot(Coroutine coroutine) =>
        coroutine.SnapshotLink == _scheduler && SnapshotWriter.ExtraFlags(coroutine) == 0;

    // Field types (as the generator spells them in the manifest) that SaveFrame writes as values:
    // no coroutine, no reference table entry, no serializer.
    private static readonly HashSet<string> PlainTypes = new(StringComparer.Ordinal)
    {
        "int", "uint", "long", "ulong", "short", "ushort", "byte", "sbyte", "char", "bool",
        "double", "float", "decimal", "string", "string?",
        "global::System.TimeSpan", "global::System.DateTime", "global::System.Guid",
    };

    private static bool IsPlainFrame(CoroutineManifest manifest)
    {
        foreach (var field in manifest.Fields) // "name: type"
        {
            var colon = field.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0 || !PlainTypes.Contains(field[(colon + 2)..]))
            {
                return false;
            }
        }
        return true;
    }

    // What a root without extras writes in one go (WriteLinks for it): no set name, no tags, no
    // callee, owned by the scheduler, waiting on nothing, no listeners, no deadline, fault not
    // observed, no exception, nothing pending.
    private static readonly byte[] PlainRootLinks =
        [(byte)ValueTag.Null, 0, 0, SnapshotFormat.SchedulerOwner, 0, 0, 0, 0, (byte)ValueTag.Null, (byte)ValueTag.Null];

    // The name, tags, owner, wait, listeners and fault state of a coroutine.
    private void WriteLinks(Coroutine coroutine)
    {
        var b = _writer.Buffer;
        _writer.WriteValue(coroutine.SetName);
        var membership = coroutine.Membership;
        var tags = membership?.Tags ?? Array.Empty<string>();
        b.VarUInt((ulong)tags.Length);
        foreach (var tag in tags)
        {
            b.String(tag);
        }
        _writer.WritePause(coroutine);
        WriteOptionalCoroutine(membership?.Callee);

        switch (coroutine.Caller)
        {
            case { } caller:
                b.Byte(SnapshotFormat.CallerOwner);
                b.VarUInt((ulong)IndexOf(caller));
                break;
            case null when coroutine.Scheduler is not null:
                b.Byte(SnapshotFormat.SchedulerOwner);
                if (coroutine.Scheduler != _scheduler)
                {
                    _problems.Add($"{Owner(coroutine)} belongs to another scheduler");
                }
                break;
            default:
                b.Byte(SnapshotFormat.NoOwner);
                break;
        }

        switch (coroutine.WaitingOn)
        {
            case null:
                WriteOptionalCoroutine(null);
                break;
            case Coroutine awaited:
                WriteOptionalCoroutine(awaited);
                break;
            case var _ when SnapshotWriter.WaitIsWrittenApart(coroutine):
                WriteOptionalCoroutine(null); // written below, or by what it waits on (a channel)
                break;
            case var other:
                WriteOptionalCoroutine(null);
                _problems.Add($"{Owner(coroutine)} waits on {Describe(other)}: that wait cannot be saved yet");
                break;
        }
        _writer.WriteWaitApart(coroutine);

        var listeners = _listeners;
        listeners.Clear();
        var deadline = false;
        switch (coroutine.SnapshotListeners)
        {
            case List<object> list:
                foreach (var listener in list)
                {
                    deadline |= AddListener(coroutine, listener);
                }
                break;
            case { } one:
                deadline = AddListener(coroutine, one);
                break;
        }
        b.VarUInt((ulong)listeners.Count);
        foreach (var listener in listeners)
        {
            b.VarUInt((ulong)_writer.ListenerCode(listener));
        }
        b.Byte(deadline ? (byte)1 : (byte)0);

        b.Byte(coroutine.FaultObserved ? (byte)1 : (byte)0);
        _writer.WriteValue(coroutine.SnapshotException);
        _writer.WriteValue(coroutine.SnapshotPending);
    }

    // A listener of `coroutine`: a waiting coroutine (added to _listeners), or the deadline of a
    // Yield.WithTimeout (true: restored with the sleeping queue's DeadlineEntry), or a problem.
    private bool AddListener(Coroutine coroutine, object listener)
    {
        switch (listener)
        {
            case var _ when SnapshotWriter.CanWriteListener(listener):
                _listeners.Add(listener);
                return false;
            case TimerHandle { IsCanceled: true } or TimerHandle { HasRun: true }:
                return false;
            case TimerHandle { Callback.Target: Coroutine } handle when handle.Callback.Method.Name == nameof(Coroutine.Expire):
                return true;
            default:
                _problems.Add($"{Owner(coroutine)} is listened to by {Describe(listener)}, which cannot be saved yet");
                return false;
        }
    }

    private static string Owner(Coroutine coroutine) => SnapshotWriter.Describe(coroutine);

    private void WriteOptionalCoroutine(Coroutine? coroutine)
    {
        if (coroutine is null)
        {
            _writer.Buffer.VarUInt(0);
        }
        else
        {
            _writer.Buffer.VarUInt((ulong)IndexOf(coroutine) + 1);
        }
    }

    private static string Describe(object what) => what switch
    {
        WaitTarget target => target.Describe(),
        _ => "a " + what.GetType().Name,
    };
}
