using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// A ref local declared after a suspension of its value with a lambda that can be made neither through the environments nor with its assignment
/// (<c>ref int cell = ref cells[Next(1) + ((rows.AsSpan()[0] = x =&gt; ...) is null ? 0 : 1)];</c>): the ref local cannot be declared in a block of its
/// own (the block would end it), so the part of its value that holds the lambda, evaluated first after the resume, is stored in a field in a block that
/// keeps the environments, and the declaration reads it (see Lowering/ExpressionSpiller.KeepAfterResume).
/// </summary>
internal sealed partial class ClosureScopes
{
    /// <summary>
    /// The part of the value of the ref local <paramref name="variable"/> that holds what <paramref name="holds"/> accepts and that is evaluated
    /// before anything else after the suspensions, passed by value with a type a field can be given: an index of an element or an argument of a call whose
    /// earlier indexes and earlier arguments evaluate nothing (a constant, a variable nothing in the value writes and no closure captures, see
    /// KeptCollections.EvaluatesNothing) and whose receiver evaluates nothing or is of a reference type (see <see cref="IsKeptReceiver"/>), through a
    /// variable given by reference (<c>ref Pick(ref cells[...])</c>); null when there is none.
    /// </summary>
    public static ExpressionSyntax? KeptReferencePart(SemanticModel model, VariableDeclaratorSyntax variable, Func<ExpressionSyntax, bool> holds)
    {
        if (variable.Parent is not VariableDeclarationSyntax { Type: RefTypeSyntax } || variable.Initializer?.Value is not RefExpressionSyntax { Expression: { } referenced })
        {
            return null;
        }
        for (var node = referenced; ;)
        {
            while (node is ParenthesizedExpressionSyntax parenthesized)
            {
                node = parenthesized.Expression;
            }
            if (!holds(node))
            {
                return null;
            }
            var (receiver, arguments) = node switch
            {
                ElementAccessExpressionSyntax element => (element.Expression, element.ArgumentList.Arguments),
                InvocationExpressionSyntax call when NamesAMethod(model, call.Expression) => (null, call.ArgumentList.Arguments),
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } callee } call => (callee.Expression, call.ArgumentList.Arguments),
                _ => ((ExpressionSyntax?)null, default(SeparatedSyntaxList<ArgumentSyntax>)),
            };
            if (receiver is not null && holds(receiver))
            {
                node = receiver;
                continue;
            }
            if (receiver is not null && !KeptCollections.EvaluatesNothing(model, receiver, referenced) && !IsKeptReceiver(model, receiver) || arguments.Count == 0)
            {
                return null;
            }
            var index = arguments.IndexOf(a => holds(a.Expression));
            if (index < 0 || arguments.Take(index).Any(a => a.RefKindKeyword.RawKind != 0 || !KeptCollections.EvaluatesNothing(model, a.Expression, referenced)))
            {
                return null;
            }
            var argument = arguments[index];
            if (argument.RefKindKeyword.RawKind == 0)
            {
                return IsStorable(model, argument.Expression) ? argument.Expression : null;
            }
            node = argument.Expression; // `ref Pick(ref cells[...])`: the variable it refers to
        }
    }

    /// <summary>
    /// A receiver that evaluates something, of a reference type (<c>Cells()[...]</c>, <c>target[...]</c> that the index writes): C# evaluates it before the
    /// index's suspensions, and the spiller keeps its value in a field of its own before them, which the declaration reads after the stored index.
    /// </summary>
    private static bool IsKeptReceiver(SemanticModel model, ExpressionSyntax receiver) =>
        IsStorable(model, receiver) && model.GetTypeInfo(receiver).Type is { IsReferenceType: true };

    private static bool IsStorable(SemanticModel model, ExpressionSyntax part) =>
        model.GetTypeInfo(part) is var info && (info.Type ?? info.ConvertedType) is { IsRefLikeType: false, TypeKind: not (TypeKind.Error or TypeKind.Pointer or TypeKind.FunctionPointer) } type &&
        type.CanBeNamed() && !AnonymousShape.IsNeeded(type);

    /// <summary>
    /// Whether <paramref name="statement"/> declares ref locals in a block, after whose suspensions in the local's value <paramref name="function"/> comes in the
    /// part of that value <see cref="KeptReferencePart"/> finds, which holds all those suspensions (the locals before it are declared before, one at a time).
    /// </summary>
    private bool IsKeptRefLocalAfter(StatementSyntax statement, SyntaxNode function) =>
        statement is LocalDeclarationStatementSyntax { IsConst: false, UsingKeyword.RawKind: 0, Parent: BlockSyntax } declaration &&
        declaration.Declaration.Variables.FirstOrDefault(v => v.Span.Contains(function.Span)) is { } variable &&
        KeptReferencePart(_model, variable, e => e.Span.Contains(function.Span)) is { } part &&
        _suspensions.Spilled.TryGetValue(statement, out var spilled) && spilled.Sites.Values.Where(s => variable.Span.Contains(s.Call.Span)).All(s => part.Span.Contains(s.Call.Span));

    /// <summary>
    /// Whether <paramref name="statement"/> declares locals of a ref struct type in a block (<c>ReadOnlySpan&lt;int&gt; values = Made(Next(1) + ((rows.AsSpan()[0] = x =&gt; ...) is null ? 0 : 1));</c>),
    /// <paramref name="function"/> in the value of one of them: once its suspensions are spilled, declared without its value and assigned in a block that keeps the environments,
    /// as one that does not suspend (see <see cref="IsKeptRefStructDeclaration"/>, Lowering/StatementRewriter.VisitLocalDeclarationStatement); of several, one at a time, the
    /// collection expressions of a span type its value holds kept in locals of their own before that block (C# makes them for the block they are in, see KeptCollections;
    /// Lowering/BodyLowerer.KeptDeclaredBefore).
    /// </summary>
    private bool IsKeptRefStructDeclarationAfter(StatementSyntax statement, SyntaxNode function) =>
        statement is LocalDeclarationStatementSyntax { IsConst: false, UsingKeyword.RawKind: 0, Declaration.Type: not RefTypeSyntax, Parent: BlockSyntax } declaration &&
        declaration.Declaration.Variables.FirstOrDefault(v => v.Span.Contains(function.Span)) is { Initializer.Value: { } value } variable &&
        _model.GetDeclaredSymbol(variable) is ILocalSymbol { Type: { IsRefLikeType: true } type } && type.CanBeNamed() &&
        KeptCollections.Of(_model, value) is not null;
}
