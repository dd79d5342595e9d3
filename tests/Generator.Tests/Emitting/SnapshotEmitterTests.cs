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

    // The registration is internal whatever the coroutine's accessibility: a derived type's
    // saveable coroutine of the same name must declare it `new` (CS0108 otherwise), and only then
    // (CS0109 when nothing is hidden). Found by the random programs' snapshot property test.
    [Theory]
    [InlineData("public virtual", "public sealed override")]
    [InlineData("private", "private")]
    [InlineData("protected", "protected new")]
    public void A_registration_that_hides_a_base_types_is_declared_new(string baseModifiers, string derivedModifiers)
    {
        var source = $$"""
            using Coroutines;

            public partial class Walker
            {
                [Coroutine(Saveable = true)]
                {{baseModifiers}} void Walk(int steps)
                {
                    for (var i = 0; i < steps; i++) Yield.Sleep(1);
                }
            }

            public partial class Runner : Walker
            {
                [Coroutine(Saveable = true)]
                {{derivedModifiers}} void Walk(int steps)
                {
                    Yield.Sleep(steps);
                }
            }

            public partial class Plain
            {
                [Coroutine(Saveable = true)]
                public void Walk(int steps) => Yield.Sleep(steps);
            }
            """;

        var run = GeneratorHarness.Run(("Walkers.cs", source));

        run.AssertNoErrorsOrWarnings();
        var registrations = run.GeneratedSources.Values
            .SelectMany(static s => s.Split('\n'))
            .Where(static l => l.Contains("void RegisterSnapshotManifestOfWalkStateMachine()", System.StringComparison.Ordinal))
            .Select(static l => l.Trim())
            .OrderBy(static l => l, System.StringComparer.Ordinal)
            .ToList();
        Assert.Equal(3, registrations.Count);
        Assert.Single(registrations, static l => l.StartsWith("internal new static void", System.StringComparison.Ordinal));
    }

    // A closure environment is a class of the state machine that no snapshot knows: its variables
    // are saved, each as a field of the frame. The task of Yield.Await is read only at its
    // suspension point: saved while suspended there, else its default (a spent task never refuses).
    [Fact]
    public void A_closure_environment_is_saved_as_its_variables_and_an_awaited_task_only_while_suspended_at_its_await()
    {
        var source = """
            using System;
            using System.Threading.Tasks;
            using Coroutines;

            public static partial class Jobs
            {
                private static int Apply(Func<int> f) => f();

                private static Task<int> Answer() => Task.FromResult(2);

                [Coroutine(Saveable = true)]
                public static int Run()
                {
                    var total = 0;
                    for (var round = 0; round < 2; round++)
                    {
                        var copy = round;
                        total += Apply(() => copy);
                        Yield.Sleep(1);
                    }
                    var answer = Yield.Await(Answer());
                    return total + answer;
                }
            }
            """;

        var run = GeneratorHarness.Run(("Jobs.cs", source));

        run.AssertNoErrorsOrWarnings();
        var text = run.GeneratedSource("RunStateMachine.g.cs");
        Assert.Contains("writer.Write(closure1 is null ? default! : closure1.copy, \"closure1.copy\");", text, System.StringComparison.Ordinal);
        Assert.Contains("closure1 = new Closure1();", text.Split("LoadFrame")[1], System.StringComparison.Ordinal);
        Assert.Contains("\"closure1.copy: int\"", text, System.StringComparison.Ordinal);
        Assert.Contains("writer.Write(state == 2 ? await2_task : default!, \"await2_task\");", text, System.StringComparison.Ordinal);
    }
}
