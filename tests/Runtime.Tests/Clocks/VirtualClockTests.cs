using System;
using Xunit;

namespace Coroutines.Tests.Clocks;

public class VirtualClockTests
{
    [Fact]
    public void Starts_at_zero_or_at_the_given_start()
    {
        Assert.Equal(TimeSpan.Zero, new VirtualClock().Now);
        Assert.Equal(TimeSpan.FromSeconds(3), new VirtualClock(TimeSpan.FromSeconds(3)).Now);
    }

    [Fact]
    public void A_negative_start_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VirtualClock(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void Advance_moves_time_forward()
    {
        var clock = new VirtualClock();
        clock.Advance(TimeSpan.FromMilliseconds(250));
        clock.Advance(TimeSpan.Zero);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromMilliseconds(1250), clock.Now);
    }

    [Fact]
    public void A_negative_advance_throws_and_leaves_time_alone()
    {
        var clock = new VirtualClock(TimeSpan.FromSeconds(1));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
        Assert.Equal("delta", error.ParamName);
        Assert.Equal(TimeSpan.FromSeconds(1), clock.Now);
    }

    [Fact]
    public void WaitUntil_jumps_to_a_future_deadline_and_never_goes_backwards()
    {
        var clock = new VirtualClock();
        Assert.True(clock.WaitUntil(TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(5), clock.Now);

        Assert.True(clock.WaitUntil(TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromSeconds(5), clock.Now);
    }

    [Fact]
    public void Wake_does_not_affect_a_virtual_wait()
    {
        var clock = new VirtualClock();
        clock.Wake();
        Assert.True(clock.WaitUntil(TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(1), clock.Now);
    }
}
