using System;
using System.Collections.Generic;
using System.Text;

namespace Coroutines.Snapshots;

/// <summary>
/// Writes a scheduler (docs/snapshots.md). Coroutines are numbered as they are found (ready
/// queue, sleeping queue, then whatever their links and fields reach); their bodies are written
/// first into one buffer, so that the table of coroutines, which restore needs first, is complete.
/// Every problem is collected, and Save refuses with the list of all of them.
/// </summary>
internal sealed class SchedulerSaver
{
    private readonly Scheduler _scheduler;
    private readonly SnapshotOptions _options;
    private readonly List<string> _problems = new();
    private readonly List<Coroutine> _coroutines;
    private readonly Dictionary<Coroutine, int> _index;
    private readonly List<(long Deadline, object Payload)> _timers;
    private readonly List<CoroutineManifest> _manifests = new();
    private readonly Dictionary<CoroutineManifest, int> _manifestIndex = new(ReferenceEqualityComparer.Instance);
    private readonly SnapshotWriter _writer;
    private readonly List<object> _listeners = new();    // one body's, reused
    private Type? _lastType;                              // the manifest of the type met last: most
    private CoroutineManifest? _lastManifest;             // coroutines in a row share one

    public SchedulerSaver(Scheduler scheduler, SnapshotOptions options)
    {
        _scheduler = scheduler;
        _options = options;
        // Sized for the coroutines the queues hold (most of them, usually): no rehashing on the way.
        _timers = scheduler.LiveTimers();
        var expected = _timers.Count + scheduler.ReadyCount;
        _coroutines = new List<Coroutine>(expected);
        _index = new Dictionary<Coroutine, int>(expected, ReferenceEqualityComparer.Instance);
        _writer = new SnapshotWriter(options, IndexOf, _problems, bodyCapacity: 64 * expected);
    }

    private int IndexOf(Coroutine coroutine)
    {
        if (!_index.TryGetValue(coroutine, out var index))
        {
            index = _coroutines.Count;
            _coroutines.Add(coroutine);
            _index.Add(coroutine, index);
        }
        return index;
    }

    public byte[] Save()
    {
        _problems.AddRange(_scheduler.SchedulerProblems());
        var queues = new ByteBuffer(16 * (_timers.Count + _scheduler.ReadyCount));
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
        _writer.NoteOutOfLine(_coroutines); // a receiver handed an item is ready: the queues found it

        for (var i = 0; i < _coroutines.Count; i++) // grows while bodies are written
        {
            WriteBody(_coroutines[i]);
        }
        _writer.CheckWaitsWrittenApart(_coroutines);
        if (_problems.Count > 0)
        {
            var message = new StringBuilder($"The scheduler cannot be saved ({_problems.Count} problem{(_problems.Count == 1 ? "" : "s")}):");
            foreach (var problem in _problems)
            {
                message.Append("\n- ").Append(problem);
            }
            throw new SnapshotException(message.ToString());
        }

        var output = new ByteBuffer(1024 + 2 * _coroutines.Count);
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
        output.VarUInt((ulong)_coroutines.Count);
        foreach (var coroutine in _coroutines)
        {
            output.VarUInt((ulong)_manifestIndex[ManifestOf(coroutine)!]);
        }
        // One array of the exact size: the header, the queues, the bodies.
        var snapshot = new byte[output.Length + queues.Length + _writer.Buffer.Length];
        output.Span.CopyTo(snapshot);
        queues.Span.CopyTo(snapshot.AsSpan(output.Length));
        _writer.Buffer.Span.CopyTo(snapshot.AsSpan(output.Length + queues.Length));
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
        var seen = new HashSet<Coroutine>(ReferenceEqualityComparer.Instance);
        _scheduler.ForEachReady(item =>
        {
            switch (item)
            {
                case Coroutine coroutine:
                    if (coroutine.Status == CoroutineStatus.Ready && seen.Add(coroutine)) // else a stale entry
                    {
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
        output.VarUInt((ulong)_timers.Count);
        foreach (var (deadline, payload) in _timers)
        {
            var remaining = Math.Max(0, deadline - now);
            if (payload is Coroutine sleeper)
            {
                output.Byte(SnapshotFormat.CoroutineEntry);
                output.VarInt(remaining);
                output.VarUInt((ulong)IndexOf(sleeper));
            }
            else if (payload is TimerHandle { Callback.Target: Coroutine body } handle && handle.Callback.Method.Name == nameof(Coroutine.Expire))
            {
                output.Byte(SnapshotFormat.DeadlineEntry);
                output.VarInt(remaining);
                output.VarUInt((ulong)IndexOf(body));
            }
            else
            {
                output.Byte(SnapshotFormat.CallbackEntry);
                output.VarInt(remaining);
                output.String(CallbackName(((TimerHandle)payload).Callback, "a CallLater callback"));
            }
        }
    }

    private string CallbackName(Action callback, string what)
    {
        if (_writer.CallbackName(callback) is { } name)
        {
            return name;
        }
        _problems.Add($"{what} ({callback.Method.DeclaringType?.Name}.{callback.Method.Name}) is not registered: add it to SnapshotOptions.Callbacks under a name to save it");
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
        if (!_manifestIndex.ContainsKey(manifest))
        {
            _manifestIndex.Add(manifest, _manifests.Count);
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
        if (coroutine.Status == CoroutineStatus.Running)
        {
            _problems.Add($"{Owner(coroutine)} is running");
        }
        b.Byte((byte)coroutine.Status);
        b.VarUInt(coroutine.SnapshotFlags | SnapshotWriter.ExtraFlags(coroutine));
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
        if (coroutine.Status == CoroutineStatus.Completed)
        {
            coroutine.WriteResult(_writer);
        }
        else if (!coroutine.IsFinished && coroutine is ISaveableCoroutine saveable)
        {
            saveable.SaveFrame(_writer);
        }
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
