using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;

namespace Coroutines;

// Diagnostics: every live coroutine, what it waits for and where (the live dump), and the loop
// that says when it is stuck.
[DebuggerDisplay("{DebuggerSummary,nq}")]
[DebuggerTypeProxy(typeof(SchedulerDebugView))]
public sealed partial class Scheduler
{
    // Coroutines that began a wait (on a coroutine, a group, a channel, a task...). Nothing else
    // can find a waiting coroutine (what it waits on is not the scheduler's), and a coroutine
    // left waiting when the loop runs out of work is stuck. Kept cheap: an append per wait, and
    // entries no longer waiting are swept once the list has doubled; sleeps and spawns add nothing.
    // A coroutine is in it at most once (its TrackedAsWaiter flag), however often it waits.
    private readonly List<Coroutine> _waiters = new();
    private int _sweepAt = 64;

    internal void TrackWaiter(Coroutine coroutine)
    {
        if (coroutine.TrackedAsWaiter)
        {
            return;
        }
        if (_waiters.Count >= _sweepAt)
        {
            SweepWaiters();
            _sweepAt = Math.Max(64, _waiters.Count * 2);
        }
        coroutine.TrackedAsWaiter = true;
        _waiters.Add(coroutine);
    }

    private void SweepWaiters() => _waiters.RemoveAll(static c =>
    {
        if (c.Status == CoroutineStatus.Waiting)
        {
            return false;
        }
        c.TrackedAsWaiter = false;
        return true;
    });

    /// <summary>
    /// Describes every live coroutine (spawned and not finished): its status, what it waits for
    /// and until when, and its logical stack with the user's file and line of each frame. Call it
    /// on the loop's thread (from a coroutine, a callback, or between runs) or from a debugger.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called from another thread while the loop runs.</exception>
    public IReadOnlyList<CoroutineInfo> LiveCoroutines()
    {
        CheckThread(nameof(LiveCoroutines));
        return Snapshot(LiveRoots());
    }

