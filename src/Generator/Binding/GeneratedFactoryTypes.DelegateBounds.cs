using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

internal sealed partial class GeneratedFactoryTypes
{
    /// <summary>
    /// What C# infers <paramref name="parameter"/> from in a lambda argument for a parameter of delegate type
    /// <paramref name="delegateType"/> (of the method's definition), as (argument type, parameter type) pairs; null when that
    /// is not read here.
    /// <list type="bullet">
    /// <item>Parameters not typed, for a delegate whose parameters' types mention <paramref name="parameter"/>
    /// (<c>c =&gt; c</c> for a <c>Func&lt;T, T&gt;</c>): nothing. C# reads such a lambda's value only once its parameters'
    /// types are fixed (the second phase), so <paramref name="parameter"/> is fixed by then.</item>
    /// <item>Parameters not typed, for a delegate whose parameters' types mention only type arguments C# fixes first
    /// (<c>seed =&gt; seed</c> for a <c>Func&lt;U, T&gt;</c>, <see cref="FixedFirst"/>): its value's type with its parameters of
    /// those types, as C# reads it once they are fixed.</item>
    /// <item>Typed parameters (<c>(Coroutine&lt;int&gt; c) =&gt; c</c>): each one's type, an exact bound, then the value's type,
    /// as for a lambda whose parameters' types do not come from the inference.</item>
    /// <item>Otherwise its value's type bounds the delegate's return type (<see cref="ReturnedType"/>); an async lambda's is
    /// the task of it (<see cref="AsyncReturnedType"/>).</item>
    /// </list>
    /// </summary>
    private List<(ITypeSymbol Argument, ITypeSymbol Parameter)>? LambdaBounds(
        LambdaExpressionSyntax lambda, ITypeSymbol delegateType, ITypeParameterSymbol parameter, IReadOnlyList<ITypeParameterSymbol> typeParameters,
        IReadOnlyDictionary<ITypeParameterSymbol, ITypeSymbol> fixedFirst)
    {
        if (delegateType is not INamedTypeSymbol { DelegateInvokeMethod: { } invoke })
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
        List<ITypeSymbol>? fixedTypes = null; // the types C# gives parameters not typed, once the type arguments they mention are fixed
        if (invoke.Parameters.Any(p => Mentions(p.Type, typeParameters)))
        {
            if (declared.All(static t => t is null))
            {
                if (invoke.Parameters.Any(p => Mentions(p.Type, new[] { parameter })))
                {
                    return pairs;
                }
                fixedTypes = new List<ITypeSymbol>();
                foreach (var delegateParameter in invoke.Parameters)
                {
                    if (delegateParameter.RefKind != RefKind.None || Substituted(delegateParameter.Type, fixedFirst) is not { } fixedType)
                    {
                        return null; // a type argument C# does not fix before it reads the lambda
                    }
                    fixedTypes.Add(fixedType);
                }
            }
            else
            {
                for (var i = 0; i < declared.Count; i++)
                {
                    if (declared[i] is not { } type || _model.GetTypeInfo(type).Type is not { } given || !IsKnown(given))
                    {
                        return null;
                    }
                    pairs.Add((given, invoke.Parameters[i].Type));
                }
            }
        }
        if (Mentions(invoke.ReturnType, new[] { parameter }))
        {
            var returned = lambda.AsyncKeyword.RawKind != 0 ? AsyncReturnedType(lambda, fixedTypes, invoke.ReturnType)
                : fixedTypes is not null ? NaturalReturnType(lambda, fixedTypes)
                : ReturnedType(lambda);
            if (returned is null)
            {
                return null;
            }
            pairs.Add((returned, invoke.ReturnType));
        }
        return pairs;
    }

    /// <summary>
    /// The type arguments of <paramref name="method"/> (bound with placeholders) that C# fixes before it reads a lambda whose
    /// parameters they type: inferred from arguments that are not inner factory calls (<paramref name="innerParameters"/> are
    /// those calls' parameters), and not from a delegate's value (not in a delegate parameter's return type), so nothing fixed
    /// later bounds them and the placeholders give the same type C# fixes.
    /// </summary>
    private Dictionary<ITypeParameterSymbol, ITypeSymbol> FixedFirst(IMethodSymbol inference, IMethodSymbol method, IReadOnlyCollection<IParameterSymbol?> innerParameters)
    {
        var outputs = inference.Parameters
            .Select(static p => p.Type is INamedTypeSymbol { DelegateInvokeMethod: { } invoke } ? invoke.ReturnType : null)
            .OfType<ITypeSymbol>()
            .ToList();
        var fixedFirst = new Dictionary<ITypeParameterSymbol, ITypeSymbol>(SymbolEqualityComparer.Default);
        for (var i = 0; i < inference.TypeParameters.Length; i++)
        {
            var typeParameter = inference.TypeParameters[i];
            var only = new[] { typeParameter };
            var inferred = method.TypeArguments[i].WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            if (IsKnown(inferred) &&
                !innerParameters.Any(p => p is null || Mentions(p.Type, only)) &&
                !outputs.Any(o => Mentions(o, only)))
            {
                fixedFirst[typeParameter] = inferred;
            }
        }
        return fixedFirst;
    }

