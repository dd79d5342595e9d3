using System;
using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Coroutines.Generator.Tests.Incrementality;

/// <summary>
/// Issue 16's budgets, counted, not timed: after an edit that changes no declaration outside the
/// edited body, the generator binds and lowers again only the coroutines whose text or position
/// changed (<see cref="LoweringMemo"/> counts them), and every tracked step and source output of
/// the others is <c>Cached</c> or <c>Unchanged</c>. An edit to a declaration binds everything again.
/// </summary>
public sealed class IncrementalBudgetTests
{
    private const string Counters = """
        using Coroutines;

        namespace Demo;

        public static partial class Counters
        {
            [Coroutine]
            public static int First(int n)
            {
                int total = 0;
                for (int i = 0; i < n; i++)
                {
                    total += i;
                    Yield.Sleep(1);
                }
                return total;
            }

            [Coroutine]
            public static int Second(int n)
            {
                int total = 1;
                Yield.Sleep(n);
                return total + n;
            }

            [Coroutine]
            public static int Third(int n)
            {
                int total = 2;
                Yield.Sleep(n);
                return total * n;
            }
        }
        """;

    private const string Readers = """
        using Coroutines;

        namespace Demo;

        public static partial class Readers
        {
            [Coroutine]
            public static string ReadShared()
            {
                var value = Shared.Value;
                Yield.Sleep(1);
                return value.ToString();
            }
        }
        """;

    private const string SharedFile = """
        namespace Demo;

        public static class Shared
        {
            public static int Value => 1;

            public static int Helper()
            {
                return 40;
            }
        }
        """;

    private const int Coroutines = 4;

    [Fact]
    public void An_edit_inside_an_ordinary_method_body_binds_nothing_again()
    {
        var (generator, first) = Run();
        Assert.Equal(Coroutines, generator.Memo.Lowered);

        var second = first.RerunWithEdit("Shared.cs", SharedFile.Replace("return 40;", "return 41 + 1;"));

        Assert.Equal(Coroutines, generator.Memo.Lowered);
        Assert.Empty(ChangedOutputs(second));
        Assert.Equal(first.GeneratedSources, second.GeneratedSources);
    }

    [Fact]
    public void Typing_above_a_region_binds_nothing_again_but_moving_a_nullable_directive_binds_everything()
    {
        var withDirectives = SharedFile.Replace("public static class Shared", "#nullable enable\n#region Shared\npublic static class Shared").Replace("    public static int Helper()", "#endregion\n    public static int Helper()");
        var (generator, first) = Run(withDirectives);

        // Text above the #nullable directive moves it: whatever follows may bind differently.
        first.RerunWithEdit("Shared.cs", "// a comment typed above\n" + withDirectives);

        Assert.Equal(2 * Coroutines, generator.Memo.Lowered);

        var (again, second) = Run(withDirectives);
        second.RerunWithEdit("Shared.cs", withDirectives.Replace("return 40;", "return 40 + 2;").Replace("#region Shared", "// typed\n#region Shared"));

        Assert.Equal(Coroutines, again.Memo.Lowered);
    }

    [Fact]
    public void An_edit_inside_one_coroutine_lowers_and_emits_that_coroutine_only()
    {
        var (generator, first) = Run();

        var second = first.RerunWithEdit("Counters.cs", Counters.Replace("return total * n;", "return total * n * 3;"));

        second.AssertNoErrorsOrWarnings();
        Assert.Equal(Coroutines + 1, generator.Memo.Lowered);
        var changed = ChangedOutputs(second);
        // One model, one flattened state machine, one source output (whose value shows no name).
        var steps = changed.Select(c => c[..c.IndexOf(':', StringComparison.Ordinal)]).OrderBy(c => c, StringComparer.Ordinal).ToList();
        Assert.True(
            steps.SequenceEqual([TrackingNames.Flatten + " Modified", TrackingNames.Lower + " Modified", "SourceOutput Modified"]) &&
            changed.Where(c => !c.StartsWith("SourceOutput", StringComparison.Ordinal)).All(c => c.Contains("Key = M:Demo.Counters.Third(", StringComparison.Ordinal)),
            "Only Third's outputs should change:" + Environment.NewLine + string.Join(Environment.NewLine, changed));
        var regenerated = first.GeneratedSources.Keys.Where(k => first.GeneratedSources[k] != second.GeneratedSources[k]).ToList();
        Assert.Equal([first.GeneratedSources.Keys.Single(k => k.Contains("Third", StringComparison.Ordinal))], regenerated);
    }

    [Fact]
    public void An_edit_that_moves_the_coroutines_after_it_lowers_those_again_and_no_others()
    {
        var (generator, first) = Run();

        // Longer text in First: Second and Third start further down the file (their diagnostics and #line move).
        var second = first.RerunWithEdit("Counters.cs", Counters.Replace("total += i;", "total += i;\n            total += 0;"));

        second.AssertNoErrorsOrWarnings();
        Assert.Equal(Coroutines + 3, generator.Memo.Lowered);
        Assert.DoesNotContain(ChangedOutputs(second), c => c.Contains("ReadShared", StringComparison.Ordinal));
    }

    [Fact]
    public void A_declaration_edit_binds_every_coroutine_again_and_its_effect_is_not_missed()
    {
        var (generator, first) = Run();
        Assert.Contains("int value", first.GeneratedSource("ReadSharedStateMachine.g.cs"), StringComparison.Ordinal);

        // Only the property's type changes, in another file: ReadShared's hoisted `var` becomes a long.
        var second = first.RerunWithEdit("Shared.cs", SharedFile.Replace("public static int Value", "public static long Value"));

        second.AssertNoErrorsOrWarnings();
        Assert.Equal(2 * Coroutines, generator.Memo.Lowered);
        Assert.Contains("long value", second.GeneratedSource("ReadSharedStateMachine.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void New_references_bind_every_coroutine_again()
    {
        var (generator, first) = Run();

        // The same runtime, loaded again: a new reference object, as after a rebuild of a referenced project.
        var runtime = typeof(Coroutine).Assembly.Location;
        var second = first.Rerun(first.InputCompilation.WithReferences(first.InputCompilation.References.Select(
            r => r is PortableExecutableReference pe && pe.FilePath == runtime ? MetadataReference.CreateFromFile(runtime) : r)));

        Assert.Equal(2 * Coroutines, generator.Memo.Lowered);
        Assert.Equal(first.GeneratedSources, second.GeneratedSources);
    }

    private static (CoroutineGenerator Generator, GeneratorRun Run) Run(string shared = SharedFile)
    {
        var generator = new CoroutineGenerator();
        var compilation = GeneratorHarness.CreateCompilation([("Counters.cs", Counters), ("Readers.cs", Readers), ("Shared.cs", shared)]);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators: [generator.AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        var run = GeneratorRun.Execute(driver, compilation);
        run.AssertNoErrorsOrWarnings();
        return (generator, run);
    }

    // "Step Reason: value" for every output of the pipeline's own steps and of the source outputs that is neither Cached nor Unchanged.
    private static List<string> ChangedOutputs(GeneratorRun run)
    {
        string[] names = [TrackingNames.Lower, TrackingNames.Diagnostics, TrackingNames.Link, TrackingNames.Flatten];
        var outputs = run.Result.TrackedSteps.Where(s => names.Contains(s.Key))
            .Concat(run.Result.TrackedOutputSteps)
            .SelectMany(s => s.Value.SelectMany(r => r.Outputs).Select(o => (Step: s.Key, o.Value, o.Reason)));
        return [.. outputs
            .Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .Select(o => $"{o.Step} {o.Reason}: {o.Value}")];
    }
}
