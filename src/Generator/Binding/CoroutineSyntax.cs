using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// The declaration of a <c>[Coroutine]</c>: a method, or a local function (which Roslyn declares
/// as a statement, with no common base class): the parts of it the passes read.
/// </summary>
internal sealed class CoroutineSyntax
{
    private CoroutineSyntax(SyntaxNode node, BlockSyntax? body, ArrowExpressionClauseSyntax? expressionBody, ParameterListSyntax parameters, SyntaxToken identifier, SyntaxTokenList modifiers)
    {
        Node = node;
        Body = body;
        ExpressionBody = expressionBody;
        ParameterList = parameters;
        Identifier = identifier;
        Modifiers = modifiers;
    }

    /// <summary>The <see cref="MethodDeclarationSyntax"/> or <see cref="LocalFunctionStatementSyntax"/>.</summary>
    public SyntaxNode Node { get; }

    public BlockSyntax? Body { get; }

    public ArrowExpressionClauseSyntax? ExpressionBody { get; }

    public ParameterListSyntax ParameterList { get; }

    public SyntaxToken Identifier { get; }

    public SyntaxTokenList Modifiers { get; }

    public SyntaxTree SyntaxTree => Node.SyntaxTree;

    /// <summary>A local function (rather than a method).</summary>
    public bool IsLocalFunction => Node is LocalFunctionStatementSyntax;

    /// <summary>The declaration <paramref name="node"/> is, or null for anything else.</summary>
    public static CoroutineSyntax? Of(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax m => new CoroutineSyntax(m, m.Body, m.ExpressionBody, m.ParameterList, m.Identifier, m.Modifiers),
        LocalFunctionStatementSyntax f => new CoroutineSyntax(f, f.Body, f.ExpressionBody, f.ParameterList, f.Identifier, f.Modifiers),
        _ => null,
    };

    /// <summary>The innermost method or local function declaration around (or at) <paramref name="node"/>.</summary>
    public static CoroutineSyntax? Around(SyntaxNode node)
    {
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            if (Of(ancestor) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}
