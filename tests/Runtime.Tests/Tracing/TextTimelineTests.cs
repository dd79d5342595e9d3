using System;
using System.Linq;
using Coroutines.Tracing;
using Xunit;

namespace Coroutines.Tests.Tracing;

public class TextTimelineTests
{
    [Fact]
    public void The_seed_demo_timeline_matches_its_snapshot()
    {
        // samples/SeedDemo prints this timeline (its package test checks that it does).
        TextSnapshot.Verify(TextTimeline.Render(SeedRun.Record()), "SeedTimeline");
    }

    [Fact]
    public void The_seed_demo_timeline_shows_both_workers_side_by_side_in_five_seconds()
    {
        var lines = TextTimeline.Render(SeedRun.Record()).Split('\n');

        var fast = lines.Single(l => l.StartsWith("fast ", StringComparison.Ordinal));
        var slow = lines.Single(l => l.StartsWith("slow ", StringComparison.Ordinal));
        Assert.Contains("#---------#---------#---------#---------#---------*  completed at 5.0 s after 6 steps", fast);
        Assert.Contains("#-------------------------------------------------*  completed at 5.0 s after 2 steps", slow);
        Assert.Equal(fast.IndexOf('#'), slow.IndexOf('#'));
        Assert.Equal(fast.IndexOf('*'), slow.IndexOf('*'));
        Assert.Contains(lines, l => l.TrimEnd().EndsWith("5 s", StringComparison.Ordinal) && l.Contains("0 s", StringComparison.Ordinal));
    }

    [Fact]
    public void A_late_wake_shows_the_wait_for_its_turn_and_each_end_has_its_mark()
    {
        var clock = new VirtualClock();
        var recorder = new TimelineRecorder();
        var scheduler = new Scheduler(clock) { Observer = recorder };
        scheduler.UnobservedFault += (_, _) => { };
        scheduler.Spawn(new Script("late", step => step == 0 ? Suspension.Sleep(1000) : Suspension.Done));
        scheduler.Spawn(new Script("bad", step => step == 0 ? Suspension.Sleep(500) : throw new TracingTestException("boom")));
        var victim = scheduler.Spawn(new Script("victim", _ => Suspension.Sleep(10_000)));
        scheduler.CallLater(500, () => clock.Advance(TimeSpan.FromSeconds(1))); // holds the loop from 0.5 s to 1.5 s
        scheduler.CallLater(800, victim.Cancel);

        scheduler.Run();
        var lines = TextTimeline.Render(recorder).Split('\n');

        // 1 column = 50 ms. late sleeps 0-1 s, then waits for its turn until the loop is free at 1.5 s.
        // bad's 0.5 s deadline came after the busy callback's (same time, queued later): it waits 0.5-1.5 s.
        // The cancel was due at 0.8 s, but the loop was busy until 1.5 s.
        Assert.Contains("1 column = 50 ms.", lines[0], StringComparison.Ordinal);
        Assert.Contains("late    #-------------------..........*  completed at 1.50 s after 2 steps", lines);
        Assert.Contains("bad     #---------....................!  faulted (TracingTestException) at 1.50 s after 2 steps", lines);
        Assert.Contains("victim  #-----------------------------x  canceled at 1.50 s after 1 step", lines);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(140)]
    public void Every_line_fits_the_width_whatever_the_run(int width)
    {
        foreach (var recorder in new[] { SeedRun.Record(), Mixed(TimeSpan.FromMilliseconds(3)), Mixed(TimeSpan.FromMinutes(75)), Mixed(TimeSpan.FromDays(3)) })
        {
            var text = TextTimeline.Render(recorder, width);
            var lines = text.TrimEnd('\n').Split('\n');

            Assert.All(lines, line => Assert.True(line.Length <= width, $"{line.Length} > {width}: '{line}'"));
            foreach (var row in recorder.Rows)
            {
                var label = row.Label.Length <= 16 ? row.Label : row.Label[..15] + "~";
                Assert.Single(lines, l => l.StartsWith(label + " ", StringComparison.Ordinal));
            }
            Assert.Contains(lines, l => l.Contains('|'));
        }
    }

    [Fact]
    public void Long_runs_get_coarser_columns_and_short_ones_finer()
    {
        Assert.Contains("1 column = 100 ms.", TextTimeline.Render(SeedRun.Record()), StringComparison.Ordinal);
        var shortRun = TextTimeline.Render(Mixed(TimeSpan.FromMilliseconds(3)));
        Assert.Contains("1 column = 200 us.", shortRun, StringComparison.Ordinal);
        Assert.Contains("0 ms      2 ms\n", shortRun, StringComparison.Ordinal);
        Assert.Contains("completed at 3.0 ms after 11 steps", shortRun, StringComparison.Ordinal);
        var longRun = TextTimeline.Render(Mixed(TimeSpan.FromMinutes(75)));
        Assert.Contains("1 column = 200 s.", longRun, StringComparison.Ordinal);
        Assert.Contains("completed at 4500 s after 11 steps", longRun, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_recording_says_so()
    {
        Assert.StartsWith("Timeline: nothing was recorded", TextTimeline.Render(new TimelineRecorder()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_width_too_small_for_a_timeline_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TextTimeline.Render(SeedRun.Record(), 59));
        Assert.Throws<ArgumentNullException>(() => TextTimeline.Render(null!));
    }

    // Workers with long and short names and sleeps spread over `length`, one faulting, one cancelled.
    private static TimelineRecorder Mixed(TimeSpan length)
    {
        var recorder = new TimelineRecorder();
        var scheduler = new Scheduler(new VirtualClock()) { Observer = recorder };
        scheduler.UnobservedFault += (_, _) => { };
        var tenth = TimeSpan.FromTicks(length.Ticks / 10);
        scheduler.Spawn(new Script("a", step => step < 10 ? Suspension.Sleep(tenth) : Suspension.Done));
        scheduler.Spawn(new Script("a-worker-with-a-much-longer-name-than-fits", step => step < 3 ? Suspension.Sleep(tenth * 3) : Suspension.Done));
        scheduler.Spawn(new Script("faulty", step => step < 2 ? Suspension.Sleep(tenth) : throw new TracingTestException("x")));
        var victim = scheduler.Spawn(new Script("victim", _ => Suspension.Sleep(length)));
        scheduler.CallLater(tenth * 4, victim.Cancel);
        scheduler.Run();
        return recorder;
    }
}
