using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// A syntactic check before the semantic query of whether a loop's condition is the constant
/// <c>true</c>: asking the semantic model binds the whole loop statement, body included (issue 16:
/// nothing is bound unless a syntactic check says it may matter). Most conditions read a
/// parameter or a variable, or call something, and a constant expression does neither.
/// </summary>
internal static class ConstantConditions
{
    /// <summary>
    /// True when <paramref name="condition"/> certainly is not a constant: it calls a method, or
    /// reads (by a simple name) a parameter of the method or a local of a block or <c>for</c> around it that is not
    /// <c>const</c>, which is what that name means there (a nearer declaration of the same name is an error, CS0136).
    /// False when it cannot tell (the caller then asks the semantic model): <c>nameof</c>, or a lambda around the condition.
    /// </summary>
    public static bool CannotBeConstant(ExpressionSyntax condition)
    {
        // One pass over the condition (issue 16: no lists, no second walk).
        var effect = false;
        List<string>? reads = null;
        foreach (var node in condition.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }:
                    return false; // nameof(x) is a constant whatever x is
                case InvocationExpressionSyntax or AnonymousFunctionExpressionSyntax or AssignmentExpressionSyntax or BaseObjectCreationExpressionSyntax or AwaitExpressionSyntax:
                    effect = true;
                    break;
                case IdentifierNameSyntax identifier when IsVariableRead(identifier):
                    (reads ??= new List<string>()).Add(identifier.Identifier.ValueText);
                    break;
                default:
                    effect |= node.IsKind(SyntaxKind.PreIncrementExpression) || node.IsKind(SyntaxKind.PreDecrementExpression)
                        || node.IsKind(SyntaxKind.PostIncrementExpression) || node.IsKind(SyntaxKind.PostDecrementExpression);
                    break;
            }
        }
        return effect || (reads is not null && ReadsVariableInScope(condition, reads));
    }

    // A simple name in an expression position: not a member's name (x.Name), not the left of a member
    // access (Color.Red with a parameter named Color can be the enum's constant), not a type.
    private static bool IsVariableRead(IdentifierNameSyntax identifier) =>
        identifier.Parent switch
        {
            MemberAccessExpressionSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax or NameColonSyntax or NameEqualsSyntax => false,
            _ => !SyntaxFacts.IsInNamespaceOrTypeContext(identifier),
        };

    // Whether one of the names is a parameter of the method or a non-const local of a block or for statement around
    // the condition; false under a lambda (its parameters and locals may shadow the method's).
    private static bool ReadsVariableInScope(SyntaxNode condition, List<string> reads)
    {
        foreach (var ancestor in condition.Ancestors())
        {
            if (ancestor is AnonymousFunctionExpressionSyntax)
            {
                return false;
            }
            if (ancestor is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax)
            {
                break;
            }
        }
        foreach (var ancestor in condition.Ancestors())
        {
            switch (ancestor)
            {
                case BlockSyntax block:
                    foreach (var statement in block.Statements)
                    {
                        if (statement is LocalDeclarationStatementSyntax { IsConst: false } declaration && Declares(declaration.Declaration, reads))
                        {
                            return true;
                        }
                    }
                    break;
                case ForStatementSyntax { Declaration: { } declaration } when Declares(declaration, reads):
                    return true;
                case BaseMethodDeclarationSyntax method:
                    return Declares(method.ParameterList, reads);
                case LocalFunctionStatementSyntax function:
                    return Declares(function.ParameterList, reads);
            }
        }
        return false;
    }

    private static bool Declares(VariableDeclarationSyntax declaration, List<string> names)
    {
        foreach (var variable in declaration.Variables)
        {
            if (names.Contains(variable.Identifier.ValueText))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Declares(ParameterListSyntax parameters, List<string> names)
    {
        foreach (var parameter in parameters.Parameters)
        {
            if (names.Contains(parameter.Identifier.ValueText))
            {
                return true;
            }
        }
        return false;
    }
}
