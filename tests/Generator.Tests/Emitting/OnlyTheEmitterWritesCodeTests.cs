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
/// a lone <c>";"</c> stays allowed: it ends the user's call quoted in a state's comment) or a piece that
/// joins generated code to the user's (<c>" &amp;&amp; "</c>, <c>"(out "</c>, <c>"new "</c>, a one-line block's
/// <c>"{ "</c> and <c>" }"</c>), and they do not call into Emitting/ to have it spelled for them.
/// </summary>
public sealed class OnlyTheEmitterWritesCodeTests
{
    private static readonly string[] Passes = { "Binding", "Lowering", "Flattening", "Names", "Linking" };

    private static readonly Regex GeneratedCode = new(
        @"\bgoto\s+([\w{@]|$)|\bthrow\s+([\w{@]|$)|\bcatch\s*\((global::|[A-Z{@]|$)|\b(Rethrow|Hoist|SuspendAt|ThrowPending|RethrowPending|Complete|MoveNext|GetEnumerator|GetResult)\(|\sis\s+\(|\S;\s*$" +
        @"|\s(&&|\|\|)\s|\(out\s|^new\s*$|^\{\s*$|^\s*\}$",
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
    public void No_pass_before_the_emitter_calls_into_Emitting()
    {
        var generator = Path.Combine(RepositoryRoot(), "src", "Generator");
        var emitting = EmittingTypes(Directory.GetFiles(Path.Combine(generator, "Emitting"), "*.cs").Select(File.ReadAllText));
        Assert.NotEmpty(emitting);
        var found = Passes
            .SelectMany(pass => Directory.GetFiles(Path.Combine(generator, pass), "*.cs"))
            .SelectMany(file => EmittingReferences(File.ReadAllText(file), emitting).Select(text => $"{Path.GetFileName(file)}: {text}"))
            .ToList();

        Assert.Empty(found);
    }

    [Fact]
    public void The_scan_finds_a_use_of_Emitting_but_not_a_name_in_a_comment_or_a_member_of_the_same_name()
    {
        const string emitter = """
            namespace Coroutines.Generator.Emitting;
            internal static class InlineStatements { public static string Text(object s) => ""; }
            internal sealed class Emitter { }
            """;
        const string lowering = """
            using Coroutines.Generator.Emitting;
            class C
            {
                // InlineStatements writes it
                string A(object s) => InlineStatements.Text(s);
                string B(object s) => global::Coroutines.Generator.Emitting.Emitter.Emit(s);
                string Text(Jump jump) => jump.InlineStatements;
            }
            """;

        var emitting = EmittingTypes(new[] { emitter });

        Assert.Equal(new[] { "Emitter", "InlineStatements" }, emitting.OrderBy(static n => n).ToArray());
        Assert.Equal(
            new[] { "using Coroutines.Generator.Emitting", "InlineStatements", "global::Coroutines.Generator.Emitting" },
            EmittingReferences(lowering, emitting).ToArray());
    }

    [Fact]
    public void Lowering_and_flattening_parse_no_text_into_statements_or_expressions()
    {
        // Text parsed back into syntax is text built by the pass and spliced into the user's code.
        var generator = Path.Combine(RepositoryRoot(), "src", "Generator");
        var found = new[] { "Lowering", "Flattening" }
            .SelectMany(pass => Directory.GetFiles(Path.Combine(generator, pass), "*.cs"))
            .SelectMany(file => TextParsedIntoCode(File.ReadAllText(file)).Select(call => $"{Path.GetFileName(file)}: {call}"))
            .ToList();

        Assert.Empty(found);
    }

    [Fact]
    public void The_scan_finds_text_parsed_into_a_statement_or_an_expression_but_not_a_type_name()
    {
        const string source = """
            class C
            {
                object A(string text) => SyntaxFactory.ParseStatement(text).WithTriviaFrom(node);
                object B(string text) => ParseExpression("(" + text + ")");
                object T(string type) => SyntaxFactory.ParseTypeName(type);
            }
            """;

        Assert.Equal(new[] { "SyntaxFactory.ParseStatement(text)", "ParseExpression(\"(\" + text + \")\")" }, TextParsedIntoCode(source).ToArray());
    }

    [Fact]
    public void Lowering_and_flattening_join_no_member_access_or_cast_as_text()
    {
        // `closure1.x` or `(Type)(value)` joined as text is code the pass spells itself: the model carries
        // member-access syntax, a MemberExpression or a CastExpression, which the emitter writes.
        var generator = Path.Combine(RepositoryRoot(), "src", "Generator");
        var found = new[] { "Lowering", "Flattening" }
            .SelectMany(pass => Directory.GetFiles(Path.Combine(generator, pass), "*.cs"))
            .SelectMany(file => JoinedAsText(File.ReadAllText(file)).Select(text => $"{Path.GetFileName(file)}: \"{text}\""))
            .ToList();

        Assert.Empty(found);
    }

    [Fact]
    public void The_scan_finds_a_member_access_or_a_cast_joined_as_text_but_not_a_sentence()
    {
        const string source = """
            class C
            {
                string A(string closure, string field) => closure + "." + field;
                string B(string closure, string field) => $"{closure}.{field}";
                string R(string callee) => $"{callee}.Result";
                string T(string type, string value) => $"({type})({value})";
                string D(int line) => $"the loop at line {line}. It ends.";
            }
            """;

        Assert.Equal(new[] { ".", ".", ".Result", ")(" }, JoinedAsText(source).ToArray());
    }

    private static readonly Regex MemberAccessOrCast = new(@"^\.[\w@]*$|^\)\($", RegexOptions.CultureInvariant);

    private static IEnumerable<string> JoinedAsText(string source) =>
        CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens()
            .Where(static t => t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.InterpolatedStringTextToken))
            .Select(static t => t.ValueText)
            .Where(static text => MemberAccessOrCast.IsMatch(text));

