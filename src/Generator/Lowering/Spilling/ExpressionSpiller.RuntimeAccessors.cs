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
/// generic type or method is involved, the accessor is declared in a class whose type parameters (those of the
/// types around it first) are exactly the target type's (the runtime's rule for generics, .NET 9 and later) and
/// called with the type's arguments: a file-local class, or, where that cannot name a type of the accessor's
/// signature (a private or protected type), a private class nested in the user's type that can.
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
        if (HolderDepth(target.ContainingType, at, signature) is null)
        {
            var hidden = Named(target.ContainingType, signature).First(t => !Model.Compilation.IsSymbolAccessibleWithin(t, Model.Compilation.Assembly));
            return $"in a generic type or method, where the generated code declares its [UnsafeAccessor] in a class whose type parameters are exactly those of '{target.ContainingType.Name}', and no such class can name '{hidden.Name}', which is not internal or public (make '{hidden.Name}' internal)";
        }
        return null;
    }

    /// <summary>The types an accessor of a member of <paramref name="type"/> names in its declaration, type parameters left out.</summary>
    private static IEnumerable<ITypeSymbol> Named(INamedTypeSymbol type, IEnumerable<ITypeSymbol> signature) =>
        signature.Prepend(type.OriginalDefinition).Where(static t => t.TypeKind != TypeKind.TypeParameter);

    /// <summary>
    /// Where the accessor of a member of <paramref name="type"/> is declared (see <see cref="RuntimeAccessorModel.HolderDepth"/>):
    /// -1, in the state machine (no generic type or method is involved); 0, a file-local class, when it can name every type
    /// of the signature; else k, a class nested in the k-th type around the coroutine, the innermost that can name them
    /// and has no type parameters or has the target type nested in it (its type parameters are then the target type's
    /// first, as the runtime numbers them); null: no class can.
    /// </summary>
    private int? HolderDepth(INamedTypeSymbol type, SyntaxNode at, IEnumerable<ITypeSymbol> signature)
    {
        if (!NeedsHolder(type, at))
        {
            return -1;
        }
        var named = Named(type, signature).ToList();
        if (named.All(t => Model.Compilation.IsSymbolAccessibleWithin(t, Model.Compilation.Assembly)))
        {
            return 0;
        }
        var around = Enclosing(_scope.ContainingType).Reverse().ToList();
        for (var depth = around.Count; depth >= 1; depth--)
        {
            var outer = around.Take(depth).SelectMany(static t => t.TypeParameters).ToList();
            if ((outer.Count == 0 || Enclosing(type.OriginalDefinition).Contains(around[depth - 1], SymbolEqualityComparer.Default)) &&
                named.All(t => Model.Compilation.IsSymbolAccessibleWithin(t, around[depth - 1])))
            {
                return depth;
            }
        }
        return null;
    }

    /// <summary>The type parameters of <paramref name="type"/>'s definition, those of the types around it first, as the runtime numbers them.</summary>
    private static List<ITypeParameterSymbol> TypeParameters(INamedTypeSymbol type) =>
        Enclosing(type.OriginalDefinition).Reverse().SelectMany(static t => t.TypeParameters).ToList();

    /// <summary>Whether the accessor of a member of <paramref name="type"/> is declared in a holder: the type, the coroutine or a type around either is generic.</summary>
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
        var depth = HolderDepth(property.ContainingType, at, new[] { property.OriginalDefinition.Type }) ?? 0;
        var holder = depth >= 0;
        var type = holder ? property.ContainingType.OriginalDefinition : property.ContainingType;
        var value = holder ? property.OriginalDefinition.Type : property.Type;
        return RuntimeAccessor(
            "Method",
            init,
            property.ContainingType,
            depth,
            Names.GeneratedNames.InitAccessor(property.Name),
            $"{(property.ContainingType.IsValueType ? "ref " : "")}{SymbolText.Type(type)} target, {SymbolText.Type(value)} value",
            $"the init accessor of {property.ContainingType.Name}.{property.Name}, which a 'with' expression (line {line}) calls after a suspension, as C# calls it");
    }

    /// <summary>The state machine's accessor of the user-defined <c>operator false</c> or <c>operator true</c> <paramref name="truth"/>, made the first time it is needed.</summary>
    private string TruthOperatorAccessor(IMethodSymbol truth, int line, SyntaxNode at)
    {
        var type = truth.ContainingType;
        var depth = HolderDepth(type, at, System.Array.Empty<ITypeSymbol>()) ?? 0;
        var spelled = SymbolText.Type(depth >= 0 ? type.OriginalDefinition : type);
        var operand = SymbolText.Type((depth >= 0 ? truth.OriginalDefinition : truth).Parameters[0].Type); // the type, or lifted its nullable
        var isTrue = truth.MetadataName == WellKnownMemberNames.TrueOperatorName;
        return RuntimeAccessor(
            "StaticMethod",
            truth,
            type,
            depth,
            Names.GeneratedNames.TruthOperatorAccessor(isTrue, type.Name),
            $"{spelled} type, {operand} operand",
            $"operator {(isTrue ? "true" : "false")} of {type.Name}, which '{(isTrue ? "||" : "&&")}' (line {line}) calls on its left operand, as C# calls it (C# code cannot call it alone)");
    }

    /// <summary>
    /// The accessor's name as the state machine calls it: <c>init_B</c>; or its holder's with the type's arguments,
    /// <c>Accessor_init_B&lt;string&gt;.init_B</c>, or, nested in the user's type <c>Shelf&lt;T&gt;</c>, with that type's first:
    /// <c>global::Demo.Shelf&lt;int&gt;.RunStateMachine_Accessor_init_B&lt;string&gt;.init_B</c>.
    /// </summary>
    private string RuntimeAccessor(string kind, IMethodSymbol target, INamedTypeSymbol type, int depth, string stem, string parameters, string describes)
    {
        var around = depth > 0 ? Enclosing(_scope.ContainingType).Reverse().ElementAt(depth - 1) : null;
        // Nested in a generic type of the user's, the holder's first type parameters are that type's: the target type is nested in it.
        var inherited = around is null ? 0 : Enclosing(around).Sum(static t => t.TypeParameters.Length);
        var accessor = _scope.RuntimeAccessors.FirstOrDefault(a => a.Kind == kind && a.Member == target.MetadataName && a.Parameters == parameters);
        if (accessor is null)
        {
            var name = _lowerer.NewMemberName(stem);
            var typeParameters = TypeParameters(type).Skip(inherited).ToList();
            accessor = new RuntimeAccessorModel(name, kind, SymbolText.Type(target.ReturnType), target.MetadataName, parameters, describes)
            {
                Holder = depth < 0 ? ""
                    : around is null ? Names.GeneratedNames.RuntimeAccessorHolder(name)
                    : Names.GeneratedNames.Unique(
                        Names.GeneratedNames.NestedRuntimeAccessorHolder(
                            Enclosing(_scope.ContainingType).TakeWhile(t => !SymbolEqualityComparer.Default.Equals(t, around)).Reverse().Select(static t => t.Name),
                            _scope.StateMachinePath,
                            name),
                        new HashSet<string>(around.MemberNames)),
                HolderDepth = System.Math.Max(depth, 0),
                HolderTypeParameters = typeParameters.Count == 0 ? "" : $"<{string.Join(", ", typeParameters.Select(static p => SymbolText.Identifier(p.Name)))}>",
                HolderConstraints = SymbolText.ConstraintClauses(typeParameters.ToImmutableArray()).ToEquatableArray(),
            };
            _scope.RuntimeAccessors.Add(accessor);
        }
        if (accessor.Holder.Length == 0)
        {
            return accessor.Name;
        }
        var arguments = Enclosing(type).Reverse().SelectMany(static t => t.TypeArguments).Skip(inherited).Select(SymbolText.Type).ToList();
        // The user's type the holder is nested in, with the target type's arguments for its type parameters.
        var outer = around is null ? ""
            : SymbolText.Type(inherited == 0 ? around : Enclosing(type).First(t => SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, around))) + ".";
        return $"{outer}{accessor.Holder}{(arguments.Count == 0 ? "" : $"<{string.Join(", ", arguments)}>")}.{accessor.Name}";
    }
}
