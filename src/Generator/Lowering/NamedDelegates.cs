using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
using Coroutines.Generator.Binding;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// The delegate types a state machine declares for its locals whose type is the delegate type C# made for a lambda
/// (<see cref="DelegateTypeModel"/>): one per such type, named after the first local of it, its name hiding nothing
/// the user's code names (the names of <see cref="ShapeMethods.TakenAround"/>).
/// </summary>
internal sealed class NamedDelegates
{
    private readonly Dictionary<ITypeSymbol, DelegateTypeModel> _byType = new(SymbolEqualityComparer.Default);
    private readonly HashSet<string> _taken;

    /// <param name="taken">The names the declared types must not take.</param>
    public NamedDelegates(HashSet<string> taken) => _taken = taken;

    /// <summary>The types declared so far, in the order they were first needed.</summary>
    public List<DelegateTypeModel> Models { get; } = new();

    /// <summary>The declared type for <paramref name="type"/> (see <see cref="TypeSymbolExtensions.IsUnnamedDelegate"/>), made on first use for <paramref name="local"/>.</summary>
    public DelegateTypeModel For(ITypeSymbol type, ILocalSymbol local)
    {
        if (_byType.TryGetValue(type, out var made))
        {
            return made;
        }
        var invoke = ((INamedTypeSymbol)type).DelegateInvokeMethod!;
        var names = new HashSet<string>();
        var parameters = new List<ParameterModel>();
        foreach (var p in invoke.Parameters)
        {
            var parameter = BaseAccessors.Parameter(p);
            // A lambda's discards (`(ref int _, int _)`) would name two parameters alike: those get their position's name.
            var name = p.Name != "_" && names.Add(parameter.Name) ? parameter.Name : GeneratedNames.Unique($"arg{parameters.Count + 1}", names);
            parameters.Add(parameter with { Name = name, Modifiers = Scoped(p) + parameter.Modifiers });
        }
        made = new DelegateTypeModel(
            GeneratedNames.Unique(GeneratedNames.NamedDelegate(local.Name), _taken),
            BaseAccessors.RefKindOf(invoke.ReturnsByRef, invoke.ReturnsByRefReadonly) + (invoke.ReturnsVoid ? "void" : SymbolText.Type(invoke.ReturnType)),
            parameters.ToEquatableArray(),
            $"local '{local.Name}'");
        _byType[type] = made;
        Models.Add(made);
        return made;
    }

    // A lambda's `scoped ref int x` only converts to a delegate whose parameter is scoped too (an `out` one is without saying so).
    private static string Scoped(IParameterSymbol parameter) => parameter.ScopedKind == ScopedKind.None || parameter.RefKind == RefKind.Out ? "" : "scoped ";
}
