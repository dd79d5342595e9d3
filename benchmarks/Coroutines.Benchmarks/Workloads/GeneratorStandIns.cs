using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Coroutines.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Benchmarks;

/// <summary>
/// What the stand-ins cost the generator (issue 16): a cold run on 200 coroutines in 10 types whose every body needs one
/// (<c>var one = EchoCoroutine(n); var f = F(one);</c>: C# infers <c>F</c>'s <c>T</c> from Echo's generated class, which only a
/// stand-in in a copy of the compilation tells), against the same bodies with <c>one</c> typed <c>Coroutine&lt;int&gt;</c>, which
/// need none. The copy is made once per type (10), not once per body (200).
/// </summary>
public class GeneratorStandIns
{
    public const int Types = 10;
    public const int CoroutinesPerType = 20;

    private List<SyntaxTree> _withStandIns = null!;
    private List<SyntaxTree> _withoutStandIns = null!;

    [GlobalSetup]
    public void Setup()
    {
        _withStandIns = Trees(standIns: true);
        _withoutStandIns = Trees(standIns: false);
        // Check once that the measurement is meaningful: every state machine generated, no errors, and the copies made as described.
        Check(_withStandIns, copies: Types, typed: "EchoStateMachine? f");
        Check(_withoutStandIns, copies: 0, typed: "Coroutine<int> one");
    }

    [Benchmark(Baseline = true, Description = "Generator: 200 coroutines needing no stand-in, cold run")]
    public int WithoutStandIns() => GeneratorInput.NewDriver().RunGenerators(GeneratorInput.Compilation(_withoutStandIns)).GetRunResult().GeneratedTrees.Length;

    [Benchmark(Description = "Generator: 200 coroutines each needing a stand-in, cold run")]
    public int WithStandIns() => GeneratorInput.NewDriver().RunGenerators(GeneratorInput.Compilation(_withStandIns)).GetRunResult().GeneratedTrees.Length;

    private static List<SyntaxTree> Trees(bool standIns) =>
        Enumerable.Range(0, Types).Select(t => CSharpSyntaxTree.ParseText(UserFile(t, standIns), GeneratorInput.ParseOptions, path: $"Users{t}.cs")).ToList();

    private static void Check(List<SyntaxTree> trees, int copies, string typed)
    {
        var compilation = GeneratorInput.Compilation(trees);
        GeneratorInput.NewDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var generated = output.SyntaxTrees.Skip(trees.Count).Select(static t => t.ToString()).ToList();
        var errors = diagnostics.Concat(output.GetDiagnostics()).Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
        var users = generated.Count(g => g.Contains(typed, StringComparison.Ordinal));
        // The generator's own count (internal: read by reflection, as this suite only sees the generator's public surface).
        var table = typeof(CoroutineGenerator).Assembly.GetType("Coroutines.Generator.Binding.StandInCompilations", throwOnError: true)!;
        var made = table.GetProperty("CopiesMade")!.GetValue(table.GetMethod("Of")!.Invoke(null, [compilation]));
        if (generated.Count != Types * (CoroutinesPerType + 1) || errors.Count > 0 || users != Types * CoroutinesPerType || (int)made! != copies)
        {
            throw new InvalidOperationException(
                $"Stand-in benchmark input is broken: {generated.Count} files generated, {users} with '{typed}', {made} copies (expected {copies}), errors: {string.Join("; ", errors.Take(5))}");
        }
    }

    /// <summary>Type <paramref name="type"/>: Echo and <see cref="CoroutinesPerType"/> coroutines that keep <c>f</c> across a suspension.</summary>
    private static string UserFile(int type, bool standIns)
    {
        var text = new StringBuilder();
        text.AppendLine($$"""
            using System;
            using Coroutines;

            namespace Input;

            public static partial class Users{{type}}
            {
                [Coroutine]
                public static int Echo(int value)
                {
                    Yield.Sleep(1);
                    return value;
                }

                public static T F<T>(T value) => value;

            """);
        for (var c = 0; c < CoroutinesPerType; c++)
        {
            var k = (type * CoroutinesPerType) + c;
            text.AppendLine($$"""
                    [Coroutine]
                    public static int User{{k}}(int n)
                    {
                        {{(standIns ? "var" : "Coroutine<int>")}} one = EchoCoroutine(n);
                        var f = F(one);
                        int total = {{k}};
                        for (int i = 0; i < n; i++)
                        {
                            total += i * {{(k % 7) + 1}};
                            Yield.Sleep(1);
                        }
                        return total + (f == one ? 1 : 0);
                    }

                """);
        }
        text.AppendLine("}");
        return text.ToString();
    }
}
