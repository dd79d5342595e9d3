using System.Collections.Generic;

namespace Coroutines.Snapshots;

// Waits a snapshot writes with the object waited on (a channel's line of senders and receivers),
// not with the waiting coroutine: the coroutine's body only says that it waits on such an object.
public sealed partial class SnapshotWriter
{
    private readonly Dictionary<object, List<WaitTarget>> _outOfLine = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<WaitTarget> _writtenWaits = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Scope> _writtenScopes = new(ReferenceEqualityComparer.Instance);

    /// <summary>Notes the waits that are out of their holder's line (a receiver handed an item it has not read): its holder writes them too.</summary>
    internal void NoteOutOfLine(IEnumerable<Coroutine> coroutines)
    {
        foreach (var coroutine in coroutines)
        {
            if (coroutine.WaitingOn is WaitTarget { SavedBy: { } holder, SavedOutOfLine: true } target)
            {
                if (!_outOfLine.TryGetValue(holder, out var list))
                {
                    _outOfLine[holder] = list = new List<WaitTarget>();
                }
                list.Add(target);
            }
        }
    }

    /// <summary>The out-of-line waits on <paramref name="holder"/>.</summary>
    internal List<WaitTarget> HandedOf(object holder) => _outOfLine.TryGetValue(holder, out var list) ? list : new List<WaitTarget>();

    /// <summary>Writes a waiting coroutine (its index) as part of what it waits on.</summary>
    internal void WriteWaiter(Coroutine coroutine, WaitTarget wait)
    {
        _writtenWaits.Add(wait);
        Buffer.VarUInt((ulong)_coroutineIndex(coroutine));
    }

    /// <summary>True if <paramref name="coroutine"/>'s wait is written by what it waits on.</summary>
    internal static bool WaitIsHeld(Coroutine coroutine) => coroutine.WaitingOn is WaitTarget { SavedBy: not null };

    /// <summary>True if <paramref name="coroutine"/>'s wait is not written as an awaited coroutine (held elsewhere, or an AwaitGroup or Scope).</summary>
    internal static bool WaitIsWrittenApart(Coroutine coroutine) => WaitKind(coroutine) != 0;

    /// <summary>Where a body's flags hold the kind of its wait (0: none or a coroutine, 1: held by a channel, lock, semaphore or event, 2: an AwaitGroup, 3: a Scope, 4: a Yield.Select).</summary>
    internal const int WaitKindShift = 17;

    /// <summary>The highest wait kind.</summary>
    internal const byte SelectWaitKind = 4;

    private static byte WaitKind(Coroutine coroutine) => coroutine.WaitingOn switch
    {
        WaitTarget { SavedBy: not null } => 1,
        AwaitGroup { Waiter: not null } => 2,
        Scope { Parent: not null } => 3,
        SelectOperation { CanBeSaved: true } => SelectWaitKind,
        _ => 0,
    };

    /// <summary>Writes the select a coroutine waits in, after its frame (whose fields hold the cases, written there once).</summary>
    internal void WriteSelectAfterFrame(Coroutine coroutine)
    {
        if (coroutine.WaitingOn is SelectOperation { CanBeSaved: true } select)
        {
            select.WriteSnapshot(this);
        }
    }

    /// <summary>Writes a coroutine in a select (its index and the case's) as part of a channel's line.</summary>
    internal void WriteSelectWaiter(Coroutine coroutine, int caseIndex)
    {
        Buffer.VarUInt((ulong)_coroutineIndex(coroutine));
        Buffer.VarUInt((ulong)caseIndex);
    }

    /// <summary>Writes the AwaitGroup or Scope a coroutine waits with (its kind is in the body's flags).</summary>
    internal void WriteWaitApart(Coroutine coroutine)
    {
        if (coroutine.WaitingOn is AwaitGroup { Waiter: not null } group)
        {
            group.WriteSnapshot(this);
        }
        else if (coroutine.WaitingOn is Scope { Parent: not null } scope)
        {
            _writtenScopes.Add(scope);
            scope.WriteSnapshot(this);
        }
    }

    /// <summary>A listener the body writes: a waiting coroutine (2 × its index), or the AwaitGroup, Scope or select a coroutine waits with (2 × its index + 1); else -1.</summary>
    internal long ListenerCode(object listener) => listener switch
    {
        Coroutine waiter => 2L * _coroutineIndex(waiter),
        AwaitGroup { Waiter: { } waiter } => (2L * _coroutineIndex(waiter)) + 1,
        Scope { Parent: { } parent } => (2L * _coroutineIndex(parent)) + 1,
        SelectOperation { Winner: < 0 } select => (2L * _coroutineIndex(select.Waiter)) + 1,
        _ => -1,
    };

    /// <summary>True for a listener <see cref="ListenerCode"/> can write.</summary>
    internal static bool CanWriteListener(object listener) => listener is Coroutine or AwaitGroup { Waiter: not null } or Scope { Parent: not null } or SelectOperation { Winner: < 0 };

    /// <summary>
    /// Every held wait must have been written by its holder: one that no saved field reaches (held
    /// by a static field or a permanent) is a problem; and every unfinished member of a scope by
    /// its scope (one run outside a coroutine has no parent to write it).
    /// </summary>
    internal void CheckWaitsWrittenApart(IEnumerable<Coroutine> coroutines)
    {
        foreach (var coroutine in coroutines)
        {
            if (coroutine.Membership?.Scope is { } scope && !coroutine.IsFinished && !_writtenScopes.Contains(scope))
            {
                _problems.Add($"{Describe(coroutine)} belongs to {scope}, which no coroutine waits for (Yield.Scope called outside a coroutine): it cannot be saved");
            }
            if (coroutine.WaitingOn is WaitTarget { SavedBy: not null } wait && !_writtenWaits.Contains(wait))
            {
                _problems.Add($"{Describe(coroutine)} waits on {wait.Describe()}, which no field of a saved coroutine holds (a static field or a permanent?): keep it in a local or parameter of a saveable coroutine");
            }
        }
    }
}
