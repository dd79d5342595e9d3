using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Reliability.Tests.Fuzzing;

/// <summary>One mutant: its text, the seed it came from and the mutations applied, in order.</summary>
internal sealed record Mutant(int Index, string SeedName, string Text, IReadOnlyList<string> Steps)
{
    public string Description => $"mutant #{Index} of seed '{SeedName}': {string.Join("; ", Steps)}";
}

/// <summary>
/// Mutates valid coroutine sources the ways an editor and a careless or adversarial user do:
/// token deletions, duplications, swaps and insertions, truncation at a random point (what an
/// IDE sends mid-typing), renames that make names collide (with each other and with what the
/// generator adds), statement-level edits that keep the program valid (insert, delete, move,
/// wrap in another construct), and modifier edits. Deterministic: the same
/// <see cref="Random"/> gives the same mutant.
/// </summary>
internal static class Mutator
{
    /// <summary>Mutant <paramref name="index"/> of the run with <paramref name="runSeed"/>: reproducible alone.</summary>
    public static Mutant Create(IReadOnlyList<SeedSource> seeds, int runSeed, int index)
    {
        var rng = new Random(unchecked((runSeed * 1_000_003) ^ (index * 7_919) ^ index));
        var seed = seeds[rng.Next(seeds.Count)];
        var text = seed.Text;
        var steps = new List<string>();
        if (rng.Next(10) < 7)
        {
            // Most mutants keep one or two of the seed's coroutines: smaller inputs, more mutants per second.
            text = Focus(text, rng, steps);
        }
        var count = rng.Next(10) switch { < 5 => 1, < 8 => 2, _ => 3 };
        for (var i = 0; i < count; i++)
        {
            var (mutated, step) = MutateOnce(text, rng);
            text = mutated;
            steps.Add(step);
        }
        return new Mutant(index, seed.Name, text, steps);
    }

    private static string Focus(string text, Random rng, List<string> steps)
    {
        var root = CSharpSyntaxTree.ParseText(text, GeneratorCheck.ParseOptions).GetRoot();
        var methods = CoroutineMethods(root).ToList();
        var keep = rng.Next(10) < 7 ? 1 : 2;
        if (methods.Count <= keep)
        {
            return text;
        }
        var kept = methods.OrderBy(_ => rng.Next()).Take(keep).ToHashSet();
        var removed = methods.Where(m => !kept.Contains(m)).OrderByDescending(static m => m.FullSpan.Start).ToList();
        foreach (var method in removed)
        {
            text = text.Remove(method.FullSpan.Start, method.FullSpan.Length);
        }
        steps.Add($"keep only {string.Join(", ", kept.Select(static m => m.Identifier.Text))}");
        return text;
    }

    private static (string Text, string Step) MutateOnce(string text, Random rng)
    {
        var tree = CSharpSyntaxTree.ParseText(text, GeneratorCheck.ParseOptions);
        var root = tree.GetRoot();
        var roll = rng.Next(100);
        return roll switch
        {
            < 8 => DeleteTokens(root, rng),
            < 14 => DuplicateTokens(root, rng),
            < 20 => SwapTokens(root, rng),
            < 28 => InsertToken(root, rng),
            < 36 => Truncate(text, rng),
            < 50 => Rename(root, rng),
            < 68 => InsertStatement(root, text, rng),
            < 78 => WrapStatement(root, text, rng),
            < 86 => MoveStatement(root, text, rng),
            < 92 => EditModifiers(root, text, rng),
            _ => EditSleepArgument(root, text, rng),
        };
    }

    // ---------------------------------------------------------------- token level

    private static List<SyntaxToken> Tokens(SyntaxNode root) =>
        root.DescendantTokens().Where(static t => !t.IsKind(SyntaxKind.EndOfFileToken)).ToList();

    private static string Join(IEnumerable<string> parts) => string.Concat(parts);

    private static (string, string) DeleteTokens(SyntaxNode root, Random rng)
    {
        var tokens = Tokens(root);
        if (tokens.Count == 0)
        {
            return (root.ToFullString(), "delete: no tokens");
        }
        var at = rng.Next(tokens.Count);
        var length = 1 + rng.Next(3);
        var removed = string.Join(" ", tokens.Skip(at).Take(length).Select(static t => t.Text));
        var text = Join(tokens.Where((_, i) => i < at || i >= at + length).Select(static t => t.ToFullString()));
        return (text, $"delete tokens '{removed}' at token {at}");
    }

