using System;
using Xunit;

namespace Coroutines.Tests.Composition;

/// <summary>Calls between generated coroutines: deep recursion and what a call allocates.</summary>
public partial class GeneratedCallTests
{
    [Coroutine]
    private static int Descend(int n)
    {
        if (n == 0)
        {
            Yield.Sleep(1);
            return 0;
        }
        int below = Descend(n - 1); // a call: a suspension point, run as a frame by the scheduler
        return below + 1;
    }

    [Fact]
    public void Generated_recursion_ten_thousand_levels_deep_needs_no_thread_stack()
    {
        var result = CallChains.RunOnSmallStack(() => DescendCoroutine(10_000));

        Assert.Equal(10_000, result);
    }

    [Fact]
    public void Called_directly_the_same_methods_recurse_as_plain_code()
    {
        using (Clock.Use(new VirtualClock()))
        {
            Assert.Equal(50, Descend(50));
            Assert.Equal(TimeSpan.FromMilliseconds(1), Clock.Current.Now);
        }
    }

    [Fact]
    public void A_generated_call_allocates_the_callee_and_nothing_else()
    {
        var perCall = CallChains.PerLevel(depth => DescendCoroutine(depth));

        Assert.Equal(CallChains.PerFrame(n => DescendCoroutine(n)), perCall);
    }
}
