using System.Collections.Generic;
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

    /// <summary>An expression variable (<c>out var x</c>, a deconstruction's, a pattern's): the capture walker looks for them only then.</summary>
    public bool HasDesignation { get; private set; }

    /// <summary>A local, pattern, foreach or catch variable named like a member the generated code uses (COR0020).</summary>
    public bool DeclaresMemberName { get; private set; }

    /// <summary>Every invocation of the body, lambdas' and local functions' included, in source order (the suspension finder binds those that may suspend).</summary>
    public List<InvocationExpressionSyntax> Invocations { get; } = new();

    /// <summary>The first <c>yield</c> statement of the body's own code (COR0033: a coroutine is not an iterator), if any.</summary>
    public YieldStatementSyntax? FirstYield { get; private set; }

    /// <summary>The <c>using</c> declarations directly in a block of the body's own code (see SuspensionFinder.FlattenUsingScopesWithJumps).</summary>
    public List<LocalDeclarationStatementSyntax> UsingDeclarations { get; } = new();

    /// <summary>A <c>goto</c> to a label in the body's own code: it may enter a block again (ClosureScopes).</summary>
    public bool HasGotoLabel { get; private set; }

    /// <summary>A lambda, an anonymous method, a local function or a query: the only constructs that capture.</summary>
    public bool HasFunctionOrQuery { get; private set; }

    /// <summary>A local function declared with an attribute (it may be a <c>[Coroutine]</c>, which the body may call).</summary>
    public bool HasAttributedLocalFunction { get; private set; }

    /// <summary>An identifier spelled like a generated factory (the body may call one: its types are rebound).</summary>
    public bool NamesFactory { get; private set; }

    /// <summary>An identifier spelled <c>@this</c>, the name of the generated instance field.</summary>
    public bool NamesInstanceField { get; private set; }

    /// <summary>Every name the body declares (locals, parameters of its lambdas and local functions, labels...), with how many times (see HoistedLocalNames).</summary>
    public Dictionary<string, int> DeclaredNames { get; } = new();

    /// <summary>The one walk over <paramref name="body"/>'s nodes and tokens (not trivia).</summary>
    public static BodySyntax Of(SyntaxNode body)
    {
        var result = new BodySyntax();
        foreach (var item in body.DescendantNodesAndTokens())
        {
            if (item.IsToken)
            {
                var token = item.AsToken();
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    var text = token.ValueText;
                    result.NamesFactory |= GeneratedNames.TryParseFactory(text, out _);
                    result.NamesInstanceField |= text == GeneratedNames.Instance;
                }
                continue;
            }
            Count(result.DeclaredNames, DeclaredBy(item.AsNode()!));
            switch (item.AsNode())
            {
                case InvocationExpressionSyntax invocation:
                    result.Invocations.Add(invocation);
                    break;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or QueryExpressionSyntax:
                    result.HasFunctionOrQuery = true;
                    result.DeclaresFunctionOrConstant |= item.AsNode() is LocalFunctionStatementSyntax;
                    result.HasAttributedLocalFunction |= item.AsNode() is LocalFunctionStatementSyntax { AttributeLists.Count: > 0 };
                    break;
                case YieldStatementSyntax yield when result.FirstYield is null && IsOwnCode(yield, body):
                    result.FirstYield = yield;
                    break;
                case GotoStatementSyntax jump when jump.IsKind(SyntaxKind.GotoStatement) && !result.HasGotoLabel && IsOwnCode(jump, body):
                    result.HasGotoLabel = true;
                    break;
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
                    if (declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) && declaration.Parent is BlockSyntax && IsOwnCode(declaration, body))
                    {
                        result.UsingDeclarations.Add(declaration);
                    }
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
                    result.HasDesignation = true;
                    result.DeclaresMemberName |= GeneratedNames.IsMember(designation.Identifier.ValueText);
                    break;
                case CatchDeclarationSyntax caught:
                    result.DeclaresMemberName |= GeneratedNames.IsMember(caught.Identifier.ValueText);
                    break;
            }
        }
        return result;
    }

    /// <summary>The name <paramref name="node"/> declares: a variable, parameter, type parameter, local function, label or range variable; none (default) otherwise.</summary>
    public static SyntaxToken DeclaredBy(SyntaxNode node) => node switch
    {
        VariableDeclaratorSyntax v => v.Identifier,
        SingleVariableDesignationSyntax d => d.Identifier,
        ForEachStatementSyntax f => f.Identifier,
        CatchDeclarationSyntax c => c.Identifier,
        ParameterSyntax p => p.Identifier,
        TypeParameterSyntax t => t.Identifier,
        LocalFunctionStatementSyntax l => l.Identifier,
        LabeledStatementSyntax l => l.Identifier,
        FromClauseSyntax q => q.Identifier,
        LetClauseSyntax q => q.Identifier,
        JoinClauseSyntax q => q.Identifier,
        JoinIntoClauseSyntax q => q.Identifier,
        QueryContinuationSyntax q => q.Identifier,
        _ => default,
    };

    /// <summary>Counts <paramref name="identifier"/>, a declared name, into <paramref name="counts"/> (nothing when it is none).</summary>
    public static void Count(Dictionary<string, int> counts, SyntaxToken identifier)
    {
        if (identifier.IsKind(SyntaxKind.IdentifierToken))
        {
            counts[identifier.ValueText] = counts.TryGetValue(identifier.ValueText, out var n) ? n + 1 : 1;
        }
    }

    // Not inside a lambda or local function of the body (their code is their own); asked only of the rare nodes that need it.
    private static bool IsOwnCode(SyntaxNode node, SyntaxNode body)
    {
        for (var ancestor = node.Parent; ancestor is not null && ancestor != body; ancestor = ancestor.Parent)
        {
            if (SuspensionFinder.IsFunction(ancestor))
            {
                return false;
            }
        }
        return true;
    }
}
