using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Coroutines.Snapshots;
using Xunit;

namespace Coroutines.Tests.Snapshots;

public sealed class SnapshotTests
{
    private static (Scheduler Scheduler, SaveableCoroutines.ScenarioStateMachine Main) Start()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var main = scheduler.Spawn(SaveableCoroutines.ScenarioCoroutine(new List<string>()));
        return (scheduler, main);
    }

    private static List<string> Uninterrupted()
    {
        var (scheduler, main) = Start();
        scheduler.Run();
        return main.Result;
    }

    // Runs until `at` ms, then stops: what a game does before it saves.
    private static void RunUntil(Scheduler scheduler, int at)
    {
        scheduler.CallLater(at, scheduler.Stop);
        scheduler.Run();
    }

    private static SaveableCoroutines.ScenarioStateMachine FindMain(Scheduler scheduler) =>
        (SaveableCoroutines.ScenarioStateMachine)scheduler.LiveCoroutines().Single(c => c.Name == "Scenario").Coroutine;

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(21)]
    [InlineData(33)]
    [InlineData(36)]
    public void A_restored_scheduler_prints_what_the_uninterrupted_run_prints(int at)
    {
        var expected = Uninterrupted();
        var (scheduler, _) = Start();
        RunUntil(scheduler, at);
        using var file = new MemoryStream();
        scheduler.Save(file);
        file.Position = 0;

        var restored = Scheduler.Restore(file);
        var main = FindMain(restored);
        Assert.Equal(TimeSpan.FromMilliseconds(at), restored.Now);
        restored.Run();
        Assert.Equal(expected, main.Result);
    }

    [Fact]
    public void Object_identity_is_kept_two_coroutines_share_one_list_after_restore()
    {
        var (scheduler, _) = Start();
        RunUntil(scheduler, 12);
        var restored = Scheduler.Restore(scheduler.SaveToBytes());
        var a = restored.LiveCoroutines().Single(c => c.Name == "a").Coroutine;
        var main = FindMain(restored);
        restored.Run();
        Assert.Contains(main.Result, line => line.Contains(" a step 3", StringComparison.Ordinal)); // a wrote into main's list
        Assert.Equal(new[] { "workers" }, a.Tags);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_clone_and_its_original_run_without_affecting_each_other_in_either_order(bool originalFirst)
    {
        var expected = Uninterrupted();
        var (scheduler, main) = Start();
        RunUntil(scheduler, 20);
        var clone = scheduler.Clone();
        var cloneMain = FindMain(clone);
        Assert.NotSame(main, cloneMain);
        if (originalFirst)
        {
            scheduler.Run();
            clone.Run();
        }
        else
        {
            clone.Run();
            scheduler.Run();
        }
        Assert.Equal(expected, main.Result);
        Assert.Equal(expected, cloneMain.Result);
        Assert.NotSame(main.Result, cloneMain.Result);
    }

    [Fact]
    public void Save_refuses_unregistered_callbacks_and_coroutines_that_are_not_saveable_listing_each()
    {
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.Spawn(SaveableCoroutines.PlainCoroutine());
        scheduler.CallLater(50, () => { });
        scheduler.CallSoon(() => { });
        var error = Assert.Throws<SnapshotException>(() => scheduler.SaveToBytes());
        Assert.Contains("3 problems", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a saveable coroutine", error.Message, StringComparison.Ordinal);
        Assert.Contains("CallSoon", error.Message, StringComparison.Ordinal);
        Assert.Contains("CallLater", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registered_callbacks_are_saved_by_name()
    {
        var fired = new List<string>();
        var scheduler = new Scheduler(new VirtualClock());
        Action tick = () => fired.Add("original");
        scheduler.CallLater(50, tick);
        var options = new SnapshotOptions();
        options.Callbacks.Add("tick", tick);
        var bytes = scheduler.SaveToBytes(options);

        var restoreOptions = new SnapshotOptions();
        restoreOptions.Callbacks.Add("tick", () => fired.Add("restored"));
        var restored = Scheduler.Restore(bytes, restoreOptions);
        restored.Run();
        Assert.Equal(new[] { "restored" }, fired);
        Assert.Equal(TimeSpan.FromMilliseconds(50), restored.Now);
    }

    [Fact]
    public void Permanents_are_saved_by_name_and_rebuilt_values_by_their_factory()
    {
        var log = new List<string>();
        var world = new Dictionary<string, int> { ["gold"] = 7 };
        var scheduler = new Scheduler(new VirtualClock());
        scheduler.Spawn(SaveableCoroutines.OutsideCoroutine(log, new Rebuilt<Random>("rng", new Random(1)), world));
        RunUntil(scheduler, 1);
        var options = new SnapshotOptions();
        options.Permanents.Add("world", world);
        var bytes = scheduler.SaveToBytes(options);

        var missing = Assert.Throws<SnapshotFormatException>(() => Scheduler.Restore(bytes, options));
        Assert.Contains("options.Rebuilders.Add(\"rng\"", missing.Message, StringComparison.Ordinal);

        var otherWorld = new Dictionary<string, int> { ["gold"] = 99 };
        var restoreOptions = new SnapshotOptions();
        restoreOptions.Permanents.Add("world", otherWorld);
        restoreOptions.Rebuilders.Add("rng", () => new Random(2));
        var restored = Scheduler.Restore(bytes, restoreOptions);
        var coroutine = restored.LiveCoroutines().Single().Coroutine;
        restored.Run();
        Assert.Equal(CoroutineStatus.Completed, coroutine.Status);
        Assert.Empty(log); // the restored coroutine logs into its own (restored) list
        Assert.Equal(new Random(2).Next(100), new Random(2).Next(100));
    }

    [Fact]
    public void Save_refuses_while_the_loop_runs()
    {
        var scheduler = new Scheduler(new VirtualClock());
        Exception? error = null;
        scheduler.CallSoon(() => error = Record.Exception(() => scheduler.SaveToBytes()));
        scheduler.Run();
        Assert.IsType<InvalidOperationException>(error);
    }

    [Fact]
    public void User_types_go_through_the_json_context_and_identity_and_cycles_survive()
    {
        var scheduler = new Scheduler(new VirtualClock());
        var player = new Player { Name = "Ada", Hp = 10 };
        var party = new Coroutine[2];
        var shared = new List<int>();
        party[0] = scheduler.Spawn(SaveableCoroutines.HeroCoroutine(player, party, shared).WithName("one"));
        party[1] = scheduler.Spawn(SaveableCoroutines.HeroCoroutine(player, party, shared).WithName("two"));
        RunUntil(scheduler, 15);

        var missing = Assert.Throws<SnapshotException>(() => scheduler.SaveToBytes());
        Assert.Contains("JsonSerializable", missing.Message, StringComparison.Ordinal); // no context: refused, saying what to add

        var options = new SnapshotOptions().UseJson(SnapshotTestJson.Default);
        var restored = Scheduler.Restore(scheduler.SaveToBytes(options), options);
        var one = (SaveableCoroutines.HeroStateMachine)restored.LiveCoroutines().Single(c => c.Name == "one").Coroutine;
        var two = (SaveableCoroutines.HeroStateMachine)restored.LiveCoroutines().Single(c => c.Name == "two").Coroutine;
        restored.Run();
        scheduler.Run();
        // One player and one list after restore: both heroes changed the same ones, as in the original.
        Assert.Equal("Ada 1 party of 2 1", one.Result);
        Assert.Equal("Ada -2 party of 2 1,-2", two.Result);
        Assert.Equal(((SaveableCoroutines.HeroStateMachine)party[0]).Result, one.Result);
        Assert.Equal(((SaveableCoroutines.HeroStateMachine)party[1]).Result, two.Result);
        Assert.Equal(-2, player.Hp); // the original's player, changed by the original run only
    }
}
