using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

internal sealed partial class GeneratedFactoryTypes
{
    /// <summary>
    /// What C# infers <paramref name="parameter"/> from in a lambda argument for a parameter of delegate type
    /// <paramref name="delegateType"/> (of the method's definition), as (argument type, parameter type) pairs; null when that
    /// is not read here (an async lambda, a lambda whose parameters' types come from other type arguments).
    /// <list type="bullet">
    /// <item>Parameters not typed, for a delegate whose parameters' types mention <paramref name="parameter"/>
    /// (<c>c =&gt; c</c> for a <c>Func&lt;T, T&gt;</c>): nothing. C# reads such a lambda's value only once its parameters'
    /// types are fixed (the second phase), so <paramref name="parameter"/> is fixed by then.</item>
    /// <item>Typed parameters (<c>(Coroutine&lt;int&gt; c) =&gt; c</c>): each one's type, an exact bound, then the value's type,
    /// as for a lambda whose parameters' types do not come from the inference.</item>
    /// <item>Otherwise its value's type bounds the delegate's return type (<see cref="ReturnedType"/>).</item>
    /// </list>
    /// </summary>
    private List<(ITypeSymbol Argument, ITypeSymbol Parameter)>? LambdaBounds(
        LambdaExpressionSyntax lambda, ITypeSymbol delegateType, ITypeParameterSymbol parameter, IReadOnlyList<ITypeParameterSymbol> typeParameters)
    {
        if (delegateType is not INamedTypeSymbol { DelegateInvokeMethod: { } invoke } || lambda.AsyncKeyword.RawKind != 0)
        {
            return null;
        }
        var declared = lambda switch
        {
            SimpleLambdaExpressionSyntax => new List<TypeSyntax?> { null },
            ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.Select(static p => p.Type).ToList(),
            _ => null,
        };
        if (declared is null || declared.Count != invoke.Parameters.Length)
        {
            return null;
        }
        var pairs = new List<(ITypeSymbol Argument, ITypeSymbol Parameter)>();
        if (invoke.Parameters.Any(p => Mentions(p.Type, typeParameters)))
        {
            if (declared.All(static t => t is null))
            {
                return invoke.Parameters.Any(p => Mentions(p.Type, new[] { parameter })) ? pairs : null;
            }
            for (var i = 0; i < declared.Count; i++)
            {
                if (declared[i] is not { } type || _model.GetTypeInfo(type).Type is not { } given || !IsKnown(given))
                {
                    return null;
                }
                pairs.Add((given, invoke.Parameters[i].Type));
            }
        }
        if (Mentions(invoke.ReturnType, new[] { parameter }))
        {
            if (ReturnedType(lambda) is not { } returned)
            {
                return null;
            }
            pairs.Add((returned, invoke.ReturnType));
        }
        return pairs;
    }

    /// <summary>
    /// C#'s inferred return type of <paramref name="lambda"/>: its expression body's type, or for a block body the best common
    /// type of the values of all its <c>return</c> statements (the one type all of them convert to). Null when one of them has
    /// no type known here (a generated factory's call, <c>null</c>), there is none, or no single best type.
    /// </summary>
    private ITypeSymbol? ReturnedType(LambdaExpressionSyntax lambda)
    {
        var values = lambda.ExpressionBody is { } body
            ? new List<ExpressionSyntax?> { body }
            : lambda.Block?.DescendantNodes(static n => !SuspensionFinder.IsFunction(n)).OfType<ReturnStatementSyntax>().Select(static r => r.Expression).ToList();
        if (values is null || values.Count == 0 || values.Any(static v => v is null))
        {
            return null;
        }
        var types = new List<ITypeSymbol>();
        foreach (var value in values)
        {
            if (WithFactoryResults(value!) is not null || _model.GetTypeInfo(value!).Type is not { } type || !IsKnown(type))
            {
                return null;
            }
            types.Add(type);
        }
        var candidates = types.Distinct<ITypeSymbol>(SymbolEqualityComparer.Default).ToList();
        var best = candidates.Where(c => candidates.All(t => _model.Compilation.ClassifyCommonConversion(t, c).IsImplicit)).ToList();
        return best.Count == 1 ? best[0] : null;
    }
}
