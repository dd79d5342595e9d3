using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Coroutines.Reliability.Tests.Support;
using CsCheck;
using Xunit;

namespace Coroutines.Reliability.Tests.Properties;

/// <summary>
/// Property tests of Semaphore, Lock, Event, channels and Yield.Select: random programs of a few
/// [Coroutine] actors, each a script of operations on shared primitives, with cancellations from
/// the host at random times, on a <see cref="VirtualClock"/>. Every run must keep: at most
/// <c>permits</c> holders of the semaphore and one of the lock at any time; holders served in the
/// order they asked (FIFO); no item lost or duplicated (every item whose send completed is
/// received or still in its channel, nothing received that was not sent); no lost wake-up (a free
/// permit, a free lock or a set event with a coroutine still waiting for it); and once the stuck
/// coroutines (waiting for ever: an event nobody sets) are cancelled, nobody left in any line and
/// every permit back.
/// </summary>
/// <remarks>
/// Reproduce a failure with <c>CsCheck_Seed=&lt;seed&gt; dotnet test tests/Reliability.Tests --filter Category=Property</c>;
/// run longer with <c>PROPERTY_ITERATIONS=100000</c>.
/// </remarks>
[Trait("Category", "Property")]
public sealed partial class SynchronizationPropertyTests
{
    public enum OpKind
    {
        Sleep,
        Semaphore,
        Lock,
        EventWait,
        EventSet,
        EventReset,
        Send,
        Receive,
        SelectReceive,
        SelectSend,
        Count,
        WaitUntil,
    }

    public sealed record Op(OpKind Kind, int Ms);

    public sealed record SyncProgram(int Permits, int Capacity, Op[][] Actors, (int AtMs, int Actor)[] Cancels)
    {
        public override string ToString() =>
            $"permits {Permits}, capacity {Capacity}, cancels [{string.Join(", ", Cancels.Select(c => $"{c.Actor}@{c.AtMs}ms"))}]\n" +
            string.Join("\n", Actors.Select((ops, i) => $"  actor {i}: {string.Join(", ", ops.Select(o => $"{o.Kind}({o.Ms})"))}"));
    }

    private static readonly Gen<Op> s_op =
        Gen.Select(Gen.Int[0, (int)OpKind.WaitUntil], Gen.Int[0, 5].Select(i => new[] { 0, 0, 1, 5, 10, 20 }[i]), (kind, ms) => new Op((OpKind)kind, ms));

    private static readonly Gen<SyncProgram> s_program =
        Gen.Select(
            Gen.Int[1, 3],
            Gen.Int[0, 2],
            s_op.Array[1, 8].Array[2, 6],
            Gen.Select(Gen.Int[0, 60], Gen.Int[0, 5]).Array[0, 3],
            (permits, capacity, actors, cancels) => new SyncProgram(permits, capacity, actors, cancels.Where(c => c.Item2 < actors.Length).ToArray()));

    private static long s_programs;
    private static long s_stuck;
    private static long s_cancelled;

    /// <summary>What the actors share, and what they record.</summary>
    public sealed class Shared
    {
        public Shared(int permits, int capacity)
        {
            Permits = permits;
            Semaphore = new Semaphore(permits, "pool");
            Channel = new Channel<int>(capacity);
            Other = new Channel<int>(capacity);
        }

        public int Permits { get; }
        public Semaphore Semaphore { get; }
        public Lock Lock { get; } = new("gate");
        public Event Event { get; } = new(name: "signal");
        public Channel<int> Channel { get; }
        public Channel<int> Other { get; }
        public int Counter;
        public readonly List<string> Violations = new();
        public readonly HashSet<int> Attempted = new();
        public readonly HashSet<int> Completed = new();
        public readonly List<int> Received = new();
        public readonly List<(int Actor, int Op)> SemaphoreWanted = new();
        public readonly List<(int Actor, int Op)> SemaphoreGot = new();
        public readonly List<(int Actor, int Op)> LockWanted = new();
        public readonly List<(int Actor, int Op)> LockGot = new();
        private int _nextItem;
        private int _inSemaphore;
        private int _inLock;

        public int NextItem()
        {
            var item = ++_nextItem;
            Attempted.Add(item);
            return item;
        }

