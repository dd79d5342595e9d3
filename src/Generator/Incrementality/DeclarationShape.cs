using System;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Incrementality;

/// <summary>
/// What one file shows the rest of the compilation: a hash of every token outside member bodies
/// (namespaces, usings, types, signatures, field and enum initializers, attributes) and of every
/// <c>#nullable</c> and <c>#line</c> directive with its position. An edit inside a method or accessor body, or inside
/// top-level statements, leaves it unchanged; C# binds another method's body the same way then,
/// because a body declares nothing visible outside it.
/// </summary>
internal static class DeclarationShape
{
    // Computed once per tree: an unchanged file keeps its SyntaxTree from one compilation to the next.
    private static readonly ConditionalWeakTable<SyntaxTree, byte[]> Shapes = new();

    public static byte[] Of(SyntaxTree tree, CancellationToken ct)
    {
        if (Shapes.TryGetValue(tree, out var shape))
        {
            return shape;
        }
        shape = Compute(tree, ct);
        try
        {
            Shapes.Add(tree, shape);
        }
        catch (ArgumentException)
        {
            // Another thread computed it first: the same value.
        }
        return shape;
    }

    private static byte[] Compute(SyntaxTree tree, CancellationToken ct)
    {
        var text = new StringBuilder();
        var root = tree.GetRoot(ct);
        Append(root, text, ct);
        foreach (var directive in root.DescendantTrivia(descendIntoTrivia: true))
        {
            // #nullable and #line change how the code after them binds or maps, so where they are
            // matters; #if and #define already show in the tokens, and #region or #pragma change
            // nothing the generator produces (typing above a #region must not bind everything again).
            if (directive.IsKind(SyntaxKind.NullableDirectiveTrivia) || directive.IsKind(SyntaxKind.LineDirectiveTrivia) ||
                directive.IsKind(SyntaxKind.LineSpanDirectiveTrivia))
            {
                text.Append('#').Append(directive.SpanStart).Append(' ').Append(directive.ToString()).Append('\n');
            }
        }
        using var sha = SHA256.Create();
        return sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static void Append(SyntaxNode node, StringBuilder text, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        foreach (var child in node.ChildNodesAndTokens())
        {
            if (child.IsToken)
            {
                text.Append(child.AsToken().Text).Append(' ');
            }
            else if (IsBody(child.AsNode()!))
            {
                // Whether there is a body, and of which form, is part of the declaration
                // (`partial void M();` against `partial void M() { }`); what it holds is not.
                text.Append(child.IsKind(SyntaxKind.Block) ? "{} " : "=> ; ");
            }
            else if (child.AsNode() is GlobalStatementSyntax)
            {
                text.Append("<top-level> ");
            }
            else
            {
                Append(child.AsNode()!, text, ct);
            }
        }
    }

    private static bool IsBody(SyntaxNode node) =>
        node is BlockSyntax or ArrowExpressionClauseSyntax &&
        node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or BasePropertyDeclarationSyntax;
}
