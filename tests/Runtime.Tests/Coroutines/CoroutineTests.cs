using System;
using Xunit;

namespace Coroutines.Tests.Coroutines;

public class CoroutineTests
{
    private sealed class Unnamed : Coroutine
    {
        protected override Suspension Step() => Suspension.Done;
    }

    [Fact]
    public void Name_defaults_to_the_type_name_and_can_be_set()
    {
        var coroutine = new Unnamed();
        Assert.Equal("Unnamed", coroutine.Name);
        coroutine.Name = "custom";
        Assert.Equal("custom", coroutine.Name);
        Assert.Equal("custom (Created)", coroutine.ToString());
    }

    [Fact]
    public void A_new_coroutine_is_Created_and_not_finished()
    {
        var coroutine = new Sleeper("s", null, 10);
        Assert.Equal(CoroutineStatus.Created, coroutine.Status);
        Assert.False(coroutine.IsFinished);
        Assert.Null(coroutine.Exception);
    }

    [Fact]
    public void Status_follows_the_coroutine_through_its_life()
    {
        var scheduler = new Scheduler(new VirtualClock());
        Sleeper? sleeper = null;
        var seen = new System.Collections.Generic.List<CoroutineStatus>();
        sleeper = new Sleeper("s", null, 1000);
        scheduler.Spawn(sleeper);
        seen.Add(sleeper.Status);
        scheduler.Spawn(new ScriptedCoroutine("probe", step =>
        {
            seen.Add(sleeper.Status);
            return step == 0 ? Suspension.Sleep(500) : Suspension.Done;
        }));

        scheduler.Run();
        seen.Add(sleeper.Status);

        Assert.Equal(new[] { CoroutineStatus.Ready, CoroutineStatus.Sleeping, CoroutineStatus.Sleeping, CoroutineStatus.Completed }, seen);
    }

    [Fact]
    public void The_result_of_an_unfinished_coroutine_throws_and_says_when_to_read_it()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var coroutine = scheduler.Spawn(new Sleeper("pending", null, 1000));
        Exception? whileSleeping = null;
        scheduler.CallLater(500, () => whileSleeping = Record(() => _ = coroutine.Result));

        var beforeRun = Assert.Throws<InvalidOperationException>(() => coroutine.Result);
        Assert.Contains("'pending' has not finished", beforeRun.Message);
        Assert.Contains("once IsFinished is true", beforeRun.Message);
        scheduler.Run();

        Assert.IsType<InvalidOperationException>(whileSleeping);
        Assert.Equal(1, coroutine.Result);
        coroutine.GetResult();
    }

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
