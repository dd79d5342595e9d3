using System;

namespace Coroutines;

/// <summary>
/// What a coroutine belongs to, kept out of the coroutine until it needs it: its tags, the scope
/// it was spawned in, and its state while paused.
/// </summary>
internal sealed class CoroutineMembership
{
    public string[] Tags = Array.Empty<string>();
    public Scope? Scope;              // the scope it is a member of (Yield.Scope's body or a child)
    public Coroutine? Callee;         // the body Yield.WithTimeout calls, while it runs (not a generated call)
    public Coroutine? PausedFrame;    // on a paused root: the frame that was paused (itself, or its innermost callee)
    public PausedAs PausedAs;         // on the paused frame: what it was doing
    public long PausedRemainingTicks; // on a paused sleeper: what was left of its sleep
    public bool QueueEntryGone;       // on a paused frame that was Ready: the loop met its ready-queue entry and skipped it
}

internal enum PausedAs : byte
{
    Ready,
    Sleeping,
    Waiting,
}
