using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// What a <c>foreach</c> reads from its collection, as text, when C# infers the collection's type from a class the generator adds
/// (<c>var items = L(one);</c> then <c>foreach (var item in items)</c>, or <c>foreach (var item in new[] { one })</c>): in the
/// compilation the generator reads that type has no symbol (its enumerator binds as <c>List&lt;T&gt;.Enumerator</c> of <c>L</c>'s own
/// <c>T</c>). The foreach is bound again where the stand-ins are declared, so C#'s own pattern gives the enumerator and the element,
/// each stand-in then spelled as its class (<c>List&lt;EchoStateMachine&gt;.Enumerator</c>).
/// </summary>
/// <param name="Enumerator">The type <c>GetEnumerator</c> returns, spelled with the classes.</param>
/// <param name="EnumeratorType">That type in the compilation with the stand-ins: whether it is a value type, and how it is disposed.</param>
/// <param name="Element">The element's type, spelled with the classes (the type of a <c>var</c> iteration variable).</param>
/// <param name="ElementIsReference">Whether the element's type is a reference type (a <c>var</c> variable of it is <c>T?</c>).</param>
/// <param name="CurrentIsElement">Whether <c>Current</c> has the element's type already (a <c>List&lt;T&gt;</c>'s; an array's enumerator yields <c>object</c>).</param>
/// <param name="GetEnumerator">The method's name.</param>
/// <param name="Through">For an interface's <c>GetEnumerator</c>, that interface (the collection is converted to it); for an extension, its class; else null.</param>
/// <param name="IsExtension">Whether <c>GetEnumerator</c> is an extension method.</param>
internal sealed record ForEachClassTypes(
    string Enumerator, ITypeSymbol EnumeratorType, string Element, bool ElementIsReference, bool CurrentIsElement, string GetEnumerator, string? Through, bool IsExtension);

internal sealed partial class GeneratedFactoryTypes
{
    private readonly Dictionary<CommonForEachStatementSyntax, ForEachClassTypes?> _forEaches = new();

    /// <summary>
    /// The types of <paramref name="forEach"/> as C# gives them when its collection's type is built from a class the generator adds
    /// (<see cref="ForEachClassTypes"/>); null when it is not, or they cannot be told (a dynamic or asynchronous enumeration, an error).
    /// </summary>
    public ForEachClassTypes? ForEachOfClasses(CommonForEachStatementSyntax forEach)
    {
        if (_forEaches.TryGetValue(forEach, out var known))
        {
            return known;
        }
        _forEaches[forEach] = null; // while it is read: a cycle tells nothing
        var result = ReadForEach(forEach);
        _forEaches[forEach] = result;
        return result;
    }

    private ForEachClassTypes? ReadForEach(CommonForEachStatementSyntax forEach)
    {
        if (forEach is not ForEachStatementSyntax || !forEach.AwaitKeyword.IsKind(SyntaxKind.None) || StandInRewrite(forEach.Expression) is not { } rewritten ||
            StandInModel() is not var (model, _))
        {
            return null;
        }
        // `{ var standInCollection = <the collection with its stand-ins>; foreach (var standIn in standInCollection) { } }` where the foreach
        // is: C#'s pattern, with the classes' stand-ins. Through a local: a local that is only `default(List<...>)!` would be a constant null.
        var collection = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
            SyntaxFactory.IdentifierName("var"),
            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier("standInCollection")).WithInitializer(SyntaxFactory.EqualsValueClause(rewritten)))));
        var statement = SyntaxFactory.ForEachStatement(
            SyntaxFactory.IdentifierName("var"), SyntaxFactory.Identifier("standIn"), SyntaxFactory.IdentifierName("standInCollection"), SyntaxFactory.Block());
        var block = SyntaxFactory.Block(collection, statement);
        if (!model.TryGetSpeculativeSemanticModel(forEach.SpanStart, block, out var speculative))
        {
            return null;
        }
        statement = (ForEachStatementSyntax)block.Statements[1];
        var info = speculative.GetForEachStatementInfo(statement);
        if (info.GetEnumeratorMethod is not { } getEnumerator || info.MoveNextMethod is null || info.CurrentProperty is null || info.ElementType is not { } element ||
            info.IsAsynchronous || ClassText(getEnumerator.ReturnType, out _) is not { } enumerator ||
            ClassText(element.WithNullableAnnotation(NullableAnnotation.NotAnnotated), out var holdsClass) is not { } elementText || !holdsClass)
        {
            return null;
        }
        string? through = null;
        if (getEnumerator.IsExtensionMethod || getEnumerator.ContainingType.TypeKind == TypeKind.Interface)
        {
            through = ClassText(getEnumerator.ContainingType, out _);
            if (through is null)
            {
                return null;
            }
        }
        return new ForEachClassTypes(
            enumerator, getEnumerator.ReturnType, elementText, element.IsReferenceType,
            SymbolEqualityComparer.Default.Equals(info.CurrentProperty.Type, element), getEnumerator.Name, through, getEnumerator.IsExtensionMethod);
    }

    /// <summary>The type of a <c>var</c> iteration variable of a foreach read by <see cref="ForEachOfClasses"/>, as text; null for any other local.</summary>
    private string? ForEachVariableText(ILocalSymbol local)
    {
        if (!_namesFactories || local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not ForEachStatementSyntax { Type.IsVar: true } forEach ||
            ForEachOfClasses(forEach) is not { } types)
        {
            return null;
        }
        // `var` in a foreach is `T?` for a reference type where annotations are enabled, as a `var` local is.
        return types.Element + (types.ElementIsReference && !types.Element.EndsWith("?", StringComparison.Ordinal) &&
                                _model.GetNullableContext(forEach.Identifier.SpanStart).AnnotationsEnabled() ? "?" : "");
    }
}
