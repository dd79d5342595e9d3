using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Generator.Binding;

/// <summary>
/// C# 13's rule for a ref local in an <c>async</c> method (CS9217): it may be declared and used
/// between two awaits, but not live across one. A ref local of a flattened block that no use reaches
/// after a suspension stays a local of <c>Step()</c> (no field can hold a reference); this says
/// whether one is, and if not, the suspension it would live across. A local that the statements after the suspension's assign
/// before they read it is not live across it. Also for a local of a ref struct type (CS4007). Conservative where the flow is
/// not plain: a use inside a loop, a <c>switch</c> with <c>goto case</c> or after a label that also
/// holds a later suspension counts as live across it.
/// </summary>
internal static class RefLocalLiveness
{
    /// <summary>
    /// Null when every use of <paramref name="local"/>, declared by <paramref name="declarator"/> (or a designation in a statement of it) in
    /// <paramref name="scope"/> (a block, a switch section, or the <c>for</c> loop whose header declares it), is over before each suspension of the
    /// scope that follows the declaration; otherwise the first suspension it lives across, and why.
    /// </summary>
    public static (InvocationExpressionSyntax Call, string Why)? LiveAcross(
        ILocalSymbol local, SyntaxNode declarator, SyntaxNode scope, IReadOnlyDictionary<InvocationExpressionSyntax, SuspensionSite> sites, SemanticModel model)
    {
        var container = scope is SwitchSectionSyntax ? scope.Parent! : scope;
        var later = sites.Values
            .Where(s => s.Call.SpanStart > declarator.Span.End && container.Span.Contains(s.Call.Span))
            .OrderBy(static s => s.Call.SpanStart)
            .ToList();
        if (later.Count == 0)
        {
            return null;
        }
        var uses = container.DescendantNodes()
            .OfType<IdentifierNameSyntax>()
            .Where(n => n.SpanStart > declarator.Span.End && n.Identifier.ValueText == local.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n).Symbol, local))
            .ToList();
        var label = container.DescendantNodes().OfType<LabeledStatementSyntax>().FirstOrDefault(l => l.SpanStart > declarator.Span.End);
        foreach (var site in later)
        {
            var overwritten = label is null ? OverwrittenAfter(local, site, container, model) : null;
            foreach (var use in uses)
            {
                if (overwritten is not null && !overwritten.Span.Contains(use.Span) && use.SpanStart > overwritten.Span.End)
                {
                    continue; // after the statement of the suspension, the local is assigned before it is read again
                }
                if (label is not null && label.SpanStart < use.SpanStart)
                {
                    return (site.Call, $"it is used after the label '{label.Identifier.ValueText}', which a 'goto' may reach after it");
                }
                if (!EndsBefore(use, site, container, model))
                {
                    return (site.Call, IsReceiverOf(use, site.Call) && site.Binding.Result is { } result
                        ? $"the result method '{result}' is called on it after the resume"
                        : use.SpanStart > site.Call.Span.End
                        ? $"it is used after it, on line {LineOf(use)}"
                        : $"its use on line {LineOf(use)} is not over before it (the rest of the statement, or the next turn of a loop, uses it after the resume)");
                }
            }
        }
        return null;
    }

    /// <summary>
    /// The statement of <paramref name="container"/> that holds <paramref name="site"/> when, after it, the statements that follow
    /// assign the local before they read it (<c>s = stackalloc int[3];</c>, <c>r = ref a[1];</c>): what it held before the suspension
    /// is dead there, as C#'s own flow analysis finds. Null when they read it first, or when a loop around the suspension inside that
    /// statement may come back to it.
    /// </summary>
    private static StatementSyntax? OverwrittenAfter(ILocalSymbol local, SuspensionSite site, SyntaxNode container, SemanticModel model)
    {
        var statements = container switch
        {
            BlockSyntax block => block.Statements,
            SwitchSectionSyntax section => section.Statements,
            _ => default,
        };
        var statement = site.Call.Ancestors().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent == container);
        if (statement is null || statement.DescendantNodesAndSelf().Any(static n => n is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax))
        {
            return null;
        }
        var index = statements.IndexOf(statement);
        if (index < 0 || index == statements.Count - 1)
        {
            return null;
        }
        var flow = model.AnalyzeDataFlow(statements[index + 1], statements[statements.Count - 1]);
        return flow is { Succeeded: true } && flow.WrittenInside.Contains(local, SymbolEqualityComparer.Default) && !flow.DataFlowsIn.Contains(local, SymbolEqualityComparer.Default)
            ? statement
            : null;
    }

    /// <summary>Whether the use <paramref name="use"/> of the ref local is over before <paramref name="site"/> suspends.</summary>
    private static bool EndsBefore(IdentifierNameSyntax use, SuspensionSite site, SyntaxNode container, SemanticModel model)
    {
        // `d.Wait(1)` on a [Coroutine] or a suspension point without a result method: the call is
        // made on the variable before the suspension, and nothing reads it after.
        if (IsReceiverOf(use, site.Call))
        {
            return site.Binding.Result is null; // a suspension in its arguments comes first: checked as a site of its own
        }
        // `Next(slot)`: an argument of the suspending call itself, read before the call suspends.
        var common = site.Call.ArgumentList.Span.Contains(use.Span) ? site.Call.ArgumentList
            : use.Span.End <= site.Call.SpanStart ? use.Ancestors().First(a => a.Span.Contains(site.Call.Span))
            : null;
        if (common is null)
        {
            return false;
        }
        if (!OperandReadFirst(use, common, model))
        {
            return false;
        }
        // A loop or a switch that jumps between its sections runs the use again after the suspension:
        // also the `for` loop that declares the local in its header (its container), unless both are in
        // that header's declaration, which runs once.
        SyntaxNode? child = null;
        for (var node = common; node is not null; child = node, node = node.Parent)
        {
            if (node == container && node is not ForStatementSyntax)
            {
                break;
            }
            var once = node is ForStatementSyntax loop && child is not null && child == loop.Declaration;
            if (!once && (node is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax ||
                node is SwitchStatementSyntax switchStatement && switchStatement.DescendantNodes().OfType<GotoStatementSyntax>().Any()))
            {
                return false;
            }
            if (node == container)
            {
                break;
            }
        }
        return true;
    }

    private static bool IsReceiverOf(IdentifierNameSyntax use, InvocationExpressionSyntax call)
    {
        if (call.Expression is not MemberAccessExpressionSyntax access)
        {
            return false;
        }
        var receiver = access.Expression;
        while (receiver is ParenthesizedExpressionSyntax parenthesized)
        {
            receiver = parenthesized.Expression;
        }
        return receiver == use;
    }

    /// <summary>
    /// Whether, under <paramref name="common"/> (the smallest node holding both the use and the
    /// suspension, which comes after the use in the text), C# is done with the use before it evaluates
    /// the part that suspends: statements in sequence, an operand or argument read by value.
    /// </summary>
    private static bool OperandReadFirst(IdentifierNameSyntax use, SyntaxNode common, SemanticModel model)
    {
        var child = use.Ancestors().TakeWhile(a => a != common).LastOrDefault() ?? (SyntaxNode)use;
        switch (common)
        {
            case BlockSyntax or SwitchSectionSyntax or SwitchStatementSyntax or IfStatementSyntax or ElseClauseSyntax
                or TryStatementSyntax or CatchClauseSyntax or FinallyClauseSyntax or CheckedStatementSyntax or LabeledStatementSyntax
                or VariableDeclarationSyntax: // its declarators, left to right
                return true;
            case BinaryExpressionSyntax binary:
                return child == binary.Left;
            case ArgumentListSyntax or BracketedArgumentListSyntax or TupleExpressionSyntax:
                return child is ArgumentSyntax { RefKindKeyword.RawKind: 0 } argument && !IsByReference(argument, model);
            case InterpolatedStringExpressionSyntax:
                return true;
            default:
                return false;
        }
    }

    // An argument for an `in` or `ref readonly` parameter passes the variable itself: the call, after the suspension, still needs it.
    private static bool IsByReference(ArgumentSyntax argument, SemanticModel model) =>
        model.GetOperation(argument) is IArgumentOperation { Parameter.RefKind: not RefKind.None };

    private static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
}