    private static IEnumerable<string> TextParsedIntoCode(string source) =>
        CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(static call => call.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText is "ParseStatement" or "ParseExpression",
                IdentifierNameSyntax name => name.Identifier.ValueText is "ParseStatement" or "ParseExpression",
                _ => false,
            })
            .Select(static call => call.ToString());

    [Fact]
    public void The_scan_finds_generated_code_joined_to_the_users()
    {
        const string source = """
            class C
            {
                string H(string t, string f, string v) => $"({t} && {Names.Hoist}(out {f}, {v}))";
                string N(string type, string value) => $"new {type} {value}";
                string B(string[] parts) => "{ " + string.Join(" ", parts) + " }";
                string D() => "the value the switch at line 3 tests (and its pattern variables)";
            }
            """;

        Assert.Equal(new[] { " && ", "(out ", "new ", "{ ", " }" }, Offending(source).ToArray());
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

    /// <summary>The types Emitting/ declares.</summary>
    private static HashSet<string> EmittingTypes(IEnumerable<string> sources) =>
        sources.SelectMany(static source => CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            .Select(static type => type.Identifier.ValueText)
            .ToHashSet();

    /// <summary>A using of the Emitting namespace, a name of it, and a type of Emitting/ used by its simple name (not as a member).</summary>
    private static IEnumerable<string> EmittingReferences(string source, HashSet<string> emittingTypes)
    {
        foreach (var node in CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes())
        {
            switch (node)
            {
                case UsingDirectiveSyntax { Name: { } name } when name.ToString().EndsWith(".Emitting", System.StringComparison.Ordinal):
                    yield return $"using {name}";
                    break;
                case IdentifierNameSyntax { Identifier.ValueText: "Emitting", Parent: QualifiedNameSyntax or MemberAccessExpressionSyntax } emitting
                    when !emitting.Ancestors().OfType<UsingDirectiveSyntax>().Any():
                    yield return emitting.Parent!.ToString();
                    break;
                case IdentifierNameSyntax identifier when emittingTypes.Contains(identifier.Identifier.ValueText) && !IsMemberName(identifier):
                    yield return identifier.Identifier.ValueText;
                    break;
            }
        }
    }

    private static bool IsMemberName(IdentifierNameSyntax name) =>
        name.Parent is MemberAccessExpressionSyntax access && access.Name == name;

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
