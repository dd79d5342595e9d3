using System;
using Xunit;

namespace Coroutines.Tests;

public class SuspensionTests
{
    [Fact]
    public void Done_is_the_default_value()
    {
        Assert.Equal(SuspensionKind.Done, Suspension.Done.Kind);
        Assert.Equal(TimeSpan.Zero, Suspension.Done.Delay);
        Assert.Equal(default(Suspension), Suspension.Done);
        Assert.Equal("Done", Suspension.Done.ToString());
    }

    [Fact]
    public void Sleep_carries_its_delay()
    {
        var byMs = Suspension.Sleep(1500);
        Assert.Equal(SuspensionKind.Sleep, byMs.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), byMs.Delay);
        Assert.Equal("Sleep(1500 ms)", byMs.ToString());
        Assert.True(byMs == Suspension.Sleep(TimeSpan.FromMilliseconds(1500)));
        Assert.True(byMs != Suspension.Sleep(1501));
        Assert.True(Suspension.Sleep(0) != Suspension.Done);
        Assert.Equal(byMs.GetHashCode(), Suspension.Sleep(1500).GetHashCode());
        Assert.False(byMs.Equals((object)"Sleep"));
    }

    [Fact]
    public void A_negative_sleep_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Suspension.Sleep(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Suspension.Sleep(TimeSpan.FromTicks(-1)));
    }
}
