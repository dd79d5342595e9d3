using System;
using System.Collections.Generic;

namespace Coroutines;

// Tags and pausing: find coroutines by tag; pause, resume and cancel them together. A paused
// coroutine's sleep is frozen (the rest of it runs after Resume) and anything that wakes it while
// paused is kept until Resume.
public sealed partial class Scheduler
{
    private readonly Dictionary<string, List<Coroutine>> _tagged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _taggedPruneAt = new(StringComparer.Ordinal);
    private readonly HashSet<Coroutine> _pausedRoots = new(ReferenceEqualityComparer.Instance); // for Save: a paused sleeper is in no queue

    /// <summary>Starts <paramref name="coroutine"/> under the name <paramref name="name"/> (for traces and timelines).</summary>
    /// <inheritdoc cref="Spawn{T}(T)"/>
    public T Spawn<T>(T coroutine, string name)
        where T : Coroutine
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        coroutine.Name = name;
        return Spawn(coroutine);
    }

    /// <summary>The live coroutines spawned on this scheduler that carry <paramref name="tag"/>, in spawn order.</summary>
    public IReadOnlyList<Coroutine> Tagged(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return _tagged.TryGetValue(tag, out var list) ? list.FindAll(static c => !c.IsFinished) : Array.Empty<Coroutine>();
    }

    /// <summary>
    /// Pauses every live coroutine tagged <paramref name="tag"/>: it takes no step until resumed. A
    /// sleep freezes and, after <see cref="Resume(string)"/>, lasts what was left of it; what wakes it
    /// meanwhile (a channel item, a released lock, an awaited coroutine's end) is kept, and acted on
    /// at resume. A coroutine running right now is paused once its step ends. Pausing a sleeper
    /// looks its deadline up in the whole sleeping queue: pause and resume are for occasional use (a
    /// pause menu), not for every frame.
    /// </summary>
    /// <returns>How many coroutines were paused (those already paused not counted).</returns>
    public int Pause(string tag)
    {
        CheckThread(nameof(Pause));
        var count = 0;
        foreach (var coroutine in Tagged(tag))
        {
            if (Pause(coroutine))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>Resumes every coroutine tagged <paramref name="tag"/> that is paused.</summary>
    /// <returns>How many coroutines were resumed.</returns>
    public int Resume(string tag)
    {
        CheckThread(nameof(Resume));
        var count = 0;
        foreach (var coroutine in Tagged(tag))
        {
            if (Resume(coroutine))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>Cancels every live coroutine tagged <paramref name="tag"/> (paused ones too: they unwind at once).</summary>
    /// <returns>How many coroutines were cancelled.</returns>
    public int CancelTagged(string tag)
    {
        CheckThread(nameof(CancelTagged));
        var count = 0;
        foreach (var coroutine in Tagged(tag))
        {
            if (!coroutine.IsFinished)
            {
                coroutine.Cancel();
                count++;
            }
        }
        return count;
    }

    /// <summary>Pauses one coroutine spawned on this scheduler (see <see cref="Pause(string)"/>); false if it is finished or already paused.</summary>
    /// <exception cref="InvalidOperationException">It belongs to another scheduler, or is a call frame (pause the coroutine that was spawned).</exception>
    public bool Pause(Coroutine coroutine)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        CheckThread(nameof(Pause));
        CheckRoot(coroutine, nameof(Pause));
        var membership = coroutine.EnsureMembership();
        if (coroutine.IsFinished || membership.PausedFrame is not null)
        {
            return false;
        }
        _pausedRoots.Add(coroutine);
        var frame = ActiveFrame(coroutine);
        if (frame.Status == CoroutineStatus.Running)
        {
            // Its step is running (it pauses its own tag): pause it once the step has returned.
            membership.PausedFrame = frame;
            CallSoon(() => PauseAfterStep(coroutine));
            return true;
        }
        membership.PausedFrame = frame;
        PauseFrame(frame);
        return true;
    }

    /// <summary>Resumes one paused coroutine; false if it was not paused.</summary>
    /// <exception cref="InvalidOperationException">It belongs to another scheduler, or is a call frame.</exception>
    public bool Resume(Coroutine coroutine)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        CheckThread(nameof(Resume));
        CheckRoot(coroutine, nameof(Resume));
        var membership = coroutine.Membership;
        if (membership?.PausedFrame is not { } frame)
        {
            return false;
        }
        membership.PausedFrame = null;
        _pausedRoots.Remove(coroutine);
        if (frame.Paused)
        {
            UnpauseFrame(frame, wake: true);
        }
        return true;
    }

    private void IndexTags(Coroutine coroutine)
    {
        if (coroutine.Membership is { } membership)
        {
            foreach (var tag in membership.Tags)
            {
                IndexTag(coroutine, tag);
            }
        }
    }

    /// <summary>A tag was added to a coroutine of this scheduler (at spawn, or later).</summary>
    internal void IndexTag(Coroutine coroutine, string tag)
    {
        if (!_tagged.TryGetValue(tag, out var list))
        {
            _tagged[tag] = list = new List<Coroutine>();
            _taggedPruneAt[tag] = 16;
        }
        if (list.Count >= _taggedPruneAt[tag])
        {
            // Finished coroutines leave the index here, in bulk: amortised O(1) per spawn.
            list.RemoveAll(static c => c.IsFinished);
            _taggedPruneAt[tag] = Math.Max(16, list.Count * 2);
        }
        list.Add(coroutine);
    }

    /// <summary>
    /// Spawns <paramref name="coroutine"/> from <paramref name="spawner"/> (the running coroutine,
    /// or null): it inherits the spawner's tags and joins its scope.
    /// </summary>
    internal T SpawnFrom<T>(T coroutine, Coroutine? spawner, Scope? scope = null)
        where T : Coroutine
    {
        if (coroutine.IsAttached || coroutine.Status != CoroutineStatus.Created)
        {
            return Spawn(coroutine); // refused there, with the reason
        }
        if (spawner is not null && Root(spawner).Membership is { } parent)
        {
            foreach (var tag in parent.Tags)
            {
                coroutine.AddTag(tag);
            }
            scope ??= parent.Scope;
        }
        scope?.Enter(coroutine);
        return Spawn(coroutine);
    }

    /// <summary>The coroutine that was spawned, whose call frame <paramref name="coroutine"/> is (or itself).</summary>
    internal static Coroutine Root(Coroutine coroutine)
    {
        while (coroutine.Caller is { } caller)
        {
            coroutine = caller;
        }
        return coroutine;
    }

    /// <summary>The loop met a paused frame's ready-queue entry and skipped it: at resume it must be queued again.</summary>
    private static void SkippedWhilePaused(Coroutine coroutine)
    {
        if (coroutine.Paused && coroutine.Membership is { } membership)
        {
            membership.QueueEntryGone = true;
        }
    }

    private void PauseAfterStep(Coroutine root)
    {
        if (root.Membership is { } membership && membership.PausedFrame is not null && !root.IsFinished)
        {
            var frame = ActiveFrame(root);
            membership.PausedFrame = frame;
            PauseFrame(frame);
        }
    }

    private void PauseFrame(Coroutine frame)
    {
        var membership = frame.EnsureMembership();
        membership.QueueEntryGone = false;
        switch (frame.Status)
        {
            case CoroutineStatus.Ready:
                membership.PausedAs = PausedAs.Ready;
                frame.RawStatus = (byte)CoroutineStatus.Waiting; // its ready-queue entry is skipped
                break;
            case CoroutineStatus.Sleeping:
                membership.PausedAs = PausedAs.Sleeping;
                membership.PausedRemainingTicks = _timers.TryFindDeadline(frame, frame.TimerGeneration, out var deadline)
                    ? Math.Max(0, deadline - NowTicks)
                    : 0;
                membership.QueueEntryGone = true;
                frame.RawStatus = (byte)CoroutineStatus.Waiting;
                ReclaimStaleTimers(now: AbandonSleep(frame)); // its entry goes stale: the sleep is frozen, not running out
                break;
            default:
                membership.PausedAs = PausedAs.Waiting;
                membership.QueueEntryGone = true;
                break;
        }
        frame.Paused = true;
    }

    // Ends the pause of `frame`; with `wake`, puts it back where it was (ready, asleep for what was
    // left, or still waiting), else only restores its status for a cancellation to act on.
    private void UnpauseFrame(Coroutine frame, bool wake)
    {
        frame.Paused = false;
        var membership = frame.Membership!;
        switch (membership.PausedAs)
        {
            case PausedAs.Ready:
                MakeReadyOnce(frame, membership);
                break;
            case PausedAs.Sleeping:
                if (!wake || membership.PausedRemainingTicks == 0)
                {
                    MakeReadyOnce(frame, membership);
                }
                else
                {
                    Sleep(frame, membership.PausedRemainingTicks);
                }
                break;
            default:
                // Still waiting, unless something woke it meanwhile (then it is queued now).
                if (frame.Status == CoroutineStatus.Ready)
                {
                    frame.RawStatus = (byte)CoroutineStatus.Waiting;
                    MakeReadyOnce(frame, membership);
                }
                break;
        }
    }

    // Queues a frame unless its old ready-queue entry is still there (then it only needs its status back).
    private void MakeReadyOnce(Coroutine frame, CoroutineMembership membership)
    {
        if (membership.QueueEntryGone)
        {
            MakeReady(frame);
        }
        else
        {
            frame.RawStatus = (byte)CoroutineStatus.Ready;
        }
    }

    /// <summary>A wake-up reached a paused frame: keep it for Resume.</summary>
    private static void KeepWakeUp(Coroutine frame)
    {
        var membership = frame.Membership!;
        if (membership.PausedAs == PausedAs.Waiting)
        {
            frame.RawStatus = (byte)CoroutineStatus.Ready; // woken: Resume queues it
        }
    }

    /// <summary>A paused frame is being cancelled: the pause ends without a wake-up; the cancellation decides what runs.</summary>
    private void EndPauseForCancel(Coroutine coroutine)
    {
        var root = Root(coroutine);
        if (root.Membership is { PausedFrame: { } frame } membership)
        {
            membership.PausedFrame = null;
            _pausedRoots.Remove(root);
            if (frame.Paused)
            {
                UnpauseFrame(frame, wake: false);
            }
        }
    }

    private static Coroutine ActiveFrame(Coroutine root)
    {
        var frame = root;
        while (frame.Status == CoroutineStatus.Waiting && frame.Calling && frame.CurrentCallee is { } callee && callee.Caller == frame && !callee.IsFinished)
        {
            frame = callee;
        }
        return frame;
    }

    private void CheckRoot(Coroutine coroutine, string member)
    {
        if (coroutine.Caller is not null)
        {
            throw new InvalidOperationException(
                $"Scheduler.{member} was given '{coroutine.Name}', a call frame: pause or resume the coroutine that was spawned (it runs its callees).");
        }
        if (coroutine.Scheduler is { } owner && owner != this)
        {
            throw new InvalidOperationException($"Coroutine '{coroutine.Name}' runs on another scheduler.");
        }
    }
}
