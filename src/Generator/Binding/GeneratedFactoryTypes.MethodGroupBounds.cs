using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

internal sealed partial class GeneratedFactoryTypes
{
    /// <summary>
    /// What C# infers <paramref name="parameter"/> from in a method group (<c>MakeCoroutine(EchoCoroutine(5), Later)</c> for a
    /// <c>Func&lt;T&gt;</c>) given for a parameter of delegate type <paramref name="delegateType"/>: only the return type of the
    /// method overload resolution picks for the delegate's parameters' types, a lower bound of the delegate's return type, read
    /// once those types are fixed. Nothing when the delegate's return type does not mention <paramref name="parameter"/> or its
    /// parameters' types do (C# fixes <paramref name="parameter"/> before it reads the group); null when that is not read here:
    /// they mention a type argument C# does not fix first (<see cref="FixedFirst"/>), one is passed by reference, or the group
    /// does not bind to a method returning a type known here.
    /// </summary>
    private List<(ITypeSymbol Argument, ITypeSymbol Parameter)>? MethodGroupBounds(
        ExpressionSyntax group, ITypeSymbol delegateType, ITypeParameterSymbol parameter, IReadOnlyDictionary<ITypeParameterSymbol, ITypeSymbol> fixedFirst)
    {
        if (delegateType is not INamedTypeSymbol { DelegateInvokeMethod: { } invoke } ||
            _model.GetMemberGroup(group).Length == 0 && _model.GetSymbolInfo(group).CandidateSymbols.IsDefaultOrEmpty)
        {
            return null;
        }
        var pairs = new List<(ITypeSymbol Argument, ITypeSymbol Parameter)>();
        var only = new[] { parameter };
        if (!Mentions(invoke.ReturnType, only) || invoke.Parameters.Any(p => Mentions(p.Type, only)))
        {
            return pairs;
        }
        var parameterTypes = invoke.Parameters.Select(p => p.RefKind == RefKind.None ? Substituted(p.Type, fixedFirst) : null).ToList();
        if (parameterTypes.Any(static t => t is null))
        {
            return null;
        }
        // The group called with a value of each of the delegate's parameters' types: overload resolution as C# does it for the conversion.
        var call = SyntaxFactory.InvocationExpression(
            group.WithoutTrivia(),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(parameterTypes.Select(t => SyntaxFactory.Argument(SyntaxFactory.ParseExpression($"default({SymbolText.Type(t!)})"))))));
        var returned = _model.GetSpeculativeSymbolInfo(group.SpanStart, call, SpeculativeBindingOption.BindAsExpression).Symbol is IMethodSymbol method ? method.ReturnType : null;
        if (!IsKnown(returned) || returned!.SpecialType == SpecialType.System_Void)
        {
            return null;
        }
        pairs.Add((returned, invoke.ReturnType));
        return pairs;
    }
}