    private static (string, string) DuplicateTokens(SyntaxNode root, Random rng)
    {
        var tokens = Tokens(root);
        if (tokens.Count == 0)
        {
            return (root.ToFullString(), "duplicate: no tokens");
        }
        var at = rng.Next(tokens.Count);
        var length = 1 + rng.Next(Math.Min(12, tokens.Count - at));
        var copy = tokens.Skip(at).Take(length).Select(static t => t.ToFullString()).ToList();
        var where = rng.Next(2) == 0 ? at + length : rng.Next(tokens.Count);
        var parts = tokens.Select(static t => t.ToFullString()).ToList();
        parts.InsertRange(where, copy);
        return (Join(parts), $"duplicate tokens '{string.Concat(copy).Trim()}' at token {where}");
    }

    private static (string, string) SwapTokens(SyntaxNode root, Random rng)
    {
        var tokens = Tokens(root);
        if (tokens.Count < 2)
        {
            return (root.ToFullString(), "swap: too few tokens");
        }
        var a = rng.Next(tokens.Count);
        var b = rng.Next(2) == 0 ? Math.Min(tokens.Count - 1, a + 1 + rng.Next(4)) : rng.Next(tokens.Count);
        var parts = tokens.Select(static t => (t.LeadingTrivia.ToFullString(), t.Text, t.TrailingTrivia.ToFullString())).ToList();
        (parts[a], parts[b]) = ((parts[a].Item1, parts[b].Item2, parts[a].Item3), (parts[b].Item1, parts[a].Item2, parts[b].Item3));
        return (Join(parts.Select(static p => p.Item1 + p.Item2 + p.Item3)), $"swap tokens '{tokens[a].Text}' and '{tokens[b].Text}'");
    }

    private static readonly string[] s_vocabulary =
    [
        "{", "}", "(", ")", "[", "]", ";", ",", ".", "=", "==", "=>", "?", "??", ":", "::", "!", "<", ">", "+", "-", "*", "/", "&&",
        "@", "#", "\"", "'", "$\"", "\"\"\"", "/*", "*/", "//", "\n", "?.", "..", "^",
        "if", "else", "while", "for", "foreach", "do", "break", "continue", "return", "goto", "yield", "await", "async",
        "static", "partial", "class", "struct", "record", "interface", "void", "int", "var", "new", "this", "base", "null",
        "true", "false", "default", "case", "switch", "try", "catch", "finally", "throw", "using", "namespace", "ref", "out",
        "in", "params", "where", "global::", "unsafe", "fixed", "lock", "checked", "stackalloc", "delegate", "operator",
        "[Coroutine]", "Yield.Sleep(1);", "Sleep", "Yield", "Coroutine", "Suspension", "state", "Step", "@this", "#if X",
        "#endif", "#line 1 \"x.cs\"", "#pragma warning disable", "#nullable disable", "int.MaxValue", "-1", "0", "1",
    ];

    private static (string, string) InsertToken(SyntaxNode root, Random rng)
    {
        var tokens = Tokens(root);
        var parts = tokens.Select(static t => t.ToFullString()).ToList();
        var at = rng.Next(parts.Count + 1);
        var token = s_vocabulary[rng.Next(s_vocabulary.Length)];
        parts.Insert(at, " " + token + " ");
        return (Join(parts), $"insert '{token.Replace("\n", "\\n")}' at token {at}");
    }

    private static (string, string) Truncate(string text, Random rng)
    {
        var at = rng.Next(text.Length + 1);
        var line = text.Take(at).Count(static c => c == '\n') + 1;
        return (text[..at], $"truncate at offset {at} (line {line})");
    }

    // ---------------------------------------------------------------- renames

