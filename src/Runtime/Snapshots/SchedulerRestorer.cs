using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Coroutines.Snapshots;

/// <summary>
/// Reads a snapshot into a new scheduler (docs/snapshots.md). Everything is read and checked
/// before the scheduler is filled, and the scheduler is returned only at the end: a bad input
/// leaves nothing behind. Any error becomes a <see cref="SnapshotFormatException"/>.
/// </summary>
internal sealed class SchedulerRestorer
{
    private readonly ByteReader _input;
    private readonly SnapshotOptions _options;
    private int[]? _pausedBy; // how many roots name each coroutine their paused frame

    public SchedulerRestorer(byte[] bytes, SnapshotOptions options)
    {
        _input = new ByteReader(bytes);
        _options = options;
    }

    private sealed record Saved(CoroutineManifest Manifest, string MethodId, IReadOnlyList<string> Points, IReadOnlyList<string> Fields, bool Migrate);

    private sealed class Links
    {
        public byte Owner;
        public int Caller = -1;
        public int WaitingOn = -1;
        public byte WaitKind;      // 1: what it waits on (a channel) restored the wait; 2: an AwaitGroup, 3: a Scope, read with the body; 4: a select, read after the frame
        public int PausedFrame = -1; // a paused root: the frame it paused
        public bool Paused;        // a paused frame
        public int Callee = -1;
        public List<int> Listeners = new();
        public bool Deadline;
    }

    public Scheduler Restore()
    {
        try
        {
            return RestoreChecked();
        }
        catch (SnapshotException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A user's migration, a rebuilder, the serializer or a check we did not foresee.
            throw new SnapshotFormatException($"Not a valid snapshot: {e.GetType().Name}: {e.Message} (at byte {_input.Position}).", e);
        }
    }

    private Scheduler RestoreChecked()
    {
        var magic = Encoding.ASCII.GetBytes(SnapshotFormat.Magic);
        if (_input.Remaining < magic.Length + 1 || !_input.Raw(magic.Length).SequenceEqual(magic))
        {
            throw _input.Error("it does not start with the snapshot header");
        }
        var version = _input.Byte();
        if (version != SnapshotFormat.Version)
        {
            throw new SnapshotVersionException($"The snapshot has format version {version}; this runtime reads version {SnapshotFormat.Version}.");
        }

        var manifests = ReadManifests();
        var isVirtual = _input.Byte() switch
        {
            0 => false,
            1 => true,
            _ => throw _input.Error("the clock kind is unknown"),
        };
        var now = _input.VarInt();
        if (now < 0 || now > TimeSpan.MaxValue.Ticks / 2)
        {
            throw _input.Error("the clock time is out of range");
        }

        var count = _input.Count("the coroutine table");
        var saved = new Saved[count];
        var coroutines = new Coroutine[count];
        for (var i = 0; i < count; i++)
        {
            saved[i] = manifests[_input.Index("manifest", manifests.Length)];
        }
        for (var i = 0; i < count; i++)
        {
            coroutines[i] = saved[i].Manifest.Create(); // only types the generated code registered
        }

        var ready = ReadReady(count);
        var timers = ReadTimers(count);

        var reader = new SnapshotReader(_input, _options, coroutines);
        var links = new Links[count];
        for (var i = 0; i < count; i++)
        {
            links[i] = ReadBody(reader, coroutines[i], saved[i], i, count);
        }
        if (!_input.AtEnd)
        {
            throw _input.Error("bytes follow the last coroutine");
        }
        Check(coroutines, links, ready, timers);
        CheckHeldWaits(reader, coroutines, links);
        reader.RunChecks();

        var clock = _options.Clock ?? (isVirtual ? new VirtualClock(TimeSpan.FromTicks(now)) : new SystemClock());
        var scheduler = new Scheduler(clock);
        reader.AttachWaits(scheduler);
        for (var i = 0; i < count; i++)
        {
            var coroutine = coroutines[i];
            var link = links[i];
            if (link.Owner == SnapshotFormat.SchedulerOwner)
            {
                scheduler.RestoreRoot(coroutine);
            }
            else if (link.Owner == SnapshotFormat.CallerOwner)
            {
                coroutine.AttachTo(coroutines[link.Caller]);
            }
            if (link.WaitKind == 0)
            {
                coroutine.WaitingOn = link.WaitingOn >= 0 ? coroutines[link.WaitingOn] : null;
            }
            if (link.Callee >= 0)
            {
                coroutine.EnsureMembership().Callee = coroutines[link.Callee];
            }
            foreach (var code in link.Listeners)
            {
                var listener = coroutines[code >> 1];
                coroutine.AddListener((code & 1) == 0 ? listener : listener.WaitingOn!); // a coroutine, or the AwaitGroup it waits with
            }
            if (link.PausedFrame >= 0)
            {
                scheduler.RestorePause(coroutine, coroutines[link.PausedFrame]);
            }
            if (coroutine.Status == CoroutineStatus.Waiting && !coroutine.Calling && !(link.Paused && coroutine.Membership!.PausedAs != PausedAs.Waiting))
            {
                scheduler.RestoreWaiter(coroutine); // a paused sleeper or ready frame waits for Resume only
            }
        }
        foreach (var (kind, index, name) in ready)
        {
            if (kind == SnapshotFormat.CoroutineEntry)
            {
                scheduler.RestoreReady(coroutines[index]);
            }
            else
            {
                scheduler.RestoreReadyCallback(Callback(name!));
            }
        }
        foreach (var (kind, remaining, index, name, selectCase) in timers)
        {
            switch (kind)
            {
                case SnapshotFormat.SelectTimeoutEntry:
                    var timeout = ((SelectOperation)coroutines[index].WaitingOn!).TimeoutAt(selectCase);
                    timeout.AttachTimer(scheduler.RestoreTimer(remaining, timeout.Fire));
                    break;
                case SnapshotFormat.CoroutineEntry:
                    scheduler.RestoreSleeper(coroutines[index], remaining);
                    break;
                case SnapshotFormat.DeadlineEntry:
                    var body = coroutines[index];
                    body.AddListener(scheduler.RestoreTimer(remaining, body.Expire));
                    break;
                default:
                    scheduler.RestoreTimer(remaining, Callback(name!));
                    break;
            }
        }
        return scheduler;
    }

