using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Generator.Binding;

/// <summary>How symbols are spelled in generated code: fully qualified, so the output does not depend on usings.</summary>
internal static class SymbolText
{
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Type(ITypeSymbol type) =>
        s_unnamedDelegates is not null && type.HoldsUnnamedDelegate() && AnonymousShape.Spell(type, static a => a.ToDisplayString(TypeFormat)) is { } spelled
            ? spelled
            : type.ToDisplayString(TypeFormat);

    // While a state machine is lowered: the name of the delegate type it declares for a delegate type the compiler made for a lambda (see Lowering/NamedDelegates).
    [System.ThreadStatic]
    private static System.Func<INamedTypeSymbol, string?>? s_unnamedDelegates;

    /// <summary>
    /// Until the result is disposed, <see cref="Type"/> spells each delegate type the compiler made for a lambda (which has no name in C#)
    /// as <paramref name="names"/> names it, also inside another type (<c>Tuple&lt;Delegate_f&gt;</c>): all of one state machine's code says the same type.
    /// </summary>
    /// <param name="names">Null: as before a state machine is lowered (binding another coroutine while one is lowered must not see its names).</param>
    public static System.IDisposable NamingUnnamedDelegates(System.Func<INamedTypeSymbol, string?>? names)
    {
        var outer = s_unnamedDelegates;
        s_unnamedDelegates = names;
        return new Restore(() => s_unnamedDelegates = outer);
    }

    /// <summary>
    /// How generated code spells <paramref name="unnamed"/>, a delegate type the compiler made for a lambda: while a state machine is lowered, by the
    /// name of the delegate type it declares for it (null where it declares none); before, as C# displays it where one can be declared (no part of its
    /// signature is an anonymous type), else null.
    /// </summary>
    public static string? UnnamedDelegate(INamedTypeSymbol unnamed) =>
        s_unnamedDelegates is { } names ? names(unnamed)
        : unnamed.AnonymousPartOfSignature() is null ? unnamed.ToDisplayString()
        : null;

    private sealed class Restore(System.Action restore) : System.IDisposable
    {
        public void Dispose() => restore();
    }

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