    /// <summary>Names the generator adds, inherits or uses: a user symbol with one of them must not change meaning.</summary>
    private static readonly string[] s_collisions =
    [
        "state", "Step", "Complete", "ThrowPending", "Hoist", "Rethrow", "RethrowPending", "Dispose", "Name", "Status",
        "Result", "Exception", "Cancel", "GetResult", "DefaultName", "ObservesCancellation", "IsFinished", "ToString",
        "Yield", "Sleep", "Suspension", "Coroutine", "Coroutines", "Clock", "Scheduler", "global", "@this", "@class",
        "resume1", "resume2", "if1_end", "if1_else", "while1_continue", "while1_break", "for1_top", "for1_continue",
        "for1_break", "do1_top", "do1_break", "value", "var", "dynamic", "nameof", "System", "T", "x_2", "state_2",
        "Equals", "GetHashCode", "MemberwiseClone", "Finalize", "GetType", "try1_caught",
    ];

    private static (string, string) Rename(SyntaxNode root, Random rng)
    {
        var identifiers = root.DescendantTokens()
            .Where(static t => t.IsKind(SyntaxKind.IdentifierToken) && IsDeclared(t))
            .Select(static t => t.ValueText)
            .Where(static n => n is not "Coroutine" and not "Yield" and not "Sleep" and not "Coroutines")
            .Distinct()
            .ToList();
        if (identifiers.Count == 0)
        {
            return (root.ToFullString(), "rename: no declared identifiers");
        }
        var from = identifiers[rng.Next(identifiers.Count)];
        string to;
        var kind = rng.Next(4);
        if (kind == 0)
        {
            to = identifiers[rng.Next(identifiers.Count)]; // two declared names collide
        }
        else if (kind == 1)
        {
            // Collide with what the generator adds for a coroutine: its state machine or its factory.
            var coroutines = CoroutineMethods(root).Select(static m => m.Identifier.ValueText).ToList();
            to = coroutines.Count == 0
                ? from + "Coroutine"
                : coroutines[rng.Next(coroutines.Count)] + (rng.Next(2) == 0 ? "StateMachine" : "Coroutine");
        }
        else
        {
            to = s_collisions[rng.Next(s_collisions.Length)];
        }
        var parts = root.DescendantTokens()
            .Where(static t => !t.IsKind(SyntaxKind.EndOfFileToken))
            .Select(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == from
                ? t.LeadingTrivia.ToFullString() + to + t.TrailingTrivia.ToFullString()
                : t.ToFullString());
        return (Join(parts), $"rename '{from}' to '{to}'");
    }

    private static bool IsDeclared(SyntaxToken token) => token.Parent is
        BaseTypeDeclarationSyntax or MethodDeclarationSyntax or VariableDeclaratorSyntax or ParameterSyntax or
        PropertyDeclarationSyntax or TypeParameterSyntax or SingleVariableDesignationSyntax or LabeledStatementSyntax or
        ForEachStatementSyntax or EventDeclarationSyntax or DelegateDeclarationSyntax or LocalFunctionStatementSyntax;

    // ---------------------------------------------------------------- statements

    private static IEnumerable<MethodDeclarationSyntax> CoroutineMethods(SyntaxNode root) =>
        root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(static m => m.AttributeLists.SelectMany(static l => l.Attributes).Any(static a => a.Name.ToString().Contains("Coroutine")));

    /// <summary>A statement directly inside a block, preferably in a [Coroutine] method.</summary>
    private static StatementSyntax? PickStatement(SyntaxNode root, Random rng)
    {
        var scope = rng.Next(5) == 0 ? root : (SyntaxNode?)Pick(CoroutineMethods(root).ToList(), rng) ?? root;
        var statements = scope.DescendantNodes().OfType<StatementSyntax>().Where(static s => s.Parent is BlockSyntax).ToList();
        return Pick(statements, rng);
    }

    private static T? Pick<T>(IReadOnlyList<T> list, Random rng)
        where T : class =>
        list.Count == 0 ? null : list[rng.Next(list.Count)];

