using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Generator.Binding;

/// <summary>How symbols are spelled in generated code: fully qualified, so the output does not depend on usings.</summary>
internal static class SymbolText
{
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Type(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    /// <summary>A method's name with its type's, for messages: <c>Animal.Speak</c>, <c>Job.IJob.Run</c>.</summary>
    public static string MethodNameInType(IMethodSymbol method) => method.ContainingType.Name + "." + MethodName(method);

    /// <summary>A method's name as the user writes it: <c>IJob.Run</c> for an explicit interface implementation (whose symbol is named <c>Demo.IJob.Run</c>).</summary>
    public static string MethodName(IMethodSymbol method) =>
        method.ExplicitInterfaceImplementations.FirstOrDefault() is { } implemented ? implemented.ContainingType.Name + "." + implemented.Name : method.Name;

    /// <summary>An identifier as C# source: keywords get an '@'.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    public static string Accessibility(Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    /// <summary>A type's name as it can appear inside an identifier: <c>List&lt;int&gt;</c> becomes <c>ListInt32</c>.</summary>
    public static string IdentifierPart(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => IdentifierPart(array.ElementType) + "Array",
        IPointerTypeSymbol pointer => IdentifierPart(pointer.PointedAtType) + "Pointer",
        INamedTypeSymbol named => named.Name + string.Concat(named.TypeArguments.Select(IdentifierPart)),
        _ => type.Name,
    };

    /// <summary>The <c>where</c> clauses of <paramref name="typeParameters"/>, fully qualified.</summary>
    public static string[] ConstraintClauses(System.Collections.Generic.IEnumerable<ITypeParameterSymbol> typeParameters) =>
        typeParameters
            .Select(static p => (p.Name, Constraints: Constraints(p)))
            .Where(static c => c.Constraints.Length > 0)
            .Select(static c => $"where {Identifier(c.Name)} : {string.Join(", ", c.Constraints)}")
            .ToArray();

    private static string[] Constraints(ITypeParameterSymbol p)
    {
        var list = new System.Collections.Generic.List<string>();
        if (p.HasReferenceTypeConstraint)
        {
            list.Add(p.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
        }
        else if (p.HasUnmanagedTypeConstraint)
        {
            list.Add("unmanaged");
        }
        else if (p.HasValueTypeConstraint)
        {
            list.Add("struct");
        }
        else if (p.HasNotNullConstraint)
        {
            list.Add("notnull");
        }
        list.AddRange(p.ConstraintTypes.Select(Type));
        if (p.HasConstructorConstraint)
        {
            list.Add("new()");
        }
        return list.ToArray();
    }
}
