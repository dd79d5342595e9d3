using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Coroutines.Reliability.Tests.Support;
using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace Coroutines.Reliability.Tests.Properties;

/// <summary>
/// Property tests of the scheduler: random schedules of CallLater, CallSoon, Post, spawns of
/// scripted coroutines, cancellations (of timers and coroutines, from the host and from callbacks
/// and steps, of themselves too) and faults, run on a <see cref="VirtualClock"/> and compared, event
/// by event, with <see cref="ReferenceModel"/>. Independently of the model every run must also
/// keep the invariants: time never goes backwards, every callback runs exactly once unless it was
/// cancelled first, nothing runs after its cancellation, no timer fires early, every coroutine ends,
/// and cancelled entries do not pile up in the sleeping queue.
/// </summary>
/// <remarks>
/// CsCheck shrinks a failure to a small schedule and prints it with a seed. Reproduce with
/// <c>CsCheck_Seed=&lt;seed&gt; dotnet test tests/Reliability.Tests --filter Category=Property</c>;
/// run longer with <c>PROPERTY_ITERATIONS=100000</c>.
/// </remarks>
[Trait("Category", "Property")]
public sealed class SchedulerPropertyTests
{
    /// <summary>How far the sleeping queue may exceed twice its live entries (lazy deletion's slack).</summary>
    private const int StaleSlack = 128;

    private static long s_programs;
    private static long s_events;
    private readonly ITestOutputHelper _output;

    public SchedulerPropertyTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Run_follows_the_reference_model_and_keeps_the_invariants()
    {
        long programs = 0, events = 0;
        ScheduleProgram.Generator().Select(Gen.Bool).Sample(
            t =>
            {
                var (program, observe) = t;
                var model = new ReferenceModel(program, logEndings: observe);
                model.Run();
                var real = new RealWorld(program, observe);
                real.Run();
                AssertSameLog(program, model.Log, real.Log);
                Assert.Equal(Sorted(model.FinalStatuses), Sorted(real.FinalStatuses));
                AssertInvariants(program, real, runToEnd: true);
                Interlocked.Increment(ref programs);
                Interlocked.Add(ref events, real.Log.Count);
            },
            iter: Settings.PropertyIterations,
            print: static t => $"{(t.Item2 ? "observed" : "not observed")}\n{t.Item1}");
        Record(programs, events);
        AssertCoverage();
    }

    [Fact]
    public void RunDue_passes_follow_the_reference_model()
    {
        long programs = 0, events = 0;
        ScheduleProgram.Generator().Sample(
            program =>
            {
                var model = new ReferenceModel(program, logEndings: true);
                var passes = model.RunDueHost();
                var real = new RealWorld(program, observe: true);
                real.RunDueHost(passes);
                AssertSameLog(program, model.Log, real.Log);
                Assert.Equal(model.PassCounts, real.PassCounts);
                Assert.Equal(Sorted(model.FinalStatuses), Sorted(real.FinalStatuses));
                AssertInvariants(program, real, runToEnd: true);
                Interlocked.Increment(ref programs);
                Interlocked.Add(ref events, real.Log.Count);
            },
            iter: Settings.PropertyIterations,
            print: static p => p.ToString());
        Record(programs, events);
        AssertCoverage();
    }

