using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Coroutines.Benchmarks;

/// <summary>
/// The generator as an IDE runs it (issue 16): a solution of 200 files with 10 [Coroutine]
/// methods each (2,000 coroutines); one invocation types 20 keystrokes in one file (10
/// characters into a string literal, then 10 backspaces, so every invocation starts from the same
/// text), each followed by a generator run on the same driver, as the IDE reuses its driver
/// between edits. Time is per keystroke (<see cref="Keystrokes"/> operations per invocation).
/// The edited member is the sixth of the file's eleven: a coroutine, or an ordinary method;
/// either way the five coroutines after it move down the file.
/// </summary>
public class GeneratorKeystrokes
{
    public const int Files = 200;
    public const int MethodsPerFile = 10;
    public const int Keystrokes = 20;
    public const string InCoroutine = "a coroutine";
    public const string InOrdinaryMethod = "an ordinary method";
    private const int EditedFile = Files / 2;
    private const string Typed = "abcdefghij";

    // A coroutine, or an ordinary method, with a string literal to type into: `""` in the text below.
    private const string CoroutineMember = """
            [Coroutine]
            public static string Typing(int delay)
            {
                string note = "";
                Yield.Sleep(delay);
                return note;
            }

        """;

    private const string OrdinaryMember = """
            public static string Typing()
            {
                string note = "";
                return note;
            }

        """;

    private List<SyntaxTree> _trees = null!;
    private SyntaxTree[] _versions = null!;
    private SyntaxTree _current = null!;
    private int _caret;
    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _driver = null!;

    [Params(InCoroutine, InOrdinaryMethod)]
    public string Inside { get; set; } = InCoroutine;

    [GlobalSetup]
    public void Setup()
    {
        var member = Inside == InCoroutine ? CoroutineMember : OrdinaryMember;
        _trees = [];
        for (var f = 0; f < Files; f++)
        {
            var text = f == EditedFile ? GeneratorInput.WorkerFile(f, MethodsPerFile, member, MethodsPerFile / 2) : GeneratorInput.WorkerFile(f, MethodsPerFile);
            _trees.Add(CSharpSyntaxTree.ParseText(text, GeneratorInput.ParseOptions, path: $"Workers{f}.cs"));
        }
        _current = _trees[EditedFile];
        _caret = _current.GetText().ToString().IndexOf("note = \"\"", StringComparison.Ordinal) + "note = \"".Length;
        _compilation = GeneratorInput.Compilation(_trees);
        _driver = GeneratorInput.NewDriver().RunGeneratorsAndUpdateCompilation(_compilation, out var output, out var diagnostics);
        var generated = _driver.GetRunResult().GeneratedTrees.Length;
        var expected = (Files * MethodsPerFile) + (Inside == InCoroutine ? 1 : 0);
        var errors = diagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (generated != expected || errors.Count > 0)
        {
            throw new InvalidOperationException($"Keystroke benchmark input is broken: {generated} files generated, errors: {string.Join("; ", errors.Take(5))}");
        }
    }

    /// <summary>
    /// The 20 next states of the edited file, each parsed incrementally from the one before, as the
    /// IDE does; new trees for every invocation, as every keystroke makes one (nothing the
    /// generator keeps per tree is reused from a previous invocation).
    /// </summary>
    [IterationSetup]
    public void Type()
    {
        _versions = new SyntaxTree[Keystrokes + 1];
        _versions[0] = _current;
        for (var k = 1; k <= Keystrokes; k++)
        {
            var change = k <= Typed.Length
                ? new TextChange(new TextSpan(_caret + k - 1, 0), Typed[k - 1].ToString())
                : new TextChange(new TextSpan(_caret + Keystrokes - k, 1), "");
            _versions[k] = _versions[k - 1].WithChangedText(_versions[k - 1].GetText().WithChanges(change));
        }
        if (_versions[Keystrokes].GetText().ToString() != _current.GetText().ToString())
        {
            throw new InvalidOperationException("The keystrokes should end on the original text.");
        }
    }

    [Benchmark(OperationsPerInvoke = Keystrokes)]
    public int TypeTwentyKeystrokes()
    {
        for (var k = 1; k <= Keystrokes; k++)
        {
            _compilation = _compilation.ReplaceSyntaxTree(_versions[k - 1], _versions[k]);
            _driver = _driver.RunGenerators(_compilation);
        }
        _current = _versions[Keystrokes];
        return _driver.GetRunResult().GeneratedTrees.Length;
    }
}
