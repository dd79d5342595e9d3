using System;
using Xunit;

namespace Coroutines.Tests.Clocks;

public class ClockTests
{
    [Fact]
    public void Current_defaults_to_the_shared_system_clock()
    {
        Assert.Same(SystemClock.Default, Clock.Current);
    }

    [Fact]
    public void Use_makes_a_clock_current_and_dispose_restores_the_previous_one()
    {
        var outer = new VirtualClock();
        var inner = new VirtualClock();
        using (Clock.Use(outer))
        {
            Assert.Same(outer, Clock.Current);
            using (Clock.Use(inner))
            {
                Assert.Same(inner, Clock.Current);
            }
            Assert.Same(outer, Clock.Current);
        }
        Assert.Same(SystemClock.Default, Clock.Current);
    }

    [Fact]
    public void Use_is_per_thread()
    {
        var clock = new VirtualClock();
        IClock? seenOnOtherThread = null;
        using (Clock.Use(clock))
        {
            var thread = new System.Threading.Thread(() => seenOnOtherThread = Clock.Current);
            thread.Start();
            thread.Join();
        }
        Assert.Same(SystemClock.Default, seenOnOtherThread);
    }

    [Fact]
    public void Use_rejects_null()
    {
        var error = Assert.Throws<ArgumentNullException>(() => Clock.Use(null!));
        Assert.Equal("clock", error.ParamName);
    }

    [Fact]
    public void Inside_Run_and_RunDue_the_current_clock_is_the_schedulers_and_it_is_restored_afterwards()
    {
        var ambient = new VirtualClock();
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        IClock? inCallback = null;
        IClock? inCoroutine = null;
        IClock? inRunDue = null;
        scheduler.CallSoon(() => inCallback = Clock.Current);
        scheduler.Spawn(new ScriptedCoroutine("c", _ =>
        {
            inCoroutine = Clock.Current;
            return Suspension.Done;
        }));

        using (Clock.Use(ambient))
        {
            scheduler.Run();
            Assert.Same(ambient, Clock.Current);

            scheduler.CallSoon(() => inRunDue = Clock.Current);
            scheduler.RunDue();
            Assert.Same(ambient, Clock.Current);
        }

        Assert.Same(clock, inCallback);
        Assert.Same(clock, inCoroutine);
        Assert.Same(clock, inRunDue);
        Assert.Same(clock, scheduler.Clock);
    }

    [Fact]
    public void A_coroutine_reads_the_same_time_from_Clock_Current_and_from_the_scheduler()
    {
        var clock = new VirtualClock();
        var scheduler = new Scheduler(clock);
        var seen = new System.Collections.Generic.List<(TimeSpan Ambient, TimeSpan Scheduler)>();
        scheduler.Spawn(new ScriptedCoroutine("c", step =>
        {
            seen.Add((Clock.Current.Now, scheduler.Now));
            return step < 2 ? Suspension.Sleep(750) : Suspension.Done;
        }));

        scheduler.Run();

        Assert.Equal(
            new[] { (TimeSpan.Zero, TimeSpan.Zero), (TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(750)), (TimeSpan.FromMilliseconds(1500), TimeSpan.FromMilliseconds(1500)) },
            seen);
    }
}
