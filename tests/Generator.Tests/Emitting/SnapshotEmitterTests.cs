using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Emitting;

/// <summary>
/// The snapshot code of a saveable coroutine (Emitting/SnapshotEmitter): its manifest, its
/// registration and its SaveFrame/LoadFrame, shown as a snapshot (Snapshots/Saveable.Count.verified.cs).
/// </summary>
public sealed class SnapshotEmitterTests
{
    private const string Source = """
        using System;
        using Coroutines;

        namespace SeedDemo;

        public static partial class Workers
        {
            [Coroutine(Saveable = true)]
            public static int Count(string name, int steps, int delayMs)
            {
                int total = 0;
                for (int i = 1; i <= steps; i++)
                {
                    Console.WriteLine($"{Clock.Current.Now.TotalSeconds:0}s {name} step {i}");
                    Yield.Sleep(delayMs);
                    total += i;
                }
                return total;
            }
        }
        """;

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