        // The turns of those that had to queue: granted first come, first served, they run in that
        // order (the ready queue is FIFO). One that finds a permit free takes it at once: nobody
        // can be waiting then, or a wake-up was lost.
        public bool WantSemaphore(int actor, int op)
        {
            if (Semaphore.CurrentCount > 0 && Semaphore.WaitingCount > 0)
            {
                Violations.Add($"{Semaphore} has a free permit and waiters (actor {actor})");
            }
            var queues = Semaphore.CurrentCount == 0;
            if (queues)
            {
                SemaphoreWanted.Add((actor, op));
            }
            return queues;
        }

        public bool WantLock(int actor, int op)
        {
            if (!Lock.IsHeld && Lock.WaitingCount > 0)
            {
                Violations.Add($"{Lock} is free with waiters (actor {actor})");
            }
            var queues = Lock.IsHeld;
            if (queues)
            {
                LockWanted.Add((actor, op));
            }
            return queues;
        }

        public void EnterSemaphore(int actor, int op, bool queued)
        {
            if (queued)
            {
                SemaphoreGot.Add((actor, op));
            }
            if (++_inSemaphore > Permits)
            {
                Violations.Add($"{_inSemaphore} holders of a semaphore of {Permits} (actor {actor})");
            }
        }

        public void LeaveSemaphore() => _inSemaphore--;

        public void EnterLock(int actor, int op, bool queued)
        {
            if (queued)
            {
                LockGot.Add((actor, op));
            }
            if (++_inLock > 1)
            {
                Violations.Add($"{_inLock} holders of the lock (actor {actor})");
            }
        }

        public void LeaveLock() => _inLock--;

        public Func<bool> CounterReaches(int target) => () => Counter >= target;
    }

    [Coroutine]
    private static void Actor(int id, Op[] ops, Shared s)
    {
        for (int i = 0; i < ops.Length; i++)
        {
            Op op = ops[i];
            if (op.Kind == OpKind.Sleep)
            {
                Yield.Sleep(op.Ms);
            }
            else if (op.Kind == OpKind.Semaphore)
            {
                bool queues = s.WantSemaphore(id, i);
                s.Semaphore.Wait();
                try
                {
                    s.EnterSemaphore(id, i, queues);
                    Yield.Sleep(op.Ms);
                }
                finally
                {
                    s.LeaveSemaphore();
                    s.Semaphore.Release();
                }
            }
            else if (op.Kind == OpKind.Lock)
            {
                bool queues = s.WantLock(id, i);
                var held = s.Lock.Acquire();
                try
                {
                    s.EnterLock(id, i, queues);
                    Yield.Sleep(op.Ms);
                }
                finally
                {
                    s.LeaveLock();
                    held.Dispose();
                }
            }
            else if (op.Kind == OpKind.EventWait)
            {
                s.Event.Wait();
            }
            else if (op.Kind == OpKind.EventSet)
            {
                s.Event.Set();
            }
            else if (op.Kind == OpKind.EventReset)
            {
                s.Event.Reset();
            }
            else if (op.Kind == OpKind.Send)
            {
                int item = s.NextItem();
                s.Channel.Send(item);
                s.Completed.Add(item);
            }
            else if (op.Kind == OpKind.Receive)
            {
                int got = s.Channel.Receive();
                s.Received.Add(got);
            }
            else if (op.Kind == OpKind.SelectReceive)
            {
                var first = Case.Receive(s.Channel);
                var second = Case.Receive(s.Other);
                int chosen = Yield.Select(first, second, Case.Timeout(op.Ms));
                if (chosen == 0)
                {
                    s.Received.Add(first.Item);
                }
                else if (chosen == 1)
                {
                    s.Received.Add(second.Item);
                }
            }
            else if (op.Kind == OpKind.SelectSend)
            {
                int item = s.NextItem();
                var send = Case.Send(op.Ms % 2 == 0 ? s.Channel : s.Other, item);
                int chosen = Yield.Select(send, Case.Timeout(op.Ms));
                if (chosen == 0 && send.Sent)
                {
                    s.Completed.Add(item);
                }
            }
            else if (op.Kind == OpKind.Count)
            {
                s.Counter++;
            }
            else
            {
                Yield.WaitUntil(s.CounterReaches(op.Ms % 3));
            }
        }
    }

