using System;
using System.Collections.Generic;

namespace Coroutines.Snapshots;

// The reading side of SnapshotWriter.Waits.cs: an object waited on (a channel) puts its waiting
// coroutines back in line; the restorer checks them against the coroutines' bodies, then gives
// the waits the new scheduler.
public sealed partial class SnapshotReader
{
    private readonly Dictionary<int, CoroutineStatus> _heldWaits = new();
    private readonly List<Action<Scheduler>> _attachWaits = new();

    /// <summary>Reads a waiting coroutine of <paramref name="wait"/>, which must have <paramref name="status"/> and wait on nothing else.</summary>
    internal Coroutine ReadWaiter(WaitTarget wait, CoroutineStatus status, Action<Scheduler> attach)
    {
        var index = Input.Index("waiting coroutine", _coroutines.Length);
        if (!_heldWaits.TryAdd(index, status))
        {
            throw Error($"coroutine {index} waits in two places");
        }
        var coroutine = _coroutines[index];
        coroutine.WaitingOn = wait;
        _attachWaits.Add(attach);
        return coroutine;
    }

    /// <summary>
    /// Reads a coroutine in a select in a channel's line (its index and its case's): once every
    /// body was read, <paramref name="attach"/> must find that case waiting on the channel.
    /// </summary>
    internal void ReadSelectWaiter(Func<SelectOperation, int, bool> attach)
    {
        var coroutine = _coroutines[Input.Index("coroutine in a select", _coroutines.Length)];
        var caseIndex = Input.VarUInt();
        AddCheck(
            () => coroutine.WaitingOn is SelectOperation select && caseIndex < int.MaxValue && attach(select, (int)caseIndex),
            $"a channel's line names case {caseIndex} of a select that does not wait there");
    }

    /// <summary>Gives <paramref name="attach"/> the new scheduler once it exists.</summary>
    internal void AttachWith(Action<Scheduler> attach) => _attachWaits.Add(attach);

    /// <summary>
    /// Checks the kind of wait a body's flags give (<see cref="SnapshotWriter.ExtraFlags"/>) and
    /// reads what <see cref="SnapshotWriter.WriteWaitApart"/> wrote for it: an <see cref="AwaitGroup"/>
    /// (2) or a <see cref="Scope"/> (3), which becomes the coroutine's wait. 1: what it waits on
    /// restores it; 4: a select, read after the frame (<see cref="ReadSelectAfterFrame"/>).
    /// </summary>
    internal byte ReadWaitApart(Coroutine coroutine, byte kind, bool awaitsCoroutine)
    {
        if (kind > SnapshotWriter.SelectWaitKind)
        {
            throw Error($"unknown wait kind {kind}");
        }
        if (kind > 0 && awaitsCoroutine)
        {
            throw Error($"the coroutine waits in two ways (kind {kind}, and for another coroutine)");
        }
        if (kind == 2)
        {
            coroutine.WaitingOn = AwaitGroup.ReadSnapshot(this, coroutine);
        }
        else if (kind == 3)
        {
            coroutine.WaitingOn = Scope.ReadSnapshot(this, coroutine);
        }
        return kind;
    }

    /// <summary>Reads the select a coroutine waits in (wait kind 4), written after its frame.</summary>
    internal void ReadSelectAfterFrame(Coroutine coroutine) => coroutine.WaitingOn = SelectOperation.ReadSnapshot(this, coroutine);

    private readonly List<(Func<bool> Holds, string Otherwise)> _checks = new();
    private readonly List<(Func<bool> Holds, string Otherwise)> _lateChecks = new();

    /// <summary>A check restore makes after those of <see cref="AddCheck"/> (which put select cases back in their channels' lines).</summary>
    internal void AddLateCheck(Func<bool> holds, string otherwise) => _lateChecks.Add((holds, otherwise));

    /// <summary>A check restore makes once every coroutine was read (it needs their statuses).</summary>
    internal void AddCheck(Func<bool> holds, string otherwise) => _checks.Add((holds, otherwise));

    /// <summary>Runs the checks <see cref="AddCheck"/> collected.</summary>
    internal void RunChecks()
    {
        _checks.AddRange(_lateChecks);
        foreach (var (holds, otherwise) in _checks)
        {
            if (!holds())
            {
                throw Input.Error(otherwise);
            }
        }
    }

    /// <summary>True if a held wait was read for coroutine <paramref name="index"/>; its status then must be <paramref name="status"/>.</summary>
    internal bool HoldsWait(int index, out CoroutineStatus status) => _heldWaits.TryGetValue(index, out status);

    /// <summary>Reads a byte that must be 0 (false) or 1 (true).</summary>
    internal bool ReadFlag() => Input.Byte() switch
    {
        0 => false,
        1 => true,
        _ => throw Error("a flag is neither 0 nor 1"),
    };

    /// <summary>Gives every restored wait its scheduler (it wakes its coroutines there).</summary>
    internal void AttachWaits(Scheduler scheduler)
    {
        foreach (var attach in _attachWaits)
        {
            attach(scheduler);
        }
    }
}
