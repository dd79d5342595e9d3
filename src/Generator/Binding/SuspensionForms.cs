using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// Where a suspending call may stand: as a statement, as the value of a one-variable local
/// declaration, of a simple assignment to a variable, or of a return. Anywhere else (an argument,
/// an operand, a condition ...) it would have to be split out of the expression around it (COR0007).
/// </summary>
internal static class SuspensionForms
{
    /// <summary>The site of <paramref name="call"/> and the statement it forms, or null when it stands inside an expression.</summary>
    public static (SuspensionSite Site, StatementSyntax? Statement)? Classify(
        InvocationExpressionSyntax call, SuspendingCall binding, SyntaxNode body, bool methodReturnsVoid, SemanticModel model)
    {
        switch (call.Parent)
        {
            case ArrowExpressionClauseSyntax arrow when arrow == body:
                return (Site(methodReturnsVoid ? SuspensionForm.Statement : SuspensionForm.Return), null);
            case ExpressionStatementSyntax statement:
                return (Site(SuspensionForm.Statement), statement);
            case ReturnStatementSyntax returnStatement:
                return (Site(SuspensionForm.Return), returnStatement);
            case EqualsValueClauseSyntax
            {
                Parent: VariableDeclaratorSyntax declarator,
                Parent.Parent: VariableDeclarationSyntax { Variables.Count: 1 } declaration,
                Parent.Parent.Parent: LocalDeclarationStatementSyntax local,
            } when !local.IsConst && !local.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) && declaration.Type is not RefTypeSyntax:
                return (Site(SuspensionForm.Declaration, declarator: declarator), local);
            case AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax statement } assignment
                when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right == call:
                if (IsDiscard(assignment.Left, model))
                {
                    return (Site(SuspensionForm.Statement), statement);
                }
                return IsSimpleTarget(assignment.Left, model) ? (Site(SuspensionForm.Assignment, target: assignment.Left), statement) : null;
            default:
                return null;
        }

        SuspensionSite Site(SuspensionForm form, ExpressionSyntax? target = null, VariableDeclaratorSyntax? declarator = null) =>
            new(binding, form, call, target, declarator);
    }

    private static bool IsDiscard(ExpressionSyntax left, SemanticModel model) =>
        left is IdentifierNameSyntax { Identifier.ValueText: "_" } && model.GetSymbolInfo(left).Symbol is null or IDiscardSymbol;

    /// <summary>
    /// A target whose evaluation has no side effect and cannot change while the call runs, so
    /// assigning it after the resume means the same as before: a local, a parameter, or a field
    /// or property of <c>this</c> or of a type.
    /// </summary>
    private static bool IsSimpleTarget(ExpressionSyntax left, SemanticModel model)
    {
        switch (left)
        {
            case IdentifierNameSyntax:
                return model.GetSymbolInfo(left).Symbol is ILocalSymbol { IsRef: false } or IParameterSymbol { RefKind: RefKind.None }
                    or IFieldSymbol or IPropertySymbol { IsIndexer: false, ReturnsByRef: false };
            case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                var receiverIsFixed = access.Expression is ThisExpressionSyntax || model.GetSymbolInfo(access.Expression).Symbol is ITypeSymbol;
                return receiverIsFixed && model.GetSymbolInfo(access.Name).Symbol is IFieldSymbol or IPropertySymbol { IsIndexer: false, ReturnsByRef: false };
            default:
                return false;
        }
    }
}
