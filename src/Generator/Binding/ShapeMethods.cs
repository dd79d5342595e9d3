using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Binding;

/// <summary>
/// The shape methods of one state machine (<see cref="ShapeMethodModel"/>), one per type, named so
/// that they hide nothing the user's code names: neither an identifier of the coroutine's body nor a
/// type parameter in scope there (the methods' own type parameters must not hide those either).
/// </summary>
internal sealed class ShapeMethods
{
    private readonly Dictionary<string, ShapeMethodModel> _byType = new();
    private readonly HashSet<string> _taken;

    /// <param name="taken">The names the generated methods must not take (the body's identifiers, the type parameters in scope).</param>
    public ShapeMethods(HashSet<string> taken) => _taken = taken;

    /// <summary>The names the user's code may use around <paramref name="method"/>: its declaration's identifiers and every type parameter in scope.</summary>
    public static HashSet<string> TakenAround(IMethodSymbol method)
    {
        var taken = new HashSet<string>();
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            taken.UnionWith(reference.GetSyntax().DescendantTokens().Select(static t => t.ValueText));
        }
        for (ISymbol? symbol = method; symbol is not null; symbol = symbol.ContainingSymbol)
        {
            var parameters = symbol switch
            {
                IMethodSymbol m => m.TypeParameters,
                INamedTypeSymbol t => t.TypeParameters,
                _ => System.Collections.Immutable.ImmutableArray<ITypeParameterSymbol>.Empty,
            };
            taken.UnionWith(parameters.Select(static p => p.Name));
        }
        return taken;
    }

    /// <summary>The methods made so far, in the order they were first needed.</summary>
    public List<ShapeMethodModel> Models { get; } = new();

    /// <summary>The method whose return type is <paramref name="returnType"/> spelled with <paramref name="count"/> type parameters; made on first use.</summary>
    public ShapeMethodModel For(string generic, System.Func<IReadOnlyList<string>, string> returnType, int count, string describes)
    {
        // Spelled with placeholder names first: one method per type, whatever the names it gets.
        var key = returnType(Enumerable.Range(1, count).Select(static i => $"{{{i}}}").ToList());
        if (_byType.TryGetValue(key, out var made))
        {
            return made;
        }
        // A method's own parameters only need to differ from the names around it (each method has its own).
        var typeParameters = Enumerable.Range(1, count).Select(i => GeneratedNames.Unique(GeneratedNames.ShapeTypeParameter(i), new HashSet<string>(_taken))).ToList();
        var parameters = Enumerable.Range(1, count).Select(i => GeneratedNames.Unique(GeneratedNames.ShapeParameter(i), new HashSet<string>(_taken))).ToList();
        var name = GeneratedNames.Unique(GeneratedNames.ShapeMethod(generic), _taken);
        made = new ShapeMethodModel(name, typeParameters.ToEquatableArray(), parameters.ToEquatableArray(), returnType(typeParameters), describes);
        _byType[key] = made;
        Models.Add(made);
        return made;
    }
}