    /// <summary>Statements to insert: suspensions everywhere C# allows a statement, jumps, names that collide, constructs not yet lowered.</summary>
    private static readonly string[] s_statements =
    [
        "Yield.Sleep(1);",
        "Yield.Sleep(0);",
        "Coroutines.Yield.Sleep(System.TimeSpan.FromMilliseconds(3));",
        "{ Yield.Sleep(2); }",
        "if (System.Environment.TickCount > 0) Yield.Sleep(3);",
        "if (System.Environment.TickCount < 0) { Yield.Sleep(1); } else { Yield.Sleep(2); }",
        "while (System.Environment.TickCount < 0) { Yield.Sleep(1); }",
        "for (int fz = 0; fz < 2; fz++) { Yield.Sleep(fz); }",
        "for (;;) { Yield.Sleep(1); break; }",
        "do { Yield.Sleep(1); } while (false);",
        "do Yield.Sleep(1); while (System.Environment.TickCount < 0);",
        "while (true) { Yield.Sleep(1); if (System.Environment.TickCount != 0) break; }",
        "break;",
        "continue;",
        "return;",
        "return default;",
        "return default!;",
        "throw new System.InvalidOperationException(\"fuzz\");",
        ";",
        "{ }",
        "goto fz_label; fz_label: ;",
        "fz_label2: Yield.Sleep(1);",
        "{ fz_inner: ; goto fz_inner2; fz_inner2: ; }",
        "{ resume1: ; }",
        "{ if1_end: ; }",
        "int state = 1;",
        "var @this = 3;",
        "string Complete = \"c\";",
        "int Step = 0; Yield.Sleep(Step);",
        "int fz = 1; Yield.Sleep(fz); fz++;",
        "{ int fz = 1; Yield.Sleep(fz); } { string fz = \"a\"; Yield.Sleep(fz.Length); }",
        "var fz = new { A = 1 }; Yield.Sleep(fz.A);",
        "System.Span<int> fz = stackalloc int[1]; Yield.Sleep(fz.Length);",
        "System.Action fz = () => Yield.Sleep(1);",
        "System.Func<int> fz = () => { Yield.Sleep(1); return 1; };",
        "void FzLocal() { Yield.Sleep(1); } FzLocal();",
        "int FzLocal2(int q) => q + 1; Yield.Sleep(FzLocal2(1));",
        "var fz = System.Math.Max(1, 2); Yield.Sleep(fz);",
        "Yield.Sleep(System.Math.Max(1, 2));",
        "_ = nameof(Yield.Sleep);",
        "Yield.Sleep(-1);",
        "Yield.Sleep(int.MaxValue);",
        "try { Yield.Sleep(1); } finally { }",
        "try { Yield.Sleep(1); } catch (System.Exception) { throw; }",
        "try { } finally { Yield.Sleep(1); }",
        "try { throw new System.Exception(); } catch { Yield.Sleep(1); }",
        "switch (System.Environment.TickCount % 2) { case 0: Yield.Sleep(1); break; default: break; }",
        "foreach (var fz in new[] { 1, 2 }) Yield.Sleep(fz);",
        "using (var fz = new System.IO.MemoryStream()) { Yield.Sleep(1); }",
        "using var fz = new System.IO.MemoryStream(); Yield.Sleep(1);",
        "lock (typeof(object)) { Yield.Sleep(1); }",
        "checked { Yield.Sleep(1); }",
        "unsafe { Yield.Sleep(1); }",
        "if (new object() is string fz) { Yield.Sleep(fz.Length); }",
        "if (!(new object() is string fz)) return; Yield.Sleep(fz.Length);",
        "if (int.TryParse(\"1\", out var fz)) { Yield.Sleep(fz); }",
        "var (fz1, fz2) = (1, \"two\"); Yield.Sleep(fz1); Yield.Sleep(fz2.Length);",
        "System.Console.WriteLine($\"{Coroutines.Clock.Current.Now}\"); Yield.Sleep(1);",
        "System.Console.WriteLine(\"\"\"\n    raw\n      text\n    \"\"\"); Yield.Sleep(1);",
        "var fz = this; Yield.Sleep(1);",
        "Yield.Sleep(1); Yield.Sleep(1); Yield.Sleep(1);",
        "int fzA = 1, fzB, fzC = fzA + 1; fzB = fzC; Yield.Sleep(fzB);",
        "ref int fz = ref System.Runtime.CompilerServices.Unsafe.NullRef<int>(); Yield.Sleep(1);",
        "const int FzConst = 4; Yield.Sleep(FzConst);",
        "yield return 1;",
        "await System.Threading.Tasks.Task.Yield();",
        "base.ToString();",
        "Yield.Sleep(1) ;",
        "(Yield.Sleep)(1);",
        "Yield.Sleep(milliseconds: 5);",
        "Yield.Sleep(delay: System.TimeSpan.Zero);",
    ];

