using System.Linq;
using Coroutines.Generator.Tests.Behaviour;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Emitting;

/// <summary>
/// The snapshot code of a saveable coroutine (Emitting/SnapshotEmitter): its manifest, its
/// registration and its SaveFrame/LoadFrame, shown as a snapshot (Snapshots/Saveable.Count.verified.cs).
/// </summary>
public sealed class SnapshotEmitterTests
{
    // The README's worker, made saveable.
    private static readonly string Source = ReadmeExampleTests.Source.Replace("[Coroutine]", "[Coroutine(Saveable = true)]", System.StringComparison.Ordinal);

    [Fact]
    public void A_saveable_state_machine_writes_its_manifest_and_its_fields()
    {
        var run = GeneratorHarness.Run(("Workers.cs", Source));

        run.AssertNoErrorsOrWarnings();
        Snapshot.Verify(run.GeneratedSource("CountStateMachine.g.cs"), "Saveable.Count");
    }

    [Fact]
    public void The_structure_hash_is_the_one_the_runtime_computes()
    {
        var run = GeneratorHarness.Run(("Workers.cs", Source));
        var text = run.GeneratedSource("CountStateMachine.g.cs");
        var hashLine = text.Split('\n').Single(l => l.Contains("UL, // structure hash", System.StringComparison.Ordinal));
        var hash = ulong.Parse(hashLine.Trim()[2..18], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            Coroutines.Snapshots.CoroutineManifest.Hash(
                ["1: Yield.Sleep(delayMs);"],
                ["name: string", "steps: int", "delayMs: int", "total: int", "i: int"]),
            hash);
    }
}
