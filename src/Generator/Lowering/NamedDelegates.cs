using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
using Coroutines.Generator.Binding;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// The delegate types a state machine declares for the delegate types C# made for lambdas that its kept locals hold
/// (<see cref="DelegateTypeModel"/>): one per such type, named after the first local that holds it, its name hiding
/// nothing the user's code names (the names of <see cref="ShapeMethods.TakenAround"/>). While the state machine is
/// lowered, <see cref="SymbolText.Type"/> spells each such type by its declared name, and each lambda or method group
/// of such a type converts to it (StatementRewriter), so every value of it in the generated code has the declared type.
/// </summary>
internal sealed class NamedDelegates
{
    private readonly Dictionary<ITypeSymbol, DelegateTypeModel> _byType = new(SymbolEqualityComparer.Default);
    private readonly HashSet<string> _taken;

    /// <param name="taken">The names the declared types must not take.</param>
    public NamedDelegates(HashSet<string> taken) => _taken = taken;

    /// <summary>The types declared so far, in the order they were first needed (not those of <see cref="Inherit"/>).</summary>
    public List<DelegateTypeModel> Models { get; } = new();

    /// <summary>
    /// Uses the types <paramref name="around"/> declares (and those it uses in turn) as if declared here, without declaring them again: a state
    /// machine nested in the one that declares them names them as they are (see CoroutineLowerer.InheritDelegateTypes). Its own names avoid them.
    /// </summary>
    public void Inherit(NamedDelegates around)
    {
        foreach (var pair in around._byType)
        {
            _byType[pair.Key] = pair.Value;
            _taken.Add(pair.Value.Name);
        }
    }

    /// <summary>Whether a type is declared for <paramref name="type"/>: a lambda or method group of it converts to that one.</summary>
    public bool Declares(ITypeSymbol type) => _byType.ContainsKey(type);

    /// <summary>The name of the type declared for <paramref name="type"/>, made now while <see cref="Declare"/> spells another's signature; else null where none is declared.</summary>
    public string? Named(INamedTypeSymbol type) =>
        _byType.TryGetValue(type, out var made) ? made.Name : _declaring ? For(type).Name : null;

    private bool _declaring;

    /// <summary>
    /// Declares a type for each delegate type the compiler made that <paramref name="type"/> holds, named after <paramref name="stem"/>
    /// (the local of that type), its comment saying it is for <paramref name="describes"/> (<c>local 'f'</c>).
    /// </summary>
    public void Declare(string stem, string describes, ITypeSymbol type)
    {
        // One in the signature of another is made as that one's is spelled (see Named): named after the local too.
        (_stem, _describes, _declaring) = (stem, describes, true);
        // One whose signature holds an anonymous type cannot be declared: a value of it is kept as an object, read back through a lambda of that signature (Binding/AnonymousShape).
        foreach (var unnamed in type.UnnamedDelegatesIn().Where(static u => u.AnonymousPartOfSignature() is null))
        {
            For(unnamed);
        }
        _declaring = false;
    }

    private string _stem = "value";

    private string _describes = "";

    /// <summary>The declared type for <paramref name="type"/> (see <see cref="TypeSymbolExtensions.IsUnnamedDelegate"/>), made on first use.</summary>
    public DelegateTypeModel For(INamedTypeSymbol type)
    {
        if (_byType.TryGetValue(type, out var made))
        {
            return made;
        }
        var declared = GeneratedNames.Unique(GeneratedNames.NamedDelegate(_stem), _taken);
        var invoke = type.DelegateInvokeMethod!;
        made = new DelegateTypeModel(
            declared,
            BaseAccessors.RefKindOf(invoke.ReturnsByRef, invoke.ReturnsByRefReadonly) + (invoke.ReturnsVoid ? "void" : SymbolText.Type(invoke.ReturnType)),
            ParametersOf(invoke),
            _describes);
        _byType[type] = made;
        Models.Add(made);
        return made;
    }

    /// <summary>The parameters of <paramref name="invoke"/>, the <c>Invoke</c> of a delegate type the compiler made for a lambda, as a declared delegate type or a lambda repeats them.</summary>
    public static EquatableArray<ParameterModel> ParametersOf(IMethodSymbol invoke)
    {
        var names = new HashSet<string>();
        var parameters = new List<ParameterModel>();
        foreach (var p in invoke.Parameters)
        {
            var parameter = BaseAccessors.Parameter(p);
            // A lambda's discards (`(ref int _, int _)`) would name two parameters alike: those get their position's name.
            var name = p.Name != "_" && names.Add(parameter.Name) ? parameter.Name : GeneratedNames.Unique($"arg{parameters.Count + 1}", names);
            parameters.Add(parameter with { Name = name, Modifiers = Scoped(p) + parameter.Modifiers });
        }
        return parameters.ToEquatableArray();
    }

    /// <summary>
    /// The method groups in <paramref name="body"/> that C# gives a delegate type it made (<c>Pick(Parse)</c> for <c>int Parse(ref int y)</c>,
    /// or one with a default value), with their method and that type, whose signature holds no anonymous type, among those
    /// <paramref name="where"/> accepts; found as StatementRewriter finds those it converts to the declared type (see <c>DeclaredDelegateOf</c>).
    /// </summary>
    public static IEnumerable<(ExpressionSyntax Group, IMethodSymbol Method, INamedTypeSymbol Type)> MethodGroups(SyntaxNode body, SemanticModel model, System.Func<SyntaxNode, bool> where)
    {
        foreach (var node in body.DescendantNodes().OfType<ExpressionSyntax>())
        {
            if (node is not (IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax) ||
                node is SimpleNameSyntax { Parent: MemberAccessExpressionSyntax access } && access.Name == node || !where(node))
            {
                continue;
            }
            var info = model.GetTypeInfo(node);
            if (info.Type is null && info.ConvertedType is INamedTypeSymbol unnamed && unnamed.IsUnnamedDelegate() && unnamed.AnonymousPartOfSignature() is null &&
                model.GetSymbolInfo(node) is var symbol && (symbol.Symbol ?? symbol.CandidateSymbols.FirstOrDefault()) is IMethodSymbol method)
            {
                yield return (node, method, unnamed);
            }
        }
    }

    // A lambda's `scoped ref int x` only converts to a delegate whose parameter is scoped too (an `out` one is without saying so).
    private static string Scoped(IParameterSymbol parameter) => parameter.ScopedKind == ScopedKind.None || parameter.RefKind == RefKind.Out ? "" : "scoped ";
}
