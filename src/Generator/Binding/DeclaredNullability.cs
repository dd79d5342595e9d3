using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// The <c>?</c> of the fields that hold hoisted locals and kept values. The bodies are bound without
/// C#'s nullable analysis (<see cref="CoroutineBinder"/>: it is about 0.4 of the binding, and with it
/// a query binds the whole body instead of one statement), so a type's top-level <c>?</c> comes from
/// what is declared: C# declares a <c>var</c> local of a type that is not a value type nullable
/// (<c>string?</c>), and a value may be null when its form or its member's declaration says so.
/// </summary>
internal static class DeclaredNullability
{
    /// <summary>The type of <paramref name="local"/> as declared, with the <c>?</c> C# gives a <c>var</c> local.</summary>
    public static ITypeSymbol OfLocal(ILocalSymbol local, SemanticModel model) => OfLocal(local, local.Type, model);

    /// <summary><paramref name="type"/>, the type of <paramref name="local"/>, with the <c>?</c> C# gives a <c>var</c> local.</summary>
    public static ITypeSymbol OfLocal(ILocalSymbol local, ITypeSymbol type, SemanticModel model)
    {
        if (type.IsValueType || type.NullableAnnotation == NullableAnnotation.Annotated ||
            local.DeclaringSyntaxReferences.FirstOrDefault() is not { } reference ||
            !IsVar(reference.GetSyntax()) ||
            !model.GetNullableContext(reference.Span.Start).AnnotationsEnabled())
        {
            return type;
        }
        return type.WithNullableAnnotation(NullableAnnotation.Annotated);
    }

    /// <summary>
    /// <paramref name="type"/>, the type of <paramref name="value"/>, with a <c>?</c> when the value may
    /// be null by its form (<c>a?.b</c>, <c>x as T</c>, <c>null</c>, <c>default</c>) or by the declaration
    /// of what it reads or calls (a member, parameter or local declared <c>T?</c>).
    /// </summary>
    public static ITypeSymbol OfValue(ExpressionSyntax value, ITypeSymbol type, SemanticModel model)
    {
        if (type.IsValueType || type.NullableAnnotation == NullableAnnotation.Annotated ||
            !model.GetNullableContext(value.SpanStart).AnnotationsEnabled())
        {
            return type;
        }
        while (value is ParenthesizedExpressionSyntax parenthesized)
        {
            value = parenthesized.Expression;
        }
        var maybeNull = value switch
        {
            ConditionalAccessExpressionSyntax => true,
            BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AsExpression) => true,
            LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.NullLiteralExpression) || literal.IsKind(SyntaxKind.DefaultLiteralExpression),
            DefaultExpressionSyntax => true,
            _ => model.GetSymbolInfo(value).Symbol switch
            {
                IPropertySymbol property => property.NullableAnnotation == NullableAnnotation.Annotated,
                IFieldSymbol field => field.NullableAnnotation == NullableAnnotation.Annotated,
                IParameterSymbol parameter => parameter.NullableAnnotation == NullableAnnotation.Annotated,
                ILocalSymbol local => local.NullableAnnotation == NullableAnnotation.Annotated,
                IMethodSymbol method => method.ReturnNullableAnnotation == NullableAnnotation.Annotated,
                _ => false,
            },
        };
        return maybeNull ? type.WithNullableAnnotation(NullableAnnotation.Annotated) : type;
    }

    private static bool IsVar(SyntaxNode declaration)
    {
        switch (declaration)
        {
            case VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true } }:
            case ForEachStatementSyntax { Type.IsVar: true }:
                return true;
            case SingleVariableDesignationSyntax designation:
                // var x, out var x, var (x, y), is var x: the designation sits under `var`.
                for (SyntaxNode? node = designation.Parent; node is not null; node = node.Parent)
                {
                    switch (node)
                    {
                        case ParenthesizedVariableDesignationSyntax:
                            continue;
                        case DeclarationExpressionSyntax { Type.IsVar: true }:
                        case VarPatternSyntax:
                            return true;
                        default:
                            return false;
                    }
                }
                return false;
            default:
                return false;
        }
    }
}
