using System.Linq;
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
    /// across no suspension in C# async either. For a condition of a ref struct C# tests by its own <c>operator true</c>, <c>bool</c>: the test's result
    /// is kept (see <see cref="IsTestedByItsOperatorTrue"/>). Null when none of them can be a field (a ref struct the statement reads as it is: a
    /// <c>switch</c> value, a <c>foreach</c> collection, an operand of an operator of its own).
    /// </summary>
    public static ITypeSymbol? FieldTypeOf(SemanticModel model, ExpressionSyntax part)
    {
        var info = model.GetTypeInfo(part);
        if ((info.Type ?? info.ConvertedType) is { } type && CanBeField(type))
        {
            return type;
        }
        if (info is { Type: not null, ConvertedType: { } converted } && !SymbolEqualityComparer.Default.Equals(info.Type, converted) &&
            model.GetConversion(part) is { IsImplicit: true, IsIdentity: false } && CanBeField(converted))
        {
            return converted;
        }
        return IsTestedByItsOperatorTrue(model, part) ? model.Compilation.GetSpecialType(SpecialType.System_Boolean) : null;
    }

    /// <summary>
    /// Whether <paramref name="part"/> is the condition of an <c>if</c>, a <c>while</c>, a <c>do</c> or a <c>for</c> of a ref struct that C# tests by its
    /// own <c>operator true</c>, not converted (<c>if (Truth.Of(Next(1), ...))</c>): the test's result is kept, <c>(part) ? true : false</c>, which calls
    /// that same operator right where C# does (see Lowering/ExpressionSpiller.KeepAfterResume).
    /// </summary>
    public static bool IsTestedByItsOperatorTrue(SemanticModel model, ExpressionSyntax part) =>
        part.Parent switch
        {
            IfStatementSyntax statement => statement.Condition,
            WhileStatementSyntax statement => statement.Condition,
            DoStatementSyntax statement => statement.Condition,
            ForStatementSyntax statement => statement.Condition,
            _ => null,
        } == part &&
        model.GetTypeInfo(part) is { Type: { IsRefLikeType: true } type, ConvertedType: var converted } && SymbolEqualityComparer.Default.Equals(type, converted) &&
        type.GetMembers(WellKnownMemberNames.TrueOperatorName).Any();

    private static bool CanBeField(ITypeSymbol type) =>
        type is { IsRefLikeType: false, TypeKind: not (TypeKind.Error or TypeKind.Pointer or TypeKind.FunctionPointer) } &&
        (!AnonymousShape.IsNeeded(type) || AnonymousShape.Of(type, out _) is not null);
}
