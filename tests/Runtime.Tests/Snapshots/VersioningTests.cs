using System;
using System.Collections.Generic;
using System.Linq;
using Coroutines.Snapshots;
using Xunit;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// Restore compares each coroutine's structure hash with the running code's; a snapshot saved by
/// another version (made here by rewriting the manifest) is refused with what changed, unless a
/// migration for the method is registered.
/// </summary>
public sealed class VersioningTests
{
    private static readonly string WorkerId = SnapshotRegistry.Find(typeof(SaveableCoroutines.WorkerStateMachine))!.MethodId;

    // A worker suspended in its loop, saved.
    private static byte[] SavedWorker(out List<string> expected)
    {
        var reference = new Scheduler(new VirtualClock());
        var referenceWorker = reference.Spawn(SaveableCoroutines.WorkerCoroutine(new List<string>(), "w", 4, 10));
        reference.Run();
        expected = ((List<string>)typeof(SaveableCoroutines.WorkerStateMachine).GetField("log", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(referenceWorker)!);

        var scheduler = new Scheduler(new VirtualClock());
        scheduler.Spawn(SaveableCoroutines.WorkerCoroutine(new List<string>(), "w", 4, 10));
        scheduler.CallLater(25, scheduler.Stop);
        scheduler.Run();
        return scheduler.SaveToBytes();
    }

    private static byte[] OldVersion(Action<SnapshotSurgery.Entry> change) =>
        SnapshotSurgery.EditManifests(SavedWorker(out _), entries => change(entries.Single(e => e.Id == WorkerId)));

    [Fact]
    public void A_renamed_local_is_named_as_added_and_removed()
    {
        var old = OldVersion(e => e.Fields[e.Fields.IndexOf("total: int")] = "sum: int");
        var error = Assert.Throws<SnapshotVersionException>(() => Scheduler.Restore(old));
        Assert.Contains(WorkerId, error.Message, StringComparison.Ordinal);
        Assert.Contains("hoisted field added: total: int", error.Message, StringComparison.Ordinal);
        Assert.Contains("hoisted field removed: sum: int", error.Message, StringComparison.Ordinal);
        Assert.Contains("options.Migrations.Add", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retyped_local_is_named()
    {
        var old = OldVersion(e => e.Fields[e.Fields.IndexOf("total: int")] = "total: long");
        var error = Assert.Throws<SnapshotVersionException>(() => Scheduler.Restore(old));
        Assert.Contains("hoisted field retyped: total: long is now total: int", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suspension_points_added_removed_and_moved_are_named()
    {
        var removed = OldVersion(e => e.Points.Add("2: Yield.Sleep(1);"));
        Assert.Contains("suspension point removed: 2: Yield.Sleep(1);", Assert.Throws<SnapshotVersionException>(() => Scheduler.Restore(removed)).Message, StringComparison.Ordinal);

        var added = OldVersion(e => e.Points.Clear());
        Assert.Contains("suspension point added: 1: Yield.Sleep(delayMs);", Assert.Throws<SnapshotVersionException>(() => Scheduler.Restore(added)).Message, StringComparison.Ordinal);

        var moved = OldVersion(e => e.Points[0] = "3: Yield.Sleep(delayMs);");
        Assert.Contains("suspension point moved: 3: Yield.Sleep(delayMs); is now 1: Yield.Sleep(delayMs);", Assert.Throws<SnapshotVersionException>(() => Scheduler.Restore(moved)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registered_migration_restores_an_older_version()
    {
        // The old code called the local 'sum' and suspended at state 3; the migration maps both.
        var old = SnapshotSurgery.EditManifests(SavedWorker(out var expected), entries =>
        {
            var worker = entries.Single(e => e.Id == WorkerId);
            worker.Fields[worker.Fields.IndexOf("total: int")] = "sum: int";
        });
        var options = new SnapshotOptions();
        var migrated = new List<string>();
        options.Migrations.Add(WorkerId, frame =>
        {
            migrated.Add($"{frame.MethodId} state {frame.State} fields {string.Join(",", frame.Names)}");
            frame.Rename("sum", "total");
        });
        var restored = Scheduler.Restore(old, options);
        var worker = (SaveableCoroutines.WorkerStateMachine)restored.LiveCoroutines().Single().Coroutine;
        restored.Run();
        Assert.Equal(10, worker.Result);
        Assert.Equal($"{WorkerId} state 1 fields log,name,steps,delayMs,sum,i", Assert.Single(migrated));
    }

    [Fact]
    public void A_migration_that_leaves_a_field_out_is_refused_naming_it()
    {
        var old = OldVersion(e => e.Fields[e.Fields.IndexOf("total: int")] = "sum: int");
        var options = new SnapshotOptions();
        options.Migrations.Add(WorkerId, frame => frame.Remove("sum"));
        var error = Assert.Throws<SnapshotVersionException>(() => Scheduler.Restore(old, options));
        Assert.Contains("left field 'total' without a value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hash_that_does_not_match_the_manifest_is_a_format_error()
    {
        var forged = SnapshotSurgery.EditManifests(SavedWorker(out _), entries => entries[0].Fields.Add("extra: int"), rehash: false);
        Assert.Throws<SnapshotFormatException>(() => Scheduler.Restore(forged));
    }
}