    private Action Callback(string name) =>
        _options.Callbacks.TryGetValue(name, out var callback)
            ? callback
            : throw new SnapshotFormatException($"The snapshot holds the callback '{name}': register it before restoring, with options.Callbacks.Add(\"{name}\", ...).");

    private Saved[] ReadManifests()
    {
        var count = _input.Count("the manifest table");
        var manifests = new Saved[count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var id = _input.String();
            var hash = _input.UInt64();
            var points = ReadStrings("suspension points");
            var fields = ReadStrings("fields");
            if (!seen.Add(id))
            {
                throw _input.Error($"method '{id}' appears twice in the manifest table");
            }
            var manifest = SnapshotRegistry.Find(id) ?? throw new SnapshotFormatException(
                $"The snapshot holds a coroutine of method '{id}', which no loaded code registered as saveable (is the assembly loaded, and the method still [Coroutine(Saveable = true)]?).");
            if (CoroutineManifest.Hash(points, fields) != hash)
            {
                throw _input.Error($"the structure hash of '{id}' does not match its suspension points and fields");
            }
            var migrate = false;
            if (hash != manifest.StructureHash)
            {
                if (!_options.Migrations.ContainsKey(id))
                {
                    throw new SnapshotVersionException(VersionDifference.Describe(id, points, fields, manifest));
                }
                migrate = true;
            }
            manifests[i] = new Saved(manifest, id, points, fields, migrate);
        }
        return manifests;
    }

