using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// Methods C# calls in an expression the spiller splits, and that C# code cannot name: the init accessor of a
/// <c>with</c> expression's member set after a suspension, the <c>operator false</c> (or <c>true</c>) of
/// <c>x &amp;&amp; F()</c> (<c>x || F()</c>). The state machine declares an <c>[UnsafeAccessor]</c> method for each
/// (<see cref="RuntimeAccessorModel"/>), which the runtime binds to it: it is called once, where C# calls it, and
/// virtually when it is virtual (the runtime calls a virtual target with <c>callvirt</c>, as C# does). Where a
/// generic type or method is involved, the accessor is declared in a file-local class whose type parameters are
/// the target type's (the runtime's rule for generics, .NET 9 and later) and called with the type's arguments.
/// </summary>
internal sealed partial class ExpressionSpiller
{
    /// <summary>
    /// Why the state machine cannot call <paramref name="target"/> through an <c>[UnsafeAccessor]</c> method, in words; null when it can.
    /// <paramref name="signature"/>: the types the accessor's declaration names besides the target's own type.
    /// </summary>
    private string? RuntimeAccessorRefusal(IMethodSymbol target, SyntaxNode at, params ITypeSymbol[] signature)
    {
        if (Model.Compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.UnsafeAccessorAttribute") is null)
        {
            return "which needs .NET 8 or later (the generated code calls it through [UnsafeAccessor])";
        }
        if (NeedsHolder(target.ContainingType, at) &&
            signature.Prepend(target.ContainingType.OriginalDefinition).FirstOrDefault(t => t.TypeKind != TypeKind.TypeParameter && !Model.Compilation.IsSymbolAccessibleWithin(t, Model.Compilation.Assembly)) is { } hidden)
        {
            return $"in a generic type or method, where the generated code declares its [UnsafeAccessor] outside your types and cannot name '{hidden.Name}', which is not internal or public (make '{hidden.Name}' internal)";
        }
        return null;
    }

    /// <summary>Whether the accessor of a member of <paramref name="type"/> is declared in a file-local holder: the type, the coroutine or a type around either is generic.</summary>
    private bool NeedsHolder(INamedTypeSymbol type, SyntaxNode at)
    {
        for (var symbol = Model.GetEnclosingSymbol(at.SpanStart); symbol is not null; symbol = symbol.ContainingSymbol)
        {
            if (symbol is IMethodSymbol { IsGenericMethod: true } or INamedTypeSymbol { IsGenericType: true })
            {
                return true;
            }
        }
        return Enclosing(type).Any(static t => t.IsGenericType);
    }

    private static IEnumerable<INamedTypeSymbol> Enclosing(INamedTypeSymbol? type)
    {
        for (; type is not null; type = type.ContainingType)
        {
            yield return type;
        }
    }

    /// <summary>The state machine's accessor of the init accessor <paramref name="init"/> of <paramref name="property"/>, made the first time it is needed.</summary>
    private string InitAccessor(IPropertySymbol property, IMethodSymbol init, int line, SyntaxNode at)
    {
        var holder = NeedsHolder(property.ContainingType, at);
        var type = holder ? property.ContainingType.OriginalDefinition : property.ContainingType;
        var value = holder ? property.OriginalDefinition.Type : property.Type;
        return RuntimeAccessor(
            "Method",
            init,
            property.ContainingType,
            holder,
            Names.GeneratedNames.InitAccessor(property.Name),
            $"{(property.ContainingType.IsValueType ? "ref " : "")}{SymbolText.Type(type)} target, {SymbolText.Type(value)} value",
            $"the init accessor of {property.ContainingType.Name}.{property.Name}, which a 'with' expression (line {line}) calls after a suspension, as C# calls it");
    }

    /// <summary>The state machine's accessor of the user-defined <c>operator false</c> or <c>operator true</c> <paramref name="truth"/>, made the first time it is needed.</summary>
    private string TruthOperatorAccessor(IMethodSymbol truth, int line, SyntaxNode at)
    {
        var type = truth.ContainingType;
        var holder = NeedsHolder(type, at);
        var spelled = SymbolText.Type(holder ? type.OriginalDefinition : type);
        var operand = SymbolText.Type((holder ? truth.OriginalDefinition : truth).Parameters[0].Type); // the type, or lifted its nullable
        var isTrue = truth.MetadataName == WellKnownMemberNames.TrueOperatorName;
        return RuntimeAccessor(
            "StaticMethod",
            truth,
            type,
            holder,
            Names.GeneratedNames.TruthOperatorAccessor(isTrue, type.Name),
            $"{spelled} type, {operand} operand",
            $"operator {(isTrue ? "true" : "false")} of {type.Name}, which '{(isTrue ? "||" : "&&")}' (line {line}) calls on its left operand, as C# calls it (C# code cannot call it alone)");
    }

    /// <summary>The accessor's name as the state machine calls it: <c>init_B</c>, or its holder's with the type's arguments, <c>Accessor_init_B&lt;string&gt;.init_B</c>.</summary>
    private string RuntimeAccessor(string kind, IMethodSymbol target, INamedTypeSymbol type, bool holder, string stem, string parameters, string describes)
    {
        var accessor = _scope.RuntimeAccessors.FirstOrDefault(a => a.Kind == kind && a.Member == target.MetadataName && a.Parameters == parameters);
        if (accessor is null)
        {
            var name = _lowerer.NewMemberName(stem);
            var typeParameters = Enclosing(type.OriginalDefinition).Reverse().SelectMany(static t => t.TypeParameters).ToList();
            accessor = new RuntimeAccessorModel(name, kind, SymbolText.Type(target.ReturnType), target.MetadataName, parameters, describes)
            {
                Holder = holder ? Names.GeneratedNames.RuntimeAccessorHolder(name) : "",
                HolderTypeParameters = typeParameters.Count == 0 ? "" : $"<{string.Join(", ", typeParameters.Select(static p => SymbolText.Identifier(p.Name)))}>",
                HolderConstraints = SymbolText.ConstraintClauses(typeParameters.ToImmutableArray()).ToEquatableArray(),
            };
            _scope.RuntimeAccessors.Add(accessor);
        }
        if (accessor.Holder.Length == 0)
        {
            return accessor.Name;
        }
        var arguments = Enclosing(type).Reverse().SelectMany(static t => t.TypeArguments).Select(SymbolText.Type).ToList();
        return $"{accessor.Holder}{(arguments.Count == 0 ? "" : $"<{string.Join(", ", arguments)}>")}.{accessor.Name}";
    }
}
