using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Coroutines.Generator.Tests.Emitting;

/// <summary>
/// Only Emitting/ spells generated C#: the passes before it hold no string literal that looks like a
/// generated statement (a jump, a throw, a catch, a call of a runtime helper, a pattern test, a statement ended by its semicolon;
/// a lone <c>";"</c> stays allowed: it ends the user's call quoted in a state's comment).
/// </summary>
public sealed class OnlyTheEmitterWritesCodeTests
{
    private static readonly string[] Passes = { "Binding", "Lowering", "Flattening", "Names", "Linking" };

    private static readonly Regex GeneratedCode = new(
        @"\bgoto\s+([\w{@]|$)|\bthrow\s+([\w{@]|$)|\bcatch\s*\((global::|[A-Z{@]|$)|\b(Rethrow|Hoist|SuspendAt|ThrowPending|RethrowPending|Complete|MoveNext|GetEnumerator|GetResult)\(|\sis\s+\(|\S;\s*$",
        RegexOptions.CultureInvariant);

    [Fact]
    public void No_pass_before_the_emitter_holds_a_literal_of_generated_code()
    {
        var generator = Path.Combine(RepositoryRoot(), "src", "Generator");
        var found = Passes
            .SelectMany(pass => Directory.GetFiles(Path.Combine(generator, pass), "*.cs"))
            .SelectMany(file => Offending(File.ReadAllText(file)).Select(text => $"{Path.GetFileName(file)}: \"{text}\""))
            .ToList();

        Assert.Empty(found);
    }

    [Fact]
    public void The_scan_finds_generated_code_in_literals_and_interpolations_but_not_in_comments()
    {
        const string source = """
            class C
            {
                // goto done; throw Rethrow(e);
                string A(string f) => $"throw Rethrow({f});";
                string B(string v) => $"{v} is (1)";
                string G(string label) => $"goto {label};";
                string C2() => "x++;";
                string S(string call) => call + ";"; // the user's call, quoted in a comment
                string D() => "the value of a return that waits for a finally";
                string F() => "which catch (counted from 1) caught it";
                string E(string c) => $"catch ({c} e)";
            }
            """;

        Assert.Equal(new[] { "throw Rethrow(", ");", " is (1)", "goto ", "x++;", "catch (" }, Offending(source).ToArray());
    }

    private static IEnumerable<string> Offending(string source) =>
        CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens()
            .Where(static t => t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.InterpolatedStringTextToken))
            .Select(static t => t.ValueText)
            .Where(static text => GeneratedCode.IsMatch(text));

    private static string RepositoryRoot([CallerFilePath] string callerFilePath = "")
    {
        for (var directory = Path.GetDirectoryName(callerFilePath); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Coroutines.sln")))
            {
                return directory;
            }
        }
        throw new DirectoryNotFoundException("No Coroutines.sln above " + callerFilePath);
    }
}