    /// <summary>The live dump as text: a header line, then <see cref="LiveCoroutines"/>, one paragraph each.</summary>
    /// <exception cref="InvalidOperationException">Called from another thread while the loop runs.</exception>
    public string Describe()
    {
        var live = LiveCoroutines();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Scheduler at {Now.TotalSeconds:0.###} s: {live.Count} live coroutine{(live.Count == 1 ? "" : "s")}, {_ready.Count} ready item{(_ready.Count == 1 ? "" : "s")}, {OutsideWaits} outside wait{(OutsideWaits == 1 ? "" : "s")}");
        foreach (var info in live)
        {
            text.Append(Environment.NewLine).Append("  ").Append(info.ToString().Replace(Environment.NewLine, Environment.NewLine + "  ", StringComparison.Ordinal));
        }
        return text.ToString();
    }

    // After a Run that ended for lack of work: the coroutines nothing can wake, or null.
    private StuckReport? FindStuck()
    {
        SweepWaiters();
        if (_waiters.Count == 0)
        {
            return null;
        }
        return new StuckReport(_clock.Now, Snapshot(Roots(_waiters)));
    }

    // Every coroutine that is running, ready, sleeping or waiting, as the roots of their call chains.
    private List<Coroutine> LiveRoots()
    {
        var frames = new List<Coroutine>();
        if (RunningSlot is { RawStatus: (byte)CoroutineStatus.Running } running)
        {
            frames.Add(running);
        }
        _ready.ForEach(item =>
        {
            if (item is Coroutine { IsFinished: false } ready)
            {
                frames.Add(ready);
            }
        });
        _timers.ForEach((_, tag, payload) =>
        {
            if (payload is Coroutine sleeper && sleeper.RawStatus == (byte)CoroutineStatus.Sleeping && sleeper.TimerGeneration == tag)
            {
                frames.Add(sleeper);
            }
        });
        frames.AddRange(_waiters.Where(static c => c.Status == CoroutineStatus.Waiting));
        // A paused coroutine may be in none of the above: a paused sleeper's entry is stale, a
        // paused ready one's entry may have been skipped, one woken while paused left the waiters.
        frames.AddRange(_pausedRoots.Where(static c => !c.IsFinished));
        return Roots(frames);
    }

    // The root (the spawned coroutine) of each frame's call chain, each once, in first-seen order.
    private static List<Coroutine> Roots(IEnumerable<Coroutine> frames)
    {
        var seen = new HashSet<Coroutine>(ReferenceEqualityComparer.Instance);
        var roots = new List<Coroutine>();
        foreach (var frame in frames)
        {
            var root = frame;
            while (root.Caller is { } caller)
            {
                root = caller;
            }
            if (seen.Add(root))
            {
                roots.Add(root);
            }
        }
        return roots;
    }

    private List<CoroutineInfo> Snapshot(IEnumerable<Coroutine> roots)
    {
        var deadlines = new Dictionary<Coroutine, long>(ReferenceEqualityComparer.Instance);
        _timers.ForEach((deadline, tag, payload) =>
        {
            if (payload is Coroutine sleeper && sleeper.RawStatus == (byte)CoroutineStatus.Sleeping && sleeper.TimerGeneration == tag)
            {
                deadlines[sleeper] = deadline;
            }
        });
        var infos = new List<CoroutineInfo>();
        foreach (var root in roots)
        {
            // Down the chain of calls: the innermost frame is the one that sleeps or waits.
            var frames = new List<CoroutineFrame>();
            var frame = root;
            while (true)
            {
                frames.Add(new CoroutineFrame(frame));
                if (!(frame.Calling && frame.CurrentCallee is { } callee && callee.Caller == frame && !callee.IsFinished))
                {
                    break;
                }
                frame = callee;
            }
            frames.Reverse();
            if (frame.Paused)
            {
                // Waiting for Resume, whatever its raw status says (Ready once woken while paused).
                infos.Add(new CoroutineInfo(root, CoroutineStatus.Waiting, isPaused: true, PausedActivity(frame), until: null, frames));
                continue;
            }
            var status = frame.Status;
            TimeSpan? until = deadlines.TryGetValue(frame, out var ticks) ? TimeSpan.FromTicks(ticks) : null;
            var activity = status switch
            {
                CoroutineStatus.Sleeping => "sleeping",
                CoroutineStatus.Ready => ReadyActivity(frame),
                CoroutineStatus.Running => "running",
                CoroutineStatus.Waiting => WaitActivity(frame),
                _ => status.ToString(),
            };
            infos.Add(new CoroutineInfo(root, status, isPaused: false, activity, until, frames));
        }
        return infos;
    }

    private static string ReadyActivity(Coroutine frame) => frame.Started ? "ready to resume" : "ready to start";

    private static string WaitActivity(Coroutine frame) =>
        frame.DescribeWait() is { } what ? "waiting for " + what
        : frame.Calling ? "waiting for a call to return"
        : "waiting";

    // What a paused frame was doing when paused, and what it keeps for Resume.
    private static string PausedActivity(Coroutine frame)
    {
        var membership = frame.Membership!;
        return membership.PausedAs switch
        {
            PausedAs.Ready => "paused, " + ReadyActivity(frame),
            PausedAs.Sleeping when membership.PausedRemainingTicks > 0 => string.Create(CultureInfo.InvariantCulture,
                $"paused with {TimeSpan.FromTicks(membership.PausedRemainingTicks).TotalSeconds:0.###} s of its sleep left"),
            PausedAs.Sleeping => "paused, its sleep over: runs when resumed",
            _ when frame.RawStatus == (byte)CoroutineStatus.Ready => "paused, woken meanwhile: runs when resumed",
            _ => "paused, " + WaitActivity(frame),
        };
    }

    private string DebuggerSummary =>
        string.Create(CultureInfo.InvariantCulture, $"Scheduler at {Now.TotalSeconds:0.###} s, {_ready.Count} ready, {_timers.Count - _timers.StaleCount} sleeping, {OutsideWaits} outside waits{(IsRunning ? ", running" : "")}");

    /// <summary>What a debugger shows for a scheduler: its live coroutines.</summary>
    private sealed class SchedulerDebugView
    {
        public SchedulerDebugView(Scheduler scheduler) =>
            Coroutines = scheduler.Snapshot(scheduler.LiveRoots()).ToArray();

        [DebuggerBrowsable(DebuggerBrowsableState.RootHidden)]
        public CoroutineInfo[] Coroutines { get; }
    }
}
