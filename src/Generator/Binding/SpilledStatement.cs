using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// A statement (or the method's expression body) with suspensions inside its expressions: an
/// argument, an operand, a condition ... Lowering spills it (Lowering/Spilling): the suspensions
/// become statements of their own, in C#'s evaluation order, with what C# evaluates before them kept
/// in temporaries. Parse-time only: it holds syntax and symbols.
/// </summary>
internal sealed class SpilledStatement
{
    public SpilledStatement(SyntaxNode host) => Host = host;

    /// <summary>Whether <paramref name="call"/> stands in a <c>case</c> guard (<c>when</c>) of the switch statement <paramref name="host"/>: flattening spills it in the dispatch.</summary>
    public static bool IsInCaseGuard(InvocationExpressionSyntax call, SyntaxNode host) =>
        host is SwitchStatementSyntax switchStatement &&
        switchStatement.Sections.SelectMany(static s => s.Labels).OfType<CasePatternSwitchLabelSyntax>().Any(l => l.WhenClause is { } when && when.Span.Contains(call.Span));

    /// <summary>Whether <paramref name="call"/> is the call of <c>gate?.Wait(1);</c>, <c>gates?[0].Wait(1);</c> or <c>a?.B?.Run();</c>, a statement: its value is not used.</summary>
    public static bool IsConditionalStatement(InvocationExpressionSyntax call, SyntaxNode host)
    {
        SyntaxNode chain = call;
        while (chain.Parent is ConditionalAccessExpressionSyntax access && access.WhenNotNull == chain)
        {
            chain = access; // `a?.B?.C.Wait(1);`: the outermost access is the statement
        }
        return chain != call && chain.Parent is ExpressionStatementSyntax && chain.Parent == host;
    }

    /// <summary>Whether <paramref name="call"/> is a whole initializer or incrementor expression of the for loop <paramref name="host"/>: it suspends as a statement.</summary>
    public static bool IsForClause(InvocationExpressionSyntax call, SyntaxNode host) =>
        host is ForStatementSyntax forStatement && (forStatement.Initializers.Contains(call) || forStatement.Incrementors.Contains(call));

    /// <summary>The statement, or the <c>=&gt;</c> clause of an expression-bodied method.</summary>
    public SyntaxNode Host { get; }

    /// <summary>Every suspending call in it.</summary>
    public Dictionary<InvocationExpressionSyntax, SuspensionSite> Sites { get; } = new();

    /// <summary>
    /// The call that is the whole statement in one of the four forms (<c>var x = F(G());</c>,
    /// <c>F(G());</c>), which suspends as such once its operands are spilled; null when there is none.
    /// </summary>
    public SuspensionSite? Top { get; set; }

    /// <summary>
    /// The expressions of <paramref name="host"/> that may hold a spilled suspension, in the order C#
    /// evaluates them; a case guard is spilled where the switch tests it (<see cref="IsInCaseGuard"/>);
    /// a suspension anywhere else in it (a catch filter, where C# refuses an await too) is refused.
    /// </summary>
    public static IEnumerable<SyntaxNode> SpillableParts(SyntaxNode host) => host switch
    {
        ArrowExpressionClauseSyntax arrow => new[] { arrow.Expression },
        ExpressionStatementSyntax statement => new[] { statement.Expression },
        ReturnStatementSyntax { Expression: { } value } => new[] { value },
        ThrowStatementSyntax { Expression: { } thrown } => new[] { thrown },
        LocalDeclarationStatementSyntax declaration when IsPlainDeclaration(declaration) => Initializers(declaration.Declaration),
        IfStatementSyntax ifStatement => new[] { ifStatement.Condition },
        WhileStatementSyntax whileStatement => new[] { whileStatement.Condition },
        DoStatementSyntax doStatement => new[] { doStatement.Condition },
        ForStatementSyntax forStatement => (forStatement.Declaration is null ? Enumerable.Empty<SyntaxNode>() : Initializers(forStatement.Declaration))
            .Concat(forStatement.Initializers)
            .Concat(forStatement.Condition is null ? Enumerable.Empty<SyntaxNode>() : new[] { forStatement.Condition })
            .Concat(forStatement.Incrementors),
        LockStatementSyntax lockStatement => new[] { lockStatement.Expression },
        SwitchStatementSyntax switchStatement => new[] { switchStatement.Expression },
        ForEachStatementSyntax forEach => new[] { forEach.Expression },
        UsingStatementSyntax { Expression: { } resource } => new[] { resource },
        UsingStatementSyntax { Declaration.Variables.Count: 1 } usingStatement => Initializers(usingStatement.Declaration!),
        _ => Enumerable.Empty<SyntaxNode>(),
    };

    // A ref local's initializer (`ref int x = ref a[F()]`) is spilled too: the local is declared after the resume, a local of Step();
    // of several (`ref int a = ref n[0], b = ref n[F()]`), one declarator at a time, as C# evaluates them, left to right.
    private static bool IsPlainDeclaration(LocalDeclarationStatementSyntax declaration) =>
        !declaration.IsConst &&
        (declaration.Declaration.Type is RefTypeSyntax || !declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) || declaration.Declaration.Variables.Count == 1);

    private static IEnumerable<SyntaxNode> Initializers(VariableDeclarationSyntax declaration) =>
        declaration.Variables.Where(static v => v.Initializer is not null).Select(static v => (SyntaxNode)v.Initializer!.Value);
}