    [Fact]
    public void Random_programs_never_exceed_permits_lose_items_or_wake_ups_or_leave_a_cancelled_waiter_queued()
    {
        s_program.Sample(
            program =>
            {
                var shared = new Shared(program.Permits, program.Capacity);
                var scheduler = new Scheduler(new VirtualClock());
                var actors = program.Actors.Select((ops, i) => scheduler.Spawn(ActorCoroutine(i, ops, shared), $"actor {i}")).ToArray();
                foreach (var (atMs, actor) in program.Cancels)
                {
                    scheduler.CallLater(atMs, actors[actor].Cancel);
                }

                // Ends: on a virtual clock nothing waits for real time; a program that deadlocks is reported stuck.
                var report = scheduler.Run(WhenStuck.Return);

                Assert.Empty(shared.Violations);
                // No lost wake-up: nothing is free (or set) while someone still waits for it.
                Assert.False(shared.Semaphore.CurrentCount > 0 && shared.Semaphore.WaitingCount > 0, $"{shared.Semaphore} with waiters left");
                Assert.False(!shared.Lock.IsHeld && shared.Lock.WaitingCount > 0, $"{shared.Lock} with waiters left");
                Assert.False(shared.Event.IsSet && shared.Event.WaitingCount > 0, $"{shared.Event} with waiters left");
                // FIFO: the holders got their turn in the order they asked (those cancelled in line drop out).
                AssertInOrder(shared.SemaphoreWanted, shared.SemaphoreGot, "semaphore");
                AssertInOrder(shared.LockWanted, shared.LockGot, "lock");

                // The stuck ones (waiting for ever) are reported stuck, then cancelled: every line empties.
                var stuck = actors.Where(a => !a.IsFinished).ToArray();
                Assert.Equal<Coroutine>(stuck, report?.Coroutines.Select(static c => c.Coroutine).OrderBy(c => Array.IndexOf(actors, c)).ToArray() ?? []);
                Interlocked.Add(ref s_stuck, stuck.Length);
                Interlocked.Add(ref s_cancelled, actors.Count(a => a.Status == CoroutineStatus.Canceled));
                foreach (var actor in stuck)
                {
                    Assert.True(actor.Status == CoroutineStatus.Waiting, $"{actor} is stuck but not waiting");
                    actor.Cancel();
                }
                scheduler.Run();
                Assert.All(actors, a => Assert.True(a.IsFinished, $"{a} did not end after its cancellation"));
                Assert.All(actors, a => Assert.NotEqual(CoroutineStatus.Faulted, a.Status));
                Assert.Equal(program.Permits, shared.Semaphore.CurrentCount);
                Assert.Equal(0, shared.Semaphore.WaitingCount);
                Assert.False(shared.Lock.IsHeld);
                Assert.Equal(0, shared.Lock.WaitingCount);
                Assert.Equal(0, shared.Event.WaitingCount);

                // Items: nothing lost, nothing duplicated, nothing invented.
                var seen = new List<int>(shared.Received);
                while (shared.Channel.TryReceive(out var left))
                {
                    seen.Add(left);
                }
                while (shared.Other.TryReceive(out var left))
                {
                    seen.Add(left);
                }
                Assert.Equal(seen.Count, seen.Distinct().Count());
                Assert.Subset(shared.Attempted, seen.ToHashSet());
                Assert.Subset(seen.ToHashSet(), shared.Completed);
                Assert.True(shared.Channel.TrySend(0) || program.Capacity == 0, "the channel took no new item once drained"); // no stale waiter in its lines
                Interlocked.Increment(ref s_programs);
            },
            iter: Settings.PropertyIterations,
            print: static p => p.ToString());

        // The generator must reach the interesting cases, or the property proves little.
        Assert.True(Interlocked.Read(ref s_cancelled) > 0, "no program cancelled an actor");
        Assert.True(Interlocked.Read(ref s_stuck) > 0, "no program left an actor stuck");
    }

    private static void AssertInOrder(List<(int Actor, int Op)> wanted, List<(int Actor, int Op)> got, string what)
    {
        var position = 0;
        foreach (var turn in got)
        {
            var index = wanted.IndexOf(turn, position);
            Assert.True(index >= 0, $"{what}: actor {turn.Actor} op {turn.Op} got its turn out of order: wanted [{string.Join(", ", wanted)}], got [{string.Join(", ", got)}]");
            position = index + 1;
        }
    }
}