    private static (string, string) InsertStatement(SyntaxNode root, string text, Random rng)
    {
        var statement = PickStatement(root, rng);
        var snippet = s_statements[rng.Next(s_statements.Length)];
        if (statement is null)
        {
            return (text, "insert statement: no statement");
        }
        var at = rng.Next(2) == 0 ? statement.FullSpan.Start : statement.FullSpan.End;
        return (text.Insert(at, " " + snippet + "\n"), $"insert statement `{snippet.Replace("\n", "\\n")}` at line {Line(text, at)}");
    }

    private static readonly (string Open, string Close)[] s_wrappers =
    [
        ("{ ", " }"),
        ("if (System.Environment.TickCount != 0) { ", " }"),
        ("if (System.Environment.TickCount == 0) { } else { ", " }"),
        ("while (true) { ", " break; }"),
        ("for (int fw = 0; fw < 2; fw++) { ", " }"),
        ("for (;;) { ", " break; }"),
        ("do { ", " } while (false);"),
        ("try { ", " } finally { }"),
        ("try { ", " } catch (System.Exception) { }"),
        ("switch (0) { default: ", " break; }"),
        ("using (null as System.IDisposable) { ", " }"),
        ("foreach (var fw in new int[1]) { ", " }"),
        ("lock (typeof(object)) { ", " }"),
        ("checked { ", " }"),
        ("unchecked { ", " }"),
        ("unsafe { ", " }"),
        ("fw_label: { ", " }"),
        ("System.Action fw = () => { ", " };"),
        ("void FwLocal() { ", " } FwLocal();"),
    ];

    private static (string, string) WrapStatement(SyntaxNode root, string text, Random rng)
    {
        var statement = PickStatement(root, rng);
        if (statement is null)
        {
            return (text, "wrap: no statement");
        }
        var (open, close) = s_wrappers[rng.Next(s_wrappers.Length)];
        // Sometimes wrap a run of statements, so declarations and their uses move together.
        var block = (BlockSyntax)statement.Parent!;
        var first = block.Statements.IndexOf(statement);
        var last = Math.Min(block.Statements.Count - 1, first + rng.Next(3));
        var span = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(statement.SpanStart, block.Statements[last].Span.End);
        var result = text[..span.Start] + open + text[span.Start..span.End] + close + text[span.End..];
        return (result, $"wrap lines {Line(text, span.Start)}-{Line(text, span.End)} in `{open}...{close}`");
    }

    private static (string, string) MoveStatement(SyntaxNode root, string text, Random rng)
    {
        var statement = PickStatement(root, rng);
        if (statement is null)
        {
            return (text, "move: no statement");
        }
        var body = statement.Ancestors().OfType<MethodDeclarationSyntax>().FirstOrDefault()?.Body as SyntaxNode ?? root;
        var targets = body.DescendantNodes().OfType<StatementSyntax>().Where(s => s.Parent is BlockSyntax && !s.FullSpan.IntersectsWith(statement.FullSpan)).ToList();
        var moved = statement.ToFullString();
        var kind = rng.Next(3);
        if (kind == 0 || targets.Count == 0)
        {
            return (text.Remove(statement.FullSpan.Start, statement.FullSpan.Length), $"delete statement `{OneLine(statement)}` (line {Line(text, statement.SpanStart)})");
        }
        var target = targets[rng.Next(targets.Count)];
        var at = rng.Next(2) == 0 ? target.FullSpan.Start : target.FullSpan.End;
        if (kind == 1)
        {
            return (text.Insert(at, moved), $"duplicate statement `{OneLine(statement)}` to line {Line(text, at)}");
        }
        // Move: insert at the target, then remove the original (adjusting for the shift).
        var inserted = text.Insert(at, moved);
        var start = statement.FullSpan.Start + (at <= statement.FullSpan.Start ? moved.Length : 0);
        return (inserted.Remove(start, statement.FullSpan.Length), $"move statement `{OneLine(statement)}` to line {Line(text, at)}");
    }

