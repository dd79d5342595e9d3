using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Binding;

/// <summary>
/// A field cannot name an anonymous type, so a value of one that lives across a suspension is kept
/// in an <c>object</c> field and read back typed: <c>AsAnonymous(field, false ? shape : null!)</c>,
/// where the shape, never evaluated, is an anonymous object creation with the same member names,
/// types and order (<c>new { A = default(int), B = default(string)! }</c>). C# gives all anonymous
/// object creations of one assembly with the same members one type, so the helper's <c>T</c> is
/// the value's type. Members of anonymous types nest (<c>new { Inner = new { ... } }</c>), and
/// arrays of them too (<c>new[] { ... }</c>), and a <c>List&lt;...&gt;</c> or an
/// <c>IEnumerable&lt;...&gt;</c> of them (<c>Enumerable.ToList(new[] { ... })</c>); an anonymous
/// type inside another generic type (<c>Dictionary&lt;K, ...&gt;</c>, a tuple) has no such expression.
/// </summary>
internal static class AnonymousShape
{
    /// <summary>
    /// The end of the comment of a field that keeps such a value, for people reading the generated
    /// code: why it is an <c>object</c> and how a read gets its type back.
    /// </summary>
    public static readonly string FieldComment =
        $"; its anonymous type has no name a field could use: kept as an object, read back as {Names.GeneratedNames.AsAnonymous}(field, false ? new {{ ... }} : null!), " +
        "whose never-run new { ... } has the same member names, types and order, so C# infers that same type";

    /// <summary>Whether a value of <paramref name="type"/> needs a shape to be kept in a field.</summary>
    public static bool IsNeeded(ITypeSymbol type) => type.ContainsAnonymousType();

    /// <summary>
    /// The never-evaluated expression of type <paramref name="type"/>, or null with the reason
    /// (for a COR message: "... because {reason}").
    /// </summary>
    public static CodeExpression? Of(ITypeSymbol type, out string? reason)
    {
        reason = null;
        switch (type)
        {
            case INamedTypeSymbol { IsAnonymousType: true } anonymous:
                return Members(anonymous.GetMembers().OfType<IPropertySymbol>().Select(static p => (p.Name, p.Type)).ToList(), out reason);
            case IArrayTypeSymbol { Rank: 1 } array when Member(array.ElementType, out reason) is { } element:
                return new SequenceShapeExpression(element, null);
            case IArrayTypeSymbol { Rank: 1 }:
                return null;
            // The usual homes of a query's anonymous results: LINQ's own calls spell them without naming them.
            case INamedTypeSymbol { TypeArguments.Length: 1 } named when LinqShape(named) is { } linq:
                return Member(named.TypeArguments[0], out reason) is { } item ? new SequenceShapeExpression(item, linq) : null;
            default:
                reason = $"the anonymous type is inside '{type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString()}', which generated code cannot name";
                return null;
        }
    }

    /// <summary>
    /// The shape of an <c>IEnumerable&lt;new { ... }&gt;</c> whose elements have <paramref name="members"/>, in
    /// order (a query's range variables kept together), or null with the reason.
    /// </summary>
    public static CodeExpression? OfSequence(IReadOnlyList<(string Name, ITypeSymbol Type)> members, out string? reason) =>
        Members(members, out reason) is { } element ? new SequenceShapeExpression(element, "AsEnumerable") : null;

    private static AnonymousShapeExpression? Members(IReadOnlyList<(string Name, ITypeSymbol Type)> members, out string? reason)
    {
        reason = null;
        var parts = new ShapeMember[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            if (Member(members[i].Type, out reason) is not { } value)
            {
                return null;
            }
            parts[i] = new ShapeMember(SymbolText.Identifier(members[i].Name), value);
        }
        return new AnonymousShapeExpression(parts.ToEquatableArray());
    }

    private static string? LinqShape(INamedTypeSymbol type) => type.OriginalDefinition.ToDisplayString() switch
    {
        "System.Collections.Generic.List<T>" => "ToList",
        "System.Collections.Generic.IEnumerable<T>" => "AsEnumerable",
        _ => null,
    };

    // `default(int)`, `default(string)!` (the non-null annotation the user's code reads it with), or a nested shape.
    private static CodeExpression? Member(ITypeSymbol type, out string? reason)
    {
        reason = null;
        if (type.TypeKind is TypeKind.Error)
        {
            return null; // the user's code does not compile: the compiler says why
        }
        if (type.CanBeNamed())
        {
            var text = SymbolText.Type(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
            return new DefaultShapeExpression(text, NotNull: !type.IsValueType);
        }
        if (!type.ContainsAnonymousType())
        {
            reason = $"its member type '{type.ToDisplayString()}' has no name in C#";
            return null;
        }
        return Of(type, out reason);
    }
}