    /// <summary><paramref name="type"/> with each type parameter replaced by the type it is fixed to; null when one is not fixed.</summary>
    private ITypeSymbol? Substituted(ITypeSymbol type, IReadOnlyDictionary<ITypeParameterSymbol, ITypeSymbol> fixedFirst) => type switch
    {
        ITypeParameterSymbol parameter => fixedFirst.TryGetValue(parameter, out var fixedType) ? fixedType : null,
        IArrayTypeSymbol array => Substituted(array.ElementType, fixedFirst) is { } element ? _model.Compilation.CreateArrayTypeSymbol(element, array.Rank) : null,
        INamedTypeSymbol { IsGenericType: true } named when named.ContainingType is null || !Mentions(named.ContainingType, fixedFirst.Keys) =>
            named.TypeArguments.Select(t => Substituted(t, fixedFirst)).ToList() is var arguments && arguments.All(static a => a is not null)
                ? named.OriginalDefinition.Construct(arguments.ToArray()!)
                : null,
        INamedTypeSymbol named => Mentions(named, fixedFirst.Keys) ? null : named,
        _ => type,
    };

    /// <summary>
    /// The return type C# infers for <paramref name="lambda"/> with its parameters of <paramref name="parameterTypes"/>: the
    /// lambda bound again with them declared, its natural type's. Null when a value uses generated code or it has none.
    /// </summary>
    private ITypeSymbol? NaturalReturnType(LambdaExpressionSyntax lambda, IReadOnlyList<ITypeSymbol> parameterTypes)
    {
        if (ReturnedValues(lambda) is not { } values || values.Any(v => v is not null && WithFactoryResults(v) is not null))
        {
            return null;
        }
        var parameters = lambda switch
        {
            SimpleLambdaExpressionSyntax simple => new[] { simple.Parameter },
            ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.ToArray(),
            _ => null,
        };
        if (parameters is null || parameters.Length != parameterTypes.Count)
        {
            return null;
        }
        var typed = SyntaxFactory.ParenthesizedLambdaExpression(
            lambda.Modifiers,
            SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(parameters.Select((p, i) => p.WithType(SyntaxFactory.ParseTypeName(SymbolText.Type(parameterTypes[i])))))),
            lambda.Block,
            lambda.ExpressionBody);
        // `var f = (Coroutine<int> seed) => seed;` bound where the lambda is: the local's type is the lambda's natural type.
        var declarator = SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier("natural")).WithInitializer(SyntaxFactory.EqualsValueClause(typed));
        var statement = SyntaxFactory.LocalDeclarationStatement(
            SyntaxFactory.VariableDeclaration(SyntaxFactory.IdentifierName("var"), SyntaxFactory.SingletonSeparatedList(declarator)));
        ITypeSymbol? returned = null;
        if (_model.TryGetSpeculativeSemanticModel(lambda.SpanStart, statement, out var speculative) &&
            speculative.GetDeclaredSymbol(statement.Declaration.Variables[0]) is ILocalSymbol { Type: INamedTypeSymbol { DelegateInvokeMethod: { } natural } })
        {
            returned = natural.ReturnType;
        }
        return IsKnown(returned) && returned!.SpecialType != SpecialType.System_Void ? returned : null;
    }

    /// <summary>
    /// C#'s inferred return type of an async <paramref name="lambda"/> for a delegate returning <paramref name="delegateReturn"/>:
    /// <c>Task&lt;X&gt;</c> of its value's type <c>X</c>, or of the delegate's generic task-like type (<c>ValueTask&lt;X&gt;</c>).
    /// </summary>
    private ITypeSymbol? AsyncReturnedType(LambdaExpressionSyntax lambda, IReadOnlyList<ITypeSymbol>? parameterTypes, ITypeSymbol delegateReturn)
    {
        var value = parameterTypes is not null ? NaturalReturnType(lambda, parameterTypes) is INamedTypeSymbol { Arity: 1 } task ? task.TypeArguments[0] : null
            : ReturnedType(lambda);
        var taskOfT = _model.Compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        if (value is null || taskOfT is null)
        {
            return null;
        }
        var taskLike = delegateReturn is INamedTypeSymbol { Arity: 1 } generic &&
                       generic.OriginalDefinition.GetAttributes().Any(static a => a.AttributeClass?.Name == "AsyncMethodBuilderAttribute")
            ? generic.OriginalDefinition
            : taskOfT;
        return taskLike.Construct(value);
    }

    /// <summary>
    /// C#'s inferred return type of <paramref name="lambda"/>: its expression body's type, or for a block body the best common
    /// type of the values of all its <c>return</c> statements (the one type all of them convert to). Null when one of them has
    /// no type known here (a generated factory's call, <c>null</c>), there is none, or no single best type.
    /// </summary>
    private ITypeSymbol? ReturnedType(LambdaExpressionSyntax lambda)
    {
        var values = ReturnedValues(lambda);
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

    /// <summary>The values <paramref name="lambda"/> returns: its expression body, or those of its block's <c>return</c> statements (null for a bare <c>return;</c>).</summary>
    private static List<ExpressionSyntax?>? ReturnedValues(LambdaExpressionSyntax lambda) =>
        lambda.ExpressionBody is { } body
            ? new List<ExpressionSyntax?> { body }
            : lambda.Block?.DescendantNodes(static n => !SuspensionFinder.IsFunction(n)).OfType<ReturnStatementSyntax>().Select(static r => r.Expression).ToList();

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
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(parameterTypes.Select(t => SyntaxFactory.Argument(SyntaxFactory.DefaultExpression(SyntaxFactory.ParseTypeName(SymbolText.Type(t!))))))));
        var returned = _model.GetSpeculativeSymbolInfo(group.SpanStart, call, SpeculativeBindingOption.BindAsExpression).Symbol is IMethodSymbol method ? method.ReturnType : null;
        if (!IsKnown(returned) || returned!.SpecialType == SpecialType.System_Void)
        {
            return null;
        }
        pairs.Add((returned, invoke.ReturnType));
        return pairs;
    }
}
