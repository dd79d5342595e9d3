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
/// <param name="Variables">For a foreach into a deconstruction (<c>var (item, count)</c>), each variable's type by its name, spelled with the classes, and whether it is a reference type.</param>
internal sealed record ForEachClassTypes(
    string Enumerator, ITypeSymbol EnumeratorType, string Element, bool ElementIsReference, bool CurrentIsElement, string GetEnumerator, string? Through, bool IsExtension,
    IReadOnlyDictionary<string, (string Text, bool IsReference)> Variables);

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
        if (forEach is not (ForEachStatementSyntax or ForEachVariableStatementSyntax) || !forEach.AwaitKeyword.IsKind(SyntaxKind.None) || StandInRewrite(forEach.Expression) is not { } rewritten ||
            StandInModel() is not var (model, _))
        {
            return null;
        }
        // `{ var standInCollection = <the collection with its stand-ins>; foreach (var standIn in standInCollection) { } }` where the foreach
        // is: C#'s pattern, with the classes' stand-ins (into the same deconstruction, `var (item, count)`, for one: its variables' types).
        // Through a local: a local that is only `default(List<...>)!` would be a constant null.
        var collection = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
            SyntaxFactory.IdentifierName("var"),
            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier("standInCollection")).WithInitializer(SyntaxFactory.EqualsValueClause(rewritten)))));
        CommonForEachStatementSyntax statement = forEach is ForEachVariableStatementSyntax deconstruction
            ? SyntaxFactory.ForEachVariableStatement(deconstruction.Variable, SyntaxFactory.IdentifierName("standInCollection"), SyntaxFactory.Block())
            : SyntaxFactory.ForEachStatement(
                SyntaxFactory.IdentifierName("var"), SyntaxFactory.Identifier("standIn"), SyntaxFactory.IdentifierName("standInCollection"), SyntaxFactory.Block());
        var block = SyntaxFactory.Block(collection, statement);
        if (!model.TryGetSpeculativeSemanticModel(forEach.SpanStart, block, out var speculative))
        {
            return null;
        }
        statement = (CommonForEachStatementSyntax)block.Statements[1];
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
        var variables = new Dictionary<string, (string Text, bool IsReference)>(StringComparer.Ordinal);
        if (statement is ForEachVariableStatementSyntax deconstructing)
        {
            foreach (var designation in deconstructing.Variable.DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>())
            {
                if (speculative.GetDeclaredSymbol(designation) is not ILocalSymbol { Type: var type } ||
                    ClassText(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), out _) is not { } text)
                {
                    return null;
                }
                variables[designation.Identifier.ValueText] = (text, type.IsReferenceType);
            }
        }
        return new ForEachClassTypes(
            enumerator, getEnumerator.ReturnType, elementText, element.IsReferenceType,
            SymbolEqualityComparer.Default.Equals(info.CurrentProperty.Type, element), getEnumerator.Name, through, getEnumerator.IsExtensionMethod, variables);
    }

    /// <summary>
    /// The type of a <c>var</c> iteration variable of a foreach read by <see cref="ForEachOfClasses"/>, or of a <c>var</c> variable of its
    /// deconstruction (<c>var (item, count)</c>, <c>(var item, var count)</c>), as text; null for any other local.
    /// </summary>
    private string? ForEachVariableText(ILocalSymbol local)
    {
        if (!_namesFactories)
        {
            return null;
        }
        var (text, isReference, position) = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() switch
        {
            ForEachStatementSyntax { Type.IsVar: true } forEach when ForEachOfClasses(forEach) is { } types => (types.Element, types.ElementIsReference, forEach.Identifier.SpanStart),
            SingleVariableDesignationSyntax designation when IsVarDesignation(designation) &&
                                                             designation.FirstAncestorOrSelf<ForEachVariableStatementSyntax>() is { } forEach &&
                                                             forEach.Variable.Span.Contains(designation.Span) && ForEachOfClasses(forEach) is { } types &&
                                                             types.Variables.TryGetValue(designation.Identifier.ValueText, out var variable) =>
                (variable.Text, variable.IsReference, designation.SpanStart),
            _ => (null, false, 0),
        };
        // `var` in a foreach (or in its deconstruction) is `T?` for a reference type where annotations are enabled, as a `var` local is.
        return text is null
            ? null
            : text + (isReference && !text.EndsWith("?", StringComparison.Ordinal) && _model.GetNullableContext(position).AnnotationsEnabled() ? "?" : "");
    }

    /// <summary>Whether <paramref name="designation"/> is declared with <c>var</c>: <c>var (a, b)</c> or <c>(var a, int b)</c>, not <c>(Coroutine&lt;int&gt; a, var b)</c>'s <c>a</c>.</summary>
    private static bool IsVarDesignation(SingleVariableDesignationSyntax designation) =>
        designation.FirstAncestorOrSelf<DeclarationExpressionSyntax>() is { Type.IsVar: true };
}
