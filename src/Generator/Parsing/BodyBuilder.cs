using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Parsing;

/// <summary>
/// Turns the method body into the statement model: flattened statements become structure,
/// every other statement becomes rewritten text.
/// </summary>
internal sealed class BodyBuilder
{
    private readonly RewriteScope _scope;
    private readonly Suspensions _suspensions;
    private readonly Dictionary<string, int> _labelCounts = new();

    public BodyBuilder(RewriteScope scope, Suspensions suspensions)
    {
        _scope = scope;
        _suspensions = suspensions;
    }

    public BlockStatement BuildBody(MethodDeclarationSyntax method)
    {
        if (method.Body is not null)
        {
            return (BlockStatement)Build(method.Body, loop: null);
        }
        // Expression body: `=> expr;` is `{ expr; }` or `{ return expr; }`.
        var expression = method.ExpressionBody!.Expression;
        var line = LineOf(expression);
        Statement statement;
        if (_suspensions.ExpressionBody is { } suspension)
        {
            statement = Suspend(suspension.Factory, suspension.Call, suspension.Call.ToString() + ";");
        }
        else if (_scope.IsVoid)
        {
            statement = Code(Rewrite(expression) + ";", expression);
        }
        else
        {
            statement = new ReturnStatement(Rewrite(expression), line);
        }
        return new BlockStatement(new[] { statement }.ToEquatableArray(), line);
    }

    private Statement Build(StatementSyntax statement, LoopLabels? loop)
    {
        var line = LineOf(statement);
        if (_suspensions.Statements.TryGetValue(statement, out var suspension))
        {
            return Suspend(suspension.Factory, suspension.Call, statement.ToString());
        }
        if (!_suspensions.Flattened.Contains(statement))
        {
            return Kept(statement, loop, line);
        }
        switch (statement)
        {
            case BlockSyntax block:
                return new BlockStatement(block.Statements.Select(s => Build(s, loop)).ToEquatableArray(), line);
            case IfStatementSyntax ifStatement:
                return new IfStatement(
                    Rewrite(ifStatement.Condition),
                    Header(ifStatement, ifStatement.CloseParenToken),
                    Build(ifStatement.Statement, loop),
                    ifStatement.Else is null ? null : Build(ifStatement.Else.Statement, loop),
                    line);
            case WhileStatementSyntax whileStatement:
            {
                var labels = NewLoop("while");
                return new WhileStatement(
                    Rewrite(whileStatement.Condition),
                    Header(whileStatement, whileStatement.CloseParenToken),
                    Build(whileStatement.Statement, labels),
                    labels,
                    IsConstantTrue(whileStatement.Condition),
                    line);
            }
            case DoStatementSyntax doStatement:
            {
                var labels = NewLoop("do");
                return new DoStatement(
                    Build(doStatement.Statement, labels),
                    Rewrite(doStatement.Condition),
                    "do ... " + Header(doStatement.WhileKeyword, doStatement.CloseParenToken),
                    labels,
                    IsConstantTrue(doStatement.Condition),
                    LineOf(doStatement.Condition));
            }
            case ForStatementSyntax forStatement:
            {
                var labels = NewLoop("for");
                var initializers = new List<Statement>();
                if (forStatement.Declaration is not null)
                {
                    initializers.AddRange(Assignments(forStatement.Declaration));
                }
                initializers.AddRange(forStatement.Initializers.Select(e => Code(Rewrite(e) + ";", e)));
                var condition = forStatement.Condition is null || IsConstantTrue(forStatement.Condition)
                    ? null
                    : Rewrite(forStatement.Condition);
                return new ForStatement(
                    initializers.ToEquatableArray(),
                    condition,
                    forStatement.Incrementors.Select(Rewrite).ToEquatableArray(),
                    Header(forStatement, forStatement.CloseParenToken),
                    Build(forStatement.Statement, labels),
                    labels,
                    line);
            }
            default:
                return Kept(statement, loop, line);
        }
    }

