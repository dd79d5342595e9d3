using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// The type of the field that keeps a part of a statement evaluated after a suspension (a returned or thrown value, a condition, the value of a
/// <c>switch</c> or a <c>lock</c>, the collection of a <c>foreach</c>, the value of a compound assignment, ...) that holds a lambda made in a block that
/// keeps the environments (see ClosureScopes.IsKeptAfter and Lowering/ExpressionSpiller.KeepAfterResume): the statement then reads the field in its place.
/// </summary>
internal static class ResumedParts
{
    /// <summary>
    /// The part's own type when a field can keep it: one that holds an anonymous type in an <c>object</c> field read back through its shape
    /// (<see cref="AnonymousShape"/>). Otherwise, for a value C# converts implicitly where the statement reads it (a ref struct with a conversion
    /// to <c>bool</c>, <c>int</c> or <c>string</c>: <c>if (Flag.Of(...))</c>, <c>total += Counted.Of(...)</c>, <c>return Note.Of(...);</c>), the converted
    /// type: C# converts it right after evaluating it, before anything else runs, so keeping the converted value changes nothing; a ref struct lives
    /// across no suspension in C# async either. Null when neither can be a field (a ref struct the statement reads as it is: a <c>switch</c> value,
    /// a <c>foreach</c> collection, an operand of a user-defined operator).
    /// </summary>
    public static ITypeSymbol? FieldTypeOf(SemanticModel model, ExpressionSyntax part)
    {
        var info = model.GetTypeInfo(part);
        if ((info.Type ?? info.ConvertedType) is { } type && CanBeField(type))
        {
            return type;
        }
        return info is { Type: not null, ConvertedType: { } converted } && !SymbolEqualityComparer.Default.Equals(info.Type, converted) &&
               model.GetConversion(part) is { IsImplicit: true, IsIdentity: false } && CanBeField(converted)
            ? converted
            : null;
    }

    private static bool CanBeField(ITypeSymbol type) =>
        type is { IsRefLikeType: false, TypeKind: not (TypeKind.Error or TypeKind.Pointer or TypeKind.FunctionPointer) } &&
        (!AnonymousShape.IsNeeded(type) || AnonymousShape.Of(type, out _) is not null);
}