    /// <summary>Many timers, most cancelled at random moments: the sleeping queue stays proportional to the live ones.</summary>
    [Fact]
    public void Cancelled_timers_and_sleepers_are_reclaimed()
    {
        var gen = Gen.Select(Gen.Int[50, 1500], Gen.Int[0, 100], Gen.Int[0, 1000], Gen.Int[1, 4]);
        gen.Sample(
            t =>
            {
                var (count, cancelPercent, seed, sleepers) = t;
                var random = new Random(seed);
                var clock = new VirtualClock();
                var scheduler = new Scheduler(clock);
                var handles = new List<TimerHandle>();
                var ran = new List<int>();
                var cancelled = new HashSet<int>();
                var worst = int.MinValue;
                var sleeping = new List<Sleeper>();
                void Check()
                {
                    var live = handles.Count(static h => !h.IsCanceled && !h.HasRun) + sleeping.Count(static s => s.Status == CoroutineStatus.Sleeping);
                    worst = Math.Max(worst, scheduler.TimerEntryCount() - (2 * live));
                }
                for (var i = 0; i < count; i++)
                {
                    var id = i;
                    handles.Add(scheduler.CallLater(random.Next(1, 500), () =>
                    {
                        ran.Add(id);
                        // From inside the loop, cancel a few more of the pending ones.
                        for (var k = 0; k < 3; k++)
                        {
                            var victim = random.Next(count);
                            if (random.Next(100) < cancelPercent && !handles[victim].HasRun && cancelled.Add(victim))
                            {
                                handles[victim].Cancel();
                            }
                        }
                        Check();
                    }));
                }
                // Sleeping coroutines cancelled by a timer: their entries go stale too.
                sleeping.AddRange(Enumerable.Range(0, sleepers * 20).Select(_ => scheduler.Spawn(new Sleeper(random.Next(1, 400)))));
                scheduler.CallLater(1, () =>
                {
                    foreach (var s in sleeping.Where((_, i) => i % 2 == 0))
                    {
                        s.Cancel();
                    }
                    Check();
                });
                foreach (var i in Enumerable.Range(0, count).Where(_ => random.Next(100) < cancelPercent))
                {
                    cancelled.Add(i);
                    handles[i].Cancel();
                    Check();
                }
                scheduler.Run();

                Assert.DoesNotContain(ran, cancelled.Contains);
                Assert.Equal(Enumerable.Range(0, count).Where(i => !cancelled.Contains(i)).Order(), ran.Order());
                Assert.True(worst <= StaleSlack, $"the sleeping queue held {worst} entries more than twice its live ones");
                Assert.True(scheduler.TimerEntryCount() <= StaleSlack, $"{scheduler.TimerEntryCount()} entries left after Run()");
                Assert.All(sleeping, static s => Assert.True(s.IsFinished));
            },
            iter: Math.Max(20, Settings.PropertyIterations / 10));
    }

    /// <summary>The cases the random schedules must reach (across both model runs) for the comparison to mean something.</summary>
    private static readonly string[] s_requiredCases =
    [
        "timer cancelled while pending",
        "timer cancelled when due, before it ran in the same pass",
        "timer cancelled after it ran",
        "coroutine cancelled itself while running",
        "coroutine cancelled while ready",
        "coroutine cancelled before its first step",
        "coroutine cancelled while sleeping",
        "observing coroutine cancelled while sleeping",
        "observing coroutine cancelled while ready",
        "cancellation delivered at a resume point",
        "finished coroutine cancelled",
        "callback faulted",
        "coroutine faulted",
        "coroutine yielded (Sleep(0))",
        "deadline tie",
        "work queued during a pass waits for the next pass",
    ];

    private void AssertCoverage()
    {
        var coverage = ReferenceModel.Coverage;
        _output.WriteLine(string.Join(Environment.NewLine, coverage.OrderBy(static c => c.Key, StringComparer.Ordinal).Select(static c => $"  {c.Value,8}  {c.Key}")));
        var missing = s_requiredCases.Where(c => !coverage.ContainsKey(c)).ToList();
        Assert.True(missing.Count == 0, $"The random schedules never reached: {string.Join("; ", missing)}");
    }

    private static void Record(long programs, long events)
    {
        var totalPrograms = Interlocked.Add(ref s_programs, programs);
        var totalEvents = Interlocked.Add(ref s_events, events);
        Results.Write("properties", new Dictionary<string, object?>
        {
            ["iterationsPerProperty"] = Settings.PropertyIterations,
            ["programsCompared"] = totalPrograms,
            ["eventsCompared"] = totalEvents,
        });
    }

    private static List<KeyValuePair<int, CoroutineStatus>> Sorted(IReadOnlyDictionary<int, CoroutineStatus> statuses) =>
        [.. statuses.OrderBy(static s => s.Key)];

