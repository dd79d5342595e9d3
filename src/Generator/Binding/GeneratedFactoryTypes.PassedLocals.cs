using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

internal sealed partial class GeneratedFactoryTypes
{
    private readonly Dictionary<ILocalSymbol, (string Placeholder, string Exact)?> _passed = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// <c>var made = EchoCoroutine(1);</c> (or <c>var w = WrapCoroutine(EchoCoroutine(1));</c>, a copy <c>var again = made;</c>,
    /// <c>var either = n &gt; 2 ? one : two;</c>): C# types <c>made</c> as the class the factory returns, and infers from that class
    /// wherever it is passed (<c>PickCoroutine(EchoCoroutine(5), made)</c>, its receiver <c>made.AlsoCoroutine(...)</c>, an ordinary
    /// generic method, <c>Name(made)</c>: <c>T</c> = the class). So its field has that class, not the <c>Coroutine&lt;int&gt;</c> callers
    /// see (in the generated code each call then infers what C# infers), and a factory's call reads it as it reads an inner
    /// call: the placeholder that binds in its place and the class. Null for any other local.
    /// </summary>
    private (string Placeholder, string Exact)? PassedFactoryLocal(ILocalSymbol local)
    {
        if (!_namesFactories)
        {
            return null;
        }
        if (_passed.TryGetValue(local, out var known))
        {
            return known;
        }
        _passed[local] = null; // while it is being read: a cycle, not such a local
        var result = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax
        {
            Initializer.Value: { } value,
            Parent: VariableDeclarationSyntax { Type.IsVar: true },
        } && !(value is InvocationExpressionSyntax call && CallsALocalFunction(call))
            ? InnerArgument(value, why: null) ?? StandInLocal(local, value)
            : null;
        _passed[local] = result;
        return result;
    }

    /// <summary>
    /// An argument or receiver of a factory's call that C# types as a factory's class: an inner factory call, a local of one,
    /// or a conditional whose branches both are such, of the same class.
    /// </summary>
    private (string Placeholder, string Exact)? InnerArgument(ExpressionSyntax argument, List<string>? why) => argument switch
    {
        ParenthesizedExpressionSyntax parenthesized => InnerArgument(parenthesized.Expression, why),
        InvocationExpressionSyntax inner => Inner(inner, why),
        IdentifierNameSyntax identifier when _model.GetSymbolInfo(identifier).Symbol is ILocalSymbol local => PassedFactoryLocal(local),
        ConditionalExpressionSyntax conditional => SameClass(conditional, why),
        _ => null,
    };

    /// <summary>
    /// <c>which ? echo : count</c>, its branches of two classes the generator adds (neither a dispatching factory's <c>Coroutine&lt;R&gt;</c>):
    /// sealed classes, neither converts to the other, so C# gives the conditional no natural type.
    /// </summary>
    private bool OfTwoClasses(ExpressionSyntax expression) =>
        expression is ConditionalExpressionSyntax conditional &&
        InnerArgument(conditional.WhenTrue, why: null) is { } whenTrue && InnerArgument(conditional.WhenFalse, why: null) is { } whenFalse &&
        whenTrue.Exact != whenFalse.Exact && !IsSeenType(whenTrue.Exact) && !IsSeenType(whenFalse.Exact);

    /// <summary>A dispatching factory's class: the type callers see, <c>Coroutine&lt;R&gt;</c> (<see cref="FactoryClass"/>).</summary>
    private static bool IsSeenType(string exact) => exact.StartsWith("global::Coroutines.Coroutine", System.StringComparison.Ordinal);

    /// <summary>
    /// <c>n &gt; 2 ? one : two</c>, both branches of one class: C#'s natural type of the conditional, that class. Branches of
    /// two classes have no natural type (a factory's call reads it as no bound, <see cref="OfTwoClasses"/>); else not read here.
    /// </summary>
    private (string Placeholder, string Exact)? SameClass(ConditionalExpressionSyntax conditional, List<string>? why)
    {
        if (InnerArgument(conditional.WhenTrue, why) is not { } whenTrue || InnerArgument(conditional.WhenFalse, why) is not { } whenFalse)
        {
            return null;
        }
        if (whenTrue != whenFalse)
        {
            why?.Add($"the branches of '{conditional}' have different types ('{whenTrue.Exact}', '{whenFalse.Exact}'), and the generator cannot tell which one C# gives it");
            return null;
        }
        return whenTrue;
    }

    /// <summary>
    /// Whether <paramref name="call"/> is a <c>[Coroutine]</c> local function's factory: not typed by its class here (a
    /// local function's factory is not always a member the body can call), so such a local keeps the type callers see.
    /// </summary>
    private bool CallsALocalFunction(InvocationExpressionSyntax call) =>
        CalledName(call) is { } name && GeneratedNames.TryParseFactory(name, out var methodName) &&
        _model.LookupSymbols(call.SpanStart, name: methodName).OfType<IMethodSymbol>().Any(static m => m.MethodKind == MethodKind.LocalFunction);

    private static string? CalledName(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
        IdentifierNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };
}
