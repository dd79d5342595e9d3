using System.Collections.Generic;
using System.Linq;
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
        var nodes = condition.DescendantNodesAndSelf().ToList();
        if (nodes.Any(static n => n is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }))
        {
            return false; // nameof(x) is a constant whatever x is
        }
        if (nodes.Any(static n => n is InvocationExpressionSyntax or AnonymousFunctionExpressionSyntax or AssignmentExpressionSyntax or BaseObjectCreationExpressionSyntax or AwaitExpressionSyntax
                || n.IsKind(SyntaxKind.PreIncrementExpression) || n.IsKind(SyntaxKind.PreDecrementExpression)
                || n.IsKind(SyntaxKind.PostIncrementExpression) || n.IsKind(SyntaxKind.PostDecrementExpression)))
        {
            return true;
        }
        var reads = nodes.OfType<IdentifierNameSyntax>().Where(IsVariableRead).Select(static i => i.Identifier.ValueText).ToList();
        return reads.Count > 0 && VariablesInScope(condition) is { } variables && reads.Any(variables.Contains);
    }

    // A simple name in an expression position: not a member's name (x.Name), not the left of a member
    // access (Color.Red with a parameter named Color can be the enum's constant), not a type.
    private static bool IsVariableRead(IdentifierNameSyntax identifier) =>
        identifier.Parent switch
        {
            MemberAccessExpressionSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax or NameColonSyntax or NameEqualsSyntax => false,
            _ => !SyntaxFacts.IsInNamespaceOrTypeContext(identifier),
        };

    // The parameters of the method and the non-const locals of the blocks and for statements around the condition; null under a lambda.
    private static HashSet<string>? VariablesInScope(SyntaxNode condition)
    {
        var names = new HashSet<string>();
        foreach (var ancestor in condition.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax:
                    return null; // its parameters and locals may shadow the method's
                case BlockSyntax block:
                    foreach (var declaration in block.Statements.OfType<LocalDeclarationStatementSyntax>().Where(static d => !d.IsConst))
                    {
                        names.UnionWith(declaration.Declaration.Variables.Select(static v => v.Identifier.ValueText));
                    }
                    break;
                case ForStatementSyntax { Declaration: { } declaration }:
                    names.UnionWith(declaration.Variables.Select(static v => v.Identifier.ValueText));
                    break;
                case BaseMethodDeclarationSyntax method:
                    names.UnionWith(method.ParameterList.Parameters.Select(static p => p.Identifier.ValueText));
                    return names;
                case LocalFunctionStatementSyntax function:
                    names.UnionWith(function.ParameterList.Parameters.Select(static p => p.Identifier.ValueText));
                    return names;
            }
        }
        return names;
    }
}