    private static void AssertSameLog(ScheduleProgram program, List<string> expected, List<string> actual)
    {
        var n = Math.Min(expected.Count, actual.Count);
        var first = Enumerable.Range(0, n).FirstOrDefault(i => expected[i] != actual[i], n);
        if (first == n && expected.Count == actual.Count)
        {
            return;
        }
        var b = new StringBuilder();
        b.AppendLine($"The scheduler's events differ from the reference model's at event {first}.");
        b.AppendLine("Program:");
        b.Append(program);
        b.AppendLine($"{"model",-48}| scheduler");
        for (var i = Math.Max(0, first - 8); i < Math.Min(Math.Max(expected.Count, actual.Count), first + 8); i++)
        {
            var e = i < expected.Count ? expected[i] : "";
            var a = i < actual.Count ? actual[i] : "";
            b.AppendLine($"{(i == first ? ">" : " ")}{e,-47}| {a}");
        }
        throw new Xunit.Sdk.XunitException(b.ToString());
    }

    private static void AssertInvariants(ScheduleProgram program, RealWorld real, bool runToEnd)
    {
        var events = real.Log.Select(static (line, index) =>
        {
            var space = line.IndexOf(' ');
            return (Index: index, Time: long.Parse(line[2..space]), Text: line[(space + 1)..]);
        }).ToList();

        for (var i = 1; i < events.Count; i++)
        {
            Assert.True(events[i].Time >= events[i - 1].Time, $"time went backwards at event {i}: {real.Log[i - 1]} then {real.Log[i]}");
        }

        foreach (var entity in program.Entities)
        {
            var created = real.CreatedAt[entity.Id];
            var mine = events.Where(e => e.Text.StartsWith(entity.Label + " ", StringComparison.Ordinal)).ToList();
            if (created is null)
            {
                Assert.True(mine.Count == 0, $"{entity.Label} was never created but has events");
                continue;
            }
            var cancelledAt = real.CancelledAt[entity.Id];
            if (entity.Kind == EntityKind.Coroutine)
            {
                var steps = mine.Where(static e => e.Text.Contains(" step ", StringComparison.Ordinal)).ToList();
                if (cancelledAt is { } c)
                {
                    Assert.True(steps.All(s => s.Index < c), $"{entity.Label} ran a step after it was cancelled");
                }
                for (var k = 1; k < steps.Count; k++)
                {
                    Assert.True(steps[k].Time >= steps[k - 1].Time + entity.Sleeps[k - 1], $"{entity.Label} woke early from its sleep {k - 1}");
                }
                continue;
            }
            var runs = mine.Count(static e => e.Text.EndsWith(" ran", StringComparison.Ordinal));
            if (cancelledAt is not null)
            {
                Assert.True(runs == 0, $"{entity.Label} ran although it was cancelled before it ran");
            }
            else if (runToEnd)
            {
                Assert.True(runs == 1, $"{entity.Label} ran {runs} times (it must run exactly once)");
            }
            if (entity.Kind == EntityKind.Timer && runs > 0)
            {
                Assert.True(mine[0].Time >= created + entity.DelayMs, $"{entity.Label} fired before its deadline");
            }
        }

        if (runToEnd)
        {
            Assert.All(real.FinalStatuses, static s => Assert.True(s.Value >= CoroutineStatus.Completed, $"C{s.Key} did not finish ({s.Value})"));
            Assert.True(real.TimerEntryCount <= StaleSlack, $"{real.TimerEntryCount} entries left in the sleeping queue after the run");
        }
        Assert.True(real.WorstTimerExcess <= StaleSlack, $"the sleeping queue held {real.WorstTimerExcess} entries more than twice its live ones");
    }
}

/// <summary>A coroutine that sleeps once.</summary>
internal sealed class Sleeper(int ms) : Coroutine
{
    private bool _slept;

    protected override Suspension Step()
    {
        if (_slept)
        {
            return Suspension.Done;
        }
        _slept = true;
        return Suspension.Sleep(ms);
    }
}
