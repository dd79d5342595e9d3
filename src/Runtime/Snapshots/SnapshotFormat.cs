namespace Coroutines.Snapshots;

/// <summary>The constants of the snapshot format (docs/snapshots.md, Format).</summary>
internal static class SnapshotFormat
{
    public const string Magic = "CORSNAP";

    public const byte Version = 3; // 2: channels (ValueTag.Channel, a body's held-wait flag); 3: selects (a flag per channel waiter, wait kind 4)

    // Entries of the ready queue and the sleeping queue.
    public const byte CoroutineEntry = 0;
    public const byte CallbackEntry = 1;    // a registered callback, by name
    public const byte DeadlineEntry = 2;    // Yield.WithTimeout's deadline on a coroutine
    public const byte SelectTimeoutEntry = 3; // a Case.Timeout of a waiting select: its coroutine and case index

    // A coroutine's owner.
    public const byte NoOwner = 0;          // not spawned (a handle held by another coroutine)
    public const byte SchedulerOwner = 1;   // spawned: a root
    public const byte CallerOwner = 2;      // a call frame: the coroutine that called it
}