    private static (string, string) EditModifiers(SyntaxNode root, string text, Random rng)
    {
        var methods = CoroutineMethods(root).ToList();
        var types = root.DescendantNodes().OfType<TypeDeclarationSyntax>().ToList();
        var roll = rng.Next(6);
        if (roll < 3 && methods.Count > 0)
        {
            var method = methods[rng.Next(methods.Count)];
            string[] edits = ["static ", "async ", "unsafe ", "new ", "private ", "public ", "virtual ", "extern ", "partial ", "abstract "];
            if (roll == 0 && method.Modifiers.Count > 0)
            {
                var modifier = method.Modifiers[rng.Next(method.Modifiers.Count)];
                return (text.Remove(modifier.SpanStart, modifier.Span.Length), $"remove '{modifier.Text}' from {method.Identifier.Text}");
            }
            if (roll == 1)
            {
                // Change the return type: void <-> int <-> a generic or tuple type.
                string[] returnTypes = ["void", "int", "string?", "(int, string)", "System.Collections.Generic.List<int>", "object", "dynamic"];
                var type = returnTypes[rng.Next(returnTypes.Length)];
                return (text[..method.ReturnType.SpanStart] + type + text[method.ReturnType.Span.End..], $"return type of {method.Identifier.Text} to '{type}'");
            }
            var edit = edits[rng.Next(edits.Length)];
            var at = method.Modifiers.Count > 0 ? method.Modifiers[0].SpanStart : method.ReturnType.SpanStart;
            return (text.Insert(at, edit), $"add '{edit.Trim()}' to {method.Identifier.Text}");
        }
        if (types.Count == 0)
        {
            return (text, "modifiers: no type");
        }
        var typeDecl = types[rng.Next(types.Count)];
        if (roll == 3)
        {
            var partial = typeDecl.Modifiers.FirstOrDefault(static m => m.IsKind(SyntaxKind.PartialKeyword));
            return partial.IsKind(SyntaxKind.PartialKeyword)
                ? (text.Remove(partial.SpanStart, partial.Span.Length), $"remove 'partial' from {typeDecl.Identifier.Text}")
                : (text.Insert(typeDecl.Keyword.SpanStart, "partial "), $"add 'partial' to {typeDecl.Identifier.Text}");
        }
        string[] keywords = ["class", "struct", "record", "record struct", "interface", "static class", "sealed class", "abstract class", "ref struct", "readonly struct"];
        var keyword = keywords[rng.Next(keywords.Length)];
        var start = typeDecl.Keyword.SpanStart;
        var end = typeDecl is RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not 0 } record ? record.ClassOrStructKeyword.Span.End : typeDecl.Keyword.Span.End;
        return (text[..start] + keyword + text[end..], $"{typeDecl.Identifier.Text} becomes a '{keyword}'");
    }

    private static readonly string[] s_sleepArguments =
    [
        "0", "-1", "int.MaxValue", "int.MinValue", "1 + 2 * 3", "System.TimeSpan.MaxValue", "System.TimeSpan.FromTicks(1)",
        "default", "null", "\"5\"", "1.5", "(int)1.5", "System.Environment.TickCount % 2", "checked(int.MaxValue + 0)",
        "x", "this.GetHashCode() & 1", "new System.Random(1).Next(3)", "1, 2", "", "Yield.Sleep(1)",
    ];

    private static (string, string) EditSleepArgument(SyntaxNode root, string text, Random rng)
    {
        var calls = root.DescendantNodes().OfType<InvocationExpressionSyntax>().Where(static c => c.Expression.ToString().EndsWith("Sleep", StringComparison.Ordinal)).ToList();
        var call = Pick(calls, rng);
        if (call is null)
        {
            return (text, "sleep argument: no call");
        }
        var argument = s_sleepArguments[rng.Next(s_sleepArguments.Length)];
        var list = call.ArgumentList;
        return (text[..(list.OpenParenToken.Span.End)] + argument + text[list.CloseParenToken.SpanStart..], $"sleep argument at line {Line(text, call.SpanStart)} to `{argument}`");
    }

    private static int Line(string text, int position) => text.Take(Math.Min(position, text.Length)).Count(static c => c == '\n') + 1;

    private static string OneLine(SyntaxNode node)
    {
        var text = string.Join(" ", node.ToString().Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(static l => l.Trim()));
        return text.Length > 80 ? text[..77] + "..." : text;
    }
}
