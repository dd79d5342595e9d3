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
/// The generator on 1,000 [Coroutine] methods in one compilation (50 files of 20 methods), run
/// through <see cref="CSharpGeneratorDriver"/>: a cold run (new compilation, new driver), and a
/// cached re-run after an edit to an unrelated file (the driver's previous state is reused).
/// </summary>
public class GeneratorThroughput
{
    public const int Files = 50;
    public const int MethodsPerFile = 20;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private List<SyntaxTree> _trees = null!;
    private SyntaxTree[] _unrelatedVersions = null!;
    private MetadataReference[] _references = null!;
    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warmDriver = null!;
    private int _edit;

    [GlobalSetup]
    public void Setup()
    {
        _references = [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(Coroutine).Assembly.Location)];
        _trees = new List<SyntaxTree>();
        for (var f = 0; f < Files; f++)
        {
            _trees.Add(CSharpSyntaxTree.ParseText(WorkerFile(f), ParseOptions, path: $"Workers{f}.cs"));
        }
        _unrelatedVersions =
        [
            CSharpSyntaxTree.ParseText(UnrelatedFile(1), ParseOptions, path: "Unrelated.cs"),
            CSharpSyntaxTree.ParseText(UnrelatedFile(2), ParseOptions, path: "Unrelated.cs"),
        ];
        _compilation = NewCompilation();

        // Check once that the measurement is meaningful: 1,000 state machines, no errors.
        var driver = NewDriver().RunGeneratorsAndUpdateCompilation(_compilation, out var output, out var diagnostics);
        var generated = driver.GetRunResult().GeneratedTrees.Length;
        var errors = diagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (generated != Files * MethodsPerFile || errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"Generator benchmark input is broken: {generated} files generated, errors: {string.Join("; ", errors.Take(5))}");
        }
        _warmDriver = driver;
    }

    [Benchmark(Description = Names.GeneratorCold)]
    public int Cold()
    {
        var driver = NewDriver().RunGenerators(NewCompilation());
        return driver.GetRunResult().GeneratedTrees.Length;
    }

    [Benchmark(Description = Names.GeneratorCached)]
    public int CachedAfterUnrelatedEdit()
    {
        // A fresh compilation that differs from the previous one in one file without coroutines,
        // as after a keystroke in an IDE.
        var edited = _compilation.ReplaceSyntaxTree(_compilation.SyntaxTrees.Last(), _unrelatedVersions[++_edit & 1]);
        _compilation = edited;
        _warmDriver = _warmDriver.RunGenerators(edited);
        return _edit;
    }

    private CSharpCompilation NewCompilation() =>
        CSharpCompilation.Create(
            "GeneratorBenchmarkInput",
            [.. _trees, _unrelatedVersions[_edit & 1]],
            _references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new CoroutineGenerator().AsSourceGenerator()], parseOptions: ParseOptions);

    private static string WorkerFile(int file)
    {
        var text = new StringBuilder();
        text.AppendLine("using System;");
        text.AppendLine("using Coroutines;");
        text.AppendLine();
        text.AppendLine("namespace Input;");
        text.AppendLine();
        text.AppendLine($"public static partial class Workers{file}");
        text.AppendLine("{");
        text.AppendLine("    public static int Seen;");
        for (var m = 0; m < MethodsPerFile; m++)
        {
            var k = (file * MethodsPerFile) + m;
            text.AppendLine($$"""
                    [Coroutine]
                    public static int Worker{{k}}(int n, int delay)
                    {
                        int total = {{k}};
                        for (int i = 0; i < n; i++)
                        {
                            total += i * {{(k % 7) + 1}};
                            if (total % 3 == 0)
                            {
                                Yield.Sleep(delay);
                            }
                            else
                            {
                                Yield.Sleep(TimeSpan.FromMilliseconds(delay + {{m}}));
                            }
                            Seen++;
                        }
                        while (total > 100)
                        {
                            total -= 7;
                            Yield.Sleep(0);
                        }
                        return total;
                    }

                """);
        }
        text.AppendLine("}");
        return text.ToString();
    }

    private static string UnrelatedFile(int version) => $$"""
        namespace Input;

        public static class Unrelated
        {
            public static int Answer() => {{40 + version}};
        }
        """;
}
