using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// What a coroutine body contains, found in one walk over its syntax (lambdas and local functions
/// included): a check that looks for a construct the body does not have skips its own walk, and
/// its semantic queries.
/// </summary>
internal sealed class BodySyntax
{
    private BodySyntax()
    {
    }

    /// <summary>A <c>base</c> expression (COR0014).</summary>
    public bool HasBase { get; private set; }

    /// <summary>An <c>await</c> keyword (COR0025).</summary>
    public bool HasAwait { get; private set; }

    /// <summary>A try statement with a finally (COR0019).</summary>
    public bool HasFinally { get; private set; }

    /// <summary>A labeled statement (COR0020: a label named like the generated ones).</summary>
    public bool HasLabel { get; private set; }

    /// <summary>A local function or a local constant (COR0020: one named like a member the generated code uses).</summary>
    public bool DeclaresFunctionOrConstant { get; private set; }

    /// <summary>A local, pattern, foreach or catch variable named like a member the generated code uses (COR0020).</summary>
    public bool DeclaresMemberName { get; private set; }

    public static BodySyntax Of(SyntaxNode body)
    {
        var result = new BodySyntax();
        foreach (var node in body.DescendantNodes())
        {
            switch (node)
            {
                case BaseExpressionSyntax:
                    result.HasBase = true;
                    break;
                case AwaitExpressionSyntax:
                    result.HasAwait = true;
                    break;
                case CommonForEachStatementSyntax forEach:
                    result.HasAwait |= forEach.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword);
                    result.DeclaresMemberName |= forEach is ForEachStatementSyntax single && GeneratedNames.IsMember(single.Identifier.ValueText);
                    break;
                case UsingStatementSyntax usingStatement:
                    result.HasAwait |= usingStatement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword);
                    break;
                case LocalDeclarationStatementSyntax declaration:
                    result.HasAwait |= declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword);
                    result.DeclaresFunctionOrConstant |= declaration.IsConst;
                    break;
                case LocalFunctionStatementSyntax:
                    result.DeclaresFunctionOrConstant = true;
                    break;
                case LabeledStatementSyntax:
                    result.HasLabel = true;
                    break;
                case TryStatementSyntax { Finally: not null }:
                    result.HasFinally = true;
                    break;
                case VariableDeclaratorSyntax variable:
                    result.DeclaresMemberName |= GeneratedNames.IsMember(variable.Identifier.ValueText);
                    break;
                case SingleVariableDesignationSyntax designation:
                    result.DeclaresMemberName |= GeneratedNames.IsMember(designation.Identifier.ValueText);
                    break;
                case CatchDeclarationSyntax caught:
                    result.DeclaresMemberName |= GeneratedNames.IsMember(caught.Identifier.ValueText);
                    break;
            }
        }
        return result;
    }
}
