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

    private List<SyntaxTree> _trees = null!;
    private SyntaxTree[] _unrelatedVersions = null!;
    private SyntaxTree[] _coroutineEdits = null!;
    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warmDriver = null!;
    private int _edit;

    [GlobalSetup]
    public void Setup()
    {
        _trees = new List<SyntaxTree>();
        for (var f = 0; f < Files; f++)
        {
            _trees.Add(CSharpSyntaxTree.ParseText(GeneratorInput.WorkerFile(f, MethodsPerFile), GeneratorInput.ParseOptions, path: $"Workers{f}.cs"));
        }
        _unrelatedVersions =
        [
            CSharpSyntaxTree.ParseText(UnrelatedFile(1), GeneratorInput.ParseOptions, path: "Unrelated.cs"),
            CSharpSyntaxTree.ParseText(UnrelatedFile(2), GeneratorInput.ParseOptions, path: "Unrelated.cs"),
        ];
        var last = Files - 1;
        var lastWorker = GeneratorInput.WorkerFile(last, MethodsPerFile);
        // Same length: nothing after it moves.
        var at = lastWorker.LastIndexOf("total -= 7;", StringComparison.Ordinal);
        _coroutineEdits =
        [
            _trees[last],
            CSharpSyntaxTree.ParseText(lastWorker.Remove(at, 11).Insert(at, "total -= 8;"), GeneratorInput.ParseOptions, path: $"Workers{last}.cs"),
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

    [Benchmark(Description = Names.CompilerBindsBodies)]
    public int CompilerBindsBodies() => NewCompilation().GetMethodBodyDiagnostics().Length;

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

    [Benchmark(Description = Names.GeneratorCoroutineEdit)]
    public int AfterEditInsideOneCoroutine()
    {
        // The last worker of the last file: the one coroutine whose model changes, and none moves.
        var current = _compilation.SyntaxTrees.First(t => t.FilePath == _coroutineEdits[0].FilePath);
        var edited = _compilation.ReplaceSyntaxTree(current, _coroutineEdits[++_edit & 1]);
        _compilation = edited;
        _warmDriver = _warmDriver.RunGenerators(edited);
        return _edit;
    }

    private CSharpCompilation NewCompilation() => GeneratorInput.Compilation([.. _trees, _unrelatedVersions[_edit & 1]]);

    private static GeneratorDriver NewDriver() => GeneratorInput.NewDriver();

    private static string UnrelatedFile(int version) => $$"""
        namespace Input;

        public static class Unrelated
        {
            public static int Answer() => {{40 + version}};
        }
        """;
}
