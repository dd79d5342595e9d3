using Coroutines.Generator.Binding;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Generator.Lowering;

/// <summary>A collection expression's spread before a suspension (<c>[.. Iter(), F()]</c>).</summary>
internal sealed partial class ExpressionSpiller
{
    /// <summary>
    /// A spread's operand evaluated before a later suspension: C# enumerates it there, before the
    /// suspension (an iterator runs, a list is read as it is then), so its elements are copied into an
    /// array temporary (<c>items_before2 = [.. Iter()]</c>) that the collection spreads after the resume.
    /// An operand whose elements are of an anonymous type (no array field can name it) is kept as it is.
    /// </summary>
    private void PreserveSpread(ExpressionSyntax operand)
    {
        if (Model.GetOperation(operand.Parent!) is not ISpreadOperation { ElementType: { } element } ||
            element.TypeKind is TypeKind.Error || element.IsRefLikeType || AnonymousShape.IsNeeded(element))
        {
            Preserve(operand);
            return;
        }
        Spill(operand);
        if (Failed)
        {
            return;
        }
        CheckSaveable(element, operand);
        var field = _lowerer.NewTemporary(
            Names.GeneratedNames.SpilledOperand(NameOf(operand), _lowerer.NextState),
            SymbolText.Type(Model.Compilation.CreateArrayTypeSymbol(element)),
            $"the elements of {Quote(operand)} (line {BodyLowerer.LineOf(operand)}), enumerated before {NextSuspension(operand)} suspends, as C# does",
            needsDefault: true);
        Add(_lowerer.StoreElements(field, operand));
        _scope.Spilled[operand] = field;
    }
}