    private Statement Kept(StatementSyntax statement, LoopLabels? loop, int line)
    {
        switch (statement)
        {
            case LocalDeclarationStatementSyntax declaration when !declaration.IsConst && statement.Parent is BlockSyntax block && _suspensions.Flattened.Contains(block):
                return new BlockStatement(Assignments(declaration.Declaration).ToEquatableArray(), line);
            case BreakStatementSyntax when loop is not null:
                return new JumpStatement(loop.Break, statement.ToString(), line);
            case ContinueStatementSyntax when loop is not null:
                return new JumpStatement(loop.Continue, statement.ToString(), line);
            case ReturnStatementSyntax returnStatement:
                return new ReturnStatement(returnStatement.Expression is null ? null : Rewrite(returnStatement.Expression), line);
            default:
                return KeptCode(statement, loop);
        }
    }

    /// <summary>A hoisted declaration becomes assignments to its fields, one per initialized declarator.</summary>
    private IEnumerable<Statement> Assignments(VariableDeclarationSyntax declaration)
    {
        foreach (var variable in declaration.Variables)
        {
            if (variable.Initializer is null)
            {
                continue;
            }
            var symbol = _scope.Model.GetDeclaredSymbol(variable);
            var target = symbol is not null && _scope.Fields.TryGetValue(symbol, out var field) ? field : variable.Identifier.Text;
            yield return Code($"{target} = {Rewrite(variable.Initializer.Value)};", variable);
        }
    }

    private static CodeStatement KeptCodeOf(string text, SyntaxNode origin, IEnumerable<string> jumpTargets) =>
        Code(text, origin) with { JumpTargets = jumpTargets.Distinct().ToEquatableArray() };

    private CodeStatement KeptCode(StatementSyntax statement, LoopLabels? loop)
    {
        var rewriter = new StatementRewriter(_scope, loop);
        var text = rewriter.Visit(statement)!.ToString();
        return KeptCodeOf(text, statement, rewriter.JumpTargets);
    }

    /// <summary>Kept code: continuation lines lose the indentation of the line it started on, unless a literal spans them.</summary>
    private static CodeStatement Code(string text, SyntaxNode origin)
    {
        var keep = KeepsIndent(origin);
        if (!keep && text.IndexOf('\n') >= 0)
        {
            var sourceText = origin.SyntaxTree.GetText();
            var startLine = sourceText.Lines.GetLineFromPosition(origin.SpanStart).ToString();
            var indent = startLine.Length - startLine.TrimStart().Length;
            var lines = text.Replace("\r\n", "\n").Split('\n');
            for (var i = 1; i < lines.Length; i++)
            {
                var strip = 0;
                while (strip < indent && strip < lines[i].Length && char.IsWhiteSpace(lines[i][strip]))
                {
                    strip++;
                }
                lines[i] = lines[i].Substring(strip);
            }
            text = string.Join("\n", lines);
        }
        return new CodeStatement(text, LineOf(origin), keep, EquatableArray<string>.Empty);
    }

    private SuspendStatement Suspend(string factory, InvocationExpressionSyntax call, string sourceText)
    {
        var arguments = string.Join(", ", call.ArgumentList.Arguments.Select(a => Rewrite(a)));
        return new SuspendStatement(factory, arguments, OneLine(sourceText), LineOf(call));
    }

    private LoopLabels NewLoop(string keyword)
    {
        _labelCounts.TryGetValue(keyword, out var count);
        _labelCounts[keyword] = ++count;
        return new LoopLabels($"{keyword}{count}_continue", $"{keyword}{count}_break");
    }

    private string Rewrite(SyntaxNode node) => StatementRewriter.Rewrite(_scope, node);

    private bool IsConstantTrue(ExpressionSyntax condition) =>
        _scope.Model.GetConstantValue(condition) is { HasValue: true, Value: true };

    private static string Header(SyntaxNode node, SyntaxToken end) =>
        OneLine(node.SyntaxTree.GetText().ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(node.SpanStart, end.Span.End)));

    private static string Header(SyntaxToken start, SyntaxToken end) =>
        OneLine(start.SyntaxTree!.GetText().ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start.SpanStart, end.Span.End)));

    private static string OneLine(string text) => Regex.Replace(text.Trim(), @"\s+", " ");

    public static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    // Multi-line string literals must keep their text byte for byte: never re-indent their lines.
    private static bool KeepsIndent(SyntaxNode node) =>
        node.DescendantTokens().Any(static t =>
            (t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.InterpolatedStringTextToken) ||
             t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) || t.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken) ||
             t.IsKind(SyntaxKind.Utf8MultiLineRawStringLiteralToken)) && t.Text.IndexOf('\n') >= 0);
}