    private string[] ReadStrings(string what)
    {
        var strings = new string[_input.Count(what)];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = _input.String();
        }
        return strings;
    }

    private List<(byte Kind, int Index, string? Name)> ReadReady(int coroutines)
    {
        var count = _input.Count("the ready queue", 2);
        var entries = new List<(byte, int, string?)>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = _input.Byte();
            entries.Add(kind switch
            {
                SnapshotFormat.CoroutineEntry => (kind, _input.Index("coroutine", coroutines), null),
                SnapshotFormat.CallbackEntry => (kind, -1, _input.String()),
                _ => throw _input.Error($"unknown ready-queue entry kind {kind}"),
            });
        }
        return entries;
    }

    private List<(byte Kind, long Remaining, int Index, string? Name, int Case)> ReadTimers(int coroutines)
    {
        var count = _input.Count("the sleeping queue", 3);
        var entries = new List<(byte, long, int, string?, int)>(count);
        var last = 0L;
        for (var i = 0; i < count; i++)
        {
            var kind = _input.Byte();
            var remaining = _input.VarInt();
            if (remaining < last || remaining > TimeSpan.MaxValue.Ticks / 2)
            {
                throw _input.Error("the sleeping queue is not in deadline order");
            }
            last = remaining;
            entries.Add(kind switch
            {
                SnapshotFormat.CoroutineEntry or SnapshotFormat.DeadlineEntry => (kind, remaining, _input.Index("coroutine", coroutines), null, -1),
                SnapshotFormat.SelectTimeoutEntry => (kind, remaining, _input.Index("coroutine", coroutines), null, _input.Index("select case", int.MaxValue)),
                SnapshotFormat.CallbackEntry => (kind, remaining, -1, _input.String(), -1),
                _ => throw _input.Error($"unknown sleeping-queue entry kind {kind}"),
            });
        }
        return entries;
    }

    private Links ReadBody(SnapshotReader reader, Coroutine coroutine, Saved saved, int index, int count)
    {
        reader.Owner = $"coroutine {index} ({saved.MethodId})";
        var status = _input.Byte();
        if (status > (byte)CoroutineStatus.Canceled || status == (byte)CoroutineStatus.Running)
        {
            throw reader.Error($"status {status} is not one a saved coroutine can have");
        }
        coroutine.RawStatus = status;
        var flags = _input.VarUInt();
        var extra = flags >> 16; // a pause section, the kind of wait (SnapshotWriter.ExtraFlags)
        if ((flags & 0xFFFF & ~(ulong)Coroutine.SavedFlags) != 0 || extra >> (SnapshotWriter.WaitKindShift - 16) > SnapshotWriter.SelectWaitKind)
        {
            throw reader.Error("unknown flags");
        }
        coroutine.SnapshotFlags = (ushort)flags;
        var name = reader.ReadValue<string?>();
        var tags = new string[_input.Count("tags")];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = _input.String();
            if (tags[i].Length == 0 || Array.IndexOf(tags, tags[i], 0, i) >= 0)
            {
                throw reader.Error("a tag is empty or repeated");
            }
        }
        if (tags.Length > 0)
        {
            coroutine.EnsureMembership().Tags = tags;
        }
        var (pausedFrame, paused) = (flags & SnapshotWriter.PauseBit) != 0 ? reader.ReadPause(coroutine) : (-1, false);
        var links = new Links { PausedFrame = pausedFrame, Paused = paused, Callee = OptionalCoroutine(count) };
        links.Owner = _input.Byte();
        switch (links.Owner)
        {
            case SnapshotFormat.CallerOwner:
                links.Caller = _input.Index("caller", count);
                break;
            case SnapshotFormat.SchedulerOwner:
            case SnapshotFormat.NoOwner:
                break;
            default:
                throw reader.Error($"unknown owner kind {links.Owner}");
        }
        links.WaitingOn = OptionalCoroutine(count);
        links.WaitKind = reader.ReadWaitApart(coroutine, (byte)(flags >> SnapshotWriter.WaitKindShift), awaitsCoroutine: links.WaitingOn >= 0);
        var listeners = _input.Count("listeners");
        for (var i = 0; i < listeners; i++)
        {
            links.Listeners.Add(_input.Index("listener", 2 * count));
        }
        links.Deadline = _input.Byte() != 0;
        var faultObserved = _input.Byte() switch
        {
            0 => false,
            1 => true,
            _ => throw reader.Error("a flag is neither 0 nor 1"),
        };
        var exception = reader.ReadValue<Exception?>();
        var pending = reader.ReadValue<Exception?>();
        coroutine.RestoreExtras(name, exception, pending, faultObserved, null);
        if (status == (byte)CoroutineStatus.Completed)
        {
            coroutine.ReadResult(reader);
        }
        else if (status < (byte)CoroutineStatus.Completed)
        {
            var frame = (ISaveableCoroutine)coroutine;
            if (saved.Migrate)
            {
                var old = new SavedFrame(saved.MethodId, (int)_input.VarInt(), saved.Points, saved.Fields);
                foreach (var field in saved.Fields)
                {
                    old.Add(VersionDifference.FieldName(field), reader.ReadUntyped());
                }
                _options.Migrations[saved.MethodId](old);
                reader.UseFrame(old);
                frame.LoadFrame(reader);
                reader.UseFrame(null);
            }
            else
            {
                frame.LoadFrame(reader);
            }
            if (links.WaitKind == SnapshotWriter.SelectWaitKind)
            {
                reader.ReadSelectAfterFrame(coroutine);
            }
        }
        else if (links.WaitKind == SnapshotWriter.SelectWaitKind)
        {
            throw reader.Error($"a {(CoroutineStatus)status} coroutine waits in a select");
        }
        return links;
    }

    private int OptionalCoroutine(int count)
    {
        var value = _input.VarUInt();
        if (value > (ulong)count)
        {
            throw _input.Error($"coroutine {value - 1} is out of range (there are {count})");
        }
        return (int)value - 1;
    }

    // A coroutine says it waits on a channel exactly when a channel has it in line (or handed it an item), with the status that goes with it.
    private void CheckHeldWaits(SnapshotReader reader, Coroutine[] coroutines, Links[] links)
    {
        for (var i = 0; i < coroutines.Length; i++)
        {
            var held = reader.HoldsWait(i, out var status);
            if (held != (links[i].WaitKind == 1) || (held && (coroutines[i].Status != status || coroutines[i].Calling)))
            {
                throw _input.Error($"coroutine {i} is {coroutines[i].Status} but the channels say otherwise");
            }
        }
    }

    // A paused frame is waiting (or was woken while it waited), and is the paused frame of exactly
    // one root: its own, which was spawned.
    private void CheckPause(Coroutine[] coroutines, Links[] links, int i)
    {
        var link = links[i];
        var status = coroutines[i].Status;
        if (link.Paused && status != CoroutineStatus.Waiting && !(status == CoroutineStatus.Ready && coroutines[i].Membership!.PausedAs == PausedAs.Waiting))
        {
            throw _input.Error($"coroutine {i} is paused but {status}");
        }
        if (_pausedBy is null)
        {
            _pausedBy = new int[links.Length];
            foreach (var other in links)
            {
                if (other.PausedFrame >= 0)
                {
                    _pausedBy[other.PausedFrame]++;
                }
            }
        }
        var namedBy = _pausedBy[i];
        if (namedBy != (link.Paused ? 1 : 0))
        {
            throw _input.Error($"coroutine {i} is paused by {namedBy} roots");
        }
        if (link.PausedFrame >= 0)
        {
            var root = link.PausedFrame;
            for (var steps = 0; links[root].Owner == SnapshotFormat.CallerOwner && steps <= coroutines.Length; steps++)
            {
                root = links[root].Caller;
            }
            if (root != i || link.Owner != SnapshotFormat.SchedulerOwner)
            {
                throw _input.Error($"coroutine {i} pauses a frame that is not its own");
            }
        }
    }

    // The links must make sense together: every coroutine is where its status says, call chains
    // end at a root, and nothing waits for itself.
    private void Check(Coroutine[] coroutines, Links[] links, List<(byte Kind, int Index, string? Name)> ready, List<(byte Kind, long Remaining, int Index, string? Name, int Case)> timers)
    {
        var inReady = new bool[coroutines.Length];
        foreach (var (kind, index, _) in ready)
        {
            if (kind == SnapshotFormat.CoroutineEntry)
            {
                if (inReady[index] || coroutines[index].Status != CoroutineStatus.Ready)
                {
                    throw _input.Error($"coroutine {index} is in the ready queue twice, or is not ready");
                }
                inReady[index] = true;
            }
        }
        var sleeping = new bool[coroutines.Length];
        var deadlines = new bool[coroutines.Length];
        foreach (var (kind, _, index, _, selectCase) in timers)
        {
            if (kind == SnapshotFormat.SelectTimeoutEntry && !(coroutines[index].WaitingOn is SelectOperation select && select.ClaimTimer(selectCase)))
            {
                throw _input.Error($"a timer of the sleeping queue is for case {selectCase} of coroutine {index}, which is not a timeout waiting in a select");
            }
            if (kind == SnapshotFormat.CoroutineEntry)
            {
                if (sleeping[index] || coroutines[index].Status != CoroutineStatus.Sleeping)
                {
                    throw _input.Error($"coroutine {index} sleeps twice, or is not sleeping");
                }
                sleeping[index] = true;
            }
            else if (kind == SnapshotFormat.DeadlineEntry)
            {
                if (deadlines[index] || !links[index].Deadline)
                {
                    throw _input.Error($"coroutine {index} has a deadline it does not know of");
                }
                deadlines[index] = true;
            }
        }
        for (var i = 0; i < coroutines.Length; i++)
        {
            var coroutine = coroutines[i];
            var link = links[i];
            var status = coroutine.Status;
            if ((status == CoroutineStatus.Ready && !link.Paused) != inReady[i] || (status == CoroutineStatus.Sleeping) != sleeping[i] || link.Deadline != deadlines[i])
            {
                throw _input.Error($"coroutine {i} is {status} but the queues say otherwise");
            }
            if (status == CoroutineStatus.Created && (link.Owner != SnapshotFormat.NoOwner || coroutine.Started))
            {
                throw _input.Error($"coroutine {i} was never started but is attached");
            }
            if (status != CoroutineStatus.Created && link.Owner == SnapshotFormat.NoOwner && !coroutine.IsFinished)
            {
                throw _input.Error($"coroutine {i} is {status} but belongs to no scheduler");
            }
            if (link.WaitingOn == i || link.Callee == i || link.Caller == i || link.Listeners.Exists(code => code >> 1 == i))
            {
                throw _input.Error($"coroutine {i} waits for, calls or listens to itself (a cycle where none may be)");
            }
            if (link.Listeners.Exists(code => (code & 1) == 1 && !(coroutines[code >> 1].WaitingOn switch
                {
                    AwaitGroup group => group.Holds(coroutine),
                    Scope scope => scope.Holds(coroutine),
                    SelectOperation select => select.ClaimListener(coroutine),
                    _ => false,
                })))
            {
                throw _input.Error($"coroutine {i} is listened to by an AwaitGroup, Scope or select that does not wait for it");
            }
            if (coroutine.Calling && (status != CoroutineStatus.Waiting || link.WaitingOn >= 0))
            {
                throw _input.Error($"coroutine {i} calls while {status}");
            }
            if (link.Owner == SnapshotFormat.CallerOwner)
            {
                var caller = coroutines[link.Caller];
                if (!caller.Calling && !coroutine.IsFinished)
                {
                    throw _input.Error($"coroutine {i}'s caller {link.Caller} is not calling");
                }
                // A call chain ends at a root: at most `count` steps up.
                var steps = 0;
                for (var up = link.Caller; links[up].Owner == SnapshotFormat.CallerOwner; up = links[up].Caller)
                {
                    if (++steps > coroutines.Length)
                    {
                        throw _input.Error($"coroutine {i}'s callers form a cycle (a cycle where none may be)");
                    }
                }
            }
            CheckPause(coroutines, links, i);
            if (link.WaitingOn >= 0 && status != CoroutineStatus.Waiting)
            {
                throw _input.Error($"coroutine {i} waits for another while {status}");
            }
        }
    }
}
