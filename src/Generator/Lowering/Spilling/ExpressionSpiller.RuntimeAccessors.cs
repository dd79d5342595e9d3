using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// Methods C# calls in an expression the spiller splits, and that C# code cannot name: the init accessor of a
/// <c>with</c> expression's member set after a suspension, the <c>operator false</c> (or <c>true</c>) of
/// <c>x &amp;&amp; F()</c> (<c>x || F()</c>). The state machine declares an <c>[UnsafeAccessor]</c> method for each
/// (<see cref="RuntimeAccessorModel"/>), which the runtime binds to it: it is called once, where C# calls it.
/// </summary>
internal sealed partial class ExpressionSpiller
{
    /// <summary>Why the state machine cannot call <paramref name="target"/> through an <c>[UnsafeAccessor]</c> method, in words; null when it can.</summary>
    private string? RuntimeAccessorRefusal(IMethodSymbol target, SyntaxNode at)
    {
        if (Model.Compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.UnsafeAccessorAttribute") is null)
        {
            return "which needs .NET 8 or later (the generated code calls it through [UnsafeAccessor])";
        }
        if (target.IsVirtual || target.IsOverride || target.IsAbstract)
        {
            return "whose accessor is virtual (the generated code could only call it non-virtually)";
        }
        var generic = Model.GetEnclosingSymbol(at.SpanStart) is IMethodSymbol method &&
                      (method.IsGenericMethod || Enclosing(method.ContainingType).Any(static t => t.IsGenericType));
        if (generic || Enclosing(target.ContainingType).Any(static t => t.IsGenericType))
        {
            return "in a generic type or method (the generated code calls it through [UnsafeAccessor], which does not bind it there)";
        }
        return null;
    }

    private static IEnumerable<INamedTypeSymbol> Enclosing(INamedTypeSymbol? type)
    {
        for (; type is not null; type = type.ContainingType)
        {
            yield return type;
        }
    }

    /// <summary>The state machine's accessor of the init accessor <paramref name="init"/> of <paramref name="property"/>, made the first time it is needed.</summary>
    private string InitAccessor(IPropertySymbol property, IMethodSymbol init, int line)
    {
        var target = SymbolText.Type(property.ContainingType);
        return RuntimeAccessor(
            "Method",
            init,
            Names.GeneratedNames.InitAccessor(property.Name),
            $"{(property.ContainingType.IsValueType ? "ref " : "")}{target} target, {SymbolText.Type(property.Type)} value",
            $"the init accessor of {property.ContainingType.Name}.{property.Name}, which a 'with' expression (line {line}) calls after a suspension, as C# calls it");
    }

    /// <summary>The state machine's accessor of the user-defined <c>operator false</c> or <c>operator true</c> <paramref name="truth"/>, made the first time it is needed.</summary>
    private string TruthOperatorAccessor(IMethodSymbol truth, int line)
    {
        var type = truth.ContainingType;
        var isTrue = truth.MetadataName == WellKnownMemberNames.TrueOperatorName;
        return RuntimeAccessor(
            "StaticMethod",
            truth,
            Names.GeneratedNames.TruthOperatorAccessor(isTrue, type.Name),
            $"{SymbolText.Type(type)} type, {SymbolText.Type(truth.Parameters[0].Type)} operand",
            $"operator {(isTrue ? "true" : "false")} of {type.Name}, which '{(isTrue ? "||" : "&&")}' (line {line}) calls on its left operand, as C# calls it (C# code cannot call it alone)");
    }

    private string RuntimeAccessor(string kind, IMethodSymbol target, string stem, string parameters, string describes)
    {
        if (_scope.RuntimeAccessors.FirstOrDefault(a => a.Kind == kind && a.Member == target.MetadataName && a.Parameters == parameters) is { } known)
        {
            return known.Name;
        }
        var name = _lowerer.NewMemberName(stem);
        _scope.RuntimeAccessors.Add(new RuntimeAccessorModel(name, kind, SymbolText.Type(target.ReturnType), target.MetadataName, parameters, describes));
        return name;
    }
}
