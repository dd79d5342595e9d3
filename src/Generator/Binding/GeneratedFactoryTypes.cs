using System;
using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// The factories the generator adds (<c>MCoroutine(...)</c>) do not exist in the compilation it
/// reads: there an expression that calls one has no type, and a call that takes its result (such
/// as <c>Yield.Await(WorkCoroutine(1))</c>) may not bind. Such an expression is bound again,
/// speculatively, with each factory call replaced by a value of the type callers see it return:
/// <c>Coroutine&lt;R&gt;</c> for a coroutine that returns <c>R</c>, <c>Coroutine</c> for a void one;
/// and each <c>var</c> local initialized that way by a value of the type it will have.
/// </summary>
internal sealed partial class GeneratedFactoryTypes
{
    private readonly SemanticModel _model;
    private readonly SyntaxNode _body;
    private readonly int _position;
    private readonly INamedTypeSymbol? _coroutineMarker;
    private readonly bool _namesFactories;
    private readonly Dictionary<ILocalSymbol, (bool Inferred, ITypeSymbol? Type)> _locals = new(SymbolEqualityComparer.Default);

    /// <param name="body">The coroutine body whose expressions are asked about.</param>
    /// <param name="namesFactories">Whether an identifier of the body is spelled like a factory (<see cref="BodySyntax.NamesFactory"/>).</param>
    public GeneratedFactoryTypes(SemanticModel model, SyntaxNode body, bool namesFactories)
    {
        _model = model;
        _body = body;
        _position = body.SpanStart;
        _coroutineMarker = CompilationFacts.Of(model.Compilation).CoroutineMarker;
        // Nothing to rebind in a body that names no factory (the usual case): skip the work.
        _namesFactories = namesFactories;
    }

    /// <summary>A method or local function marked <c>[Coroutine]</c>.</summary>
    public bool IsCoroutine(IMethodSymbol method) =>
        _coroutineMarker is not null &&
        (method.ReducedFrom ?? method).OriginalDefinition.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, _coroutineMarker));

    /// <summary>The type (or converted type) of <paramref name="expression"/>; null when it is not known even with the factories' types.</summary>
    public ITypeSymbol? TypeOf(ExpressionSyntax expression, bool converted = false)
    {
        ITypeSymbol? type;
        if (WithFactoryResults(expression) is { } rebound)
        {
            type = _model.GetSpeculativeTypeInfo(expression.SpanStart, rebound, SpeculativeBindingOption.BindAsExpression).Type;
        }
        else
        {
            var info = _model.GetTypeInfo(expression);
            type = converted ? info.ConvertedType : info.Type;
        }
        return IsKnown(type) ? type : null;
    }

    /// <summary>The method <paramref name="call"/> binds to, with the factories' types if it uses them.</summary>
    public IMethodSymbol? MethodOf(InvocationExpressionSyntax call)
    {
        if (WithFactoryResults(call) is { } rebound &&
            _model.GetSpeculativeSymbolInfo(call.SpanStart, rebound, SpeculativeBindingOption.BindAsExpression).Symbol is IMethodSymbol speculative)
        {
            return speculative;
        }
        return _model.GetSymbolInfo(call).Symbol as IMethodSymbol;
    }

    /// <summary>
    /// The type of <paramref name="local"/>: its own, or for <c>var x = ...</c> whose initializer
    /// uses generated code, the one it will have; null when that cannot be told.
    /// </summary>
    public ITypeSymbol? TypeOfLocal(ILocalSymbol local)
    {
        var (inferred, type) = Infer(local);
        return inferred ? type : IsKnown(local.Type) ? local.Type : null;
    }

    /// <summary>
    /// For <c>var w = WrapCoroutine(EchoCoroutine(5));</c>, the type of <paramref name="local"/> as
    /// text: C# infers <c>Wrap</c>'s type argument from the class <c>EchoCoroutine</c> returns, its
    /// state machine, which the compilation the generator reads does not hold, so no symbol can
    /// stand for it. For a local of a factory's call (or a copy of one), its class (<see cref="PassedFactoryLocal"/>).
    /// Null when the local is not such a call, or its type has a symbol (<see cref="TypeOfLocal"/>).
    /// </summary>
    public string? TypeTextOfLocal(ILocalSymbol local) =>
        PassedFactoryLocal(local) is { } passed
            // A class (or a type of reference built from one): a `var` local of it is `T?` where annotations are enabled (DeclaredNullability.OfLocal).
            ? passed.Exact + (TypeOfLocal(local) is not { IsValueType: true } && !_valueTyped.Contains(local) && !passed.Exact.EndsWith("?", StringComparison.Ordinal) &&
                              _model.GetNullableContext(local.DeclaringSyntaxReferences[0].Span.Start).AnnotationsEnabled() ? "?" : "")
            : SeenTextOfLocal(local) ?? ForEachVariableText(local);

    /// <summary>The type callers see of a local typed by a nested factory call (<see cref="TypeTextOfLocal"/> without <see cref="PassedFactoryLocal"/>).</summary>
    private string? SeenTextOfLocal(ILocalSymbol local) =>
        TypeOfLocal(local) is null &&
        local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax
        {
            Initializer.Value: { } value,
            Parent: VariableDeclarationSyntax { Type.IsVar: true },
        }
            ? value switch
            {
                InvocationExpressionSyntax call when NestedFactoryResultType(call) is { } type => type,
                // `var inner = Yield.Await(wrapped);`, `var inner = wrapped.Result;`: what that coroutine returns, the inner class.
                InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } call when IsYieldAwait(call) => ResultText(CoroutineText(call.ArgumentList.Arguments[0].Expression)),
                MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result => ResultText(CoroutineText(result.Expression)),
                _ => null,
            }
            : null;

    private const string CoroutineOfResult = "global::Coroutines.Coroutine<";

    /// <summary><c>T</c> of <c>Coroutine&lt;T&gt;</c> as text (<see cref="TypeTextOfLocal"/>); null for anything else.</summary>
    private static string? ResultText(string? coroutine) =>
        coroutine is not null && coroutine.StartsWith(CoroutineOfResult, StringComparison.Ordinal) && coroutine.EndsWith(">", StringComparison.Ordinal)
            ? coroutine.Substring(CoroutineOfResult.Length, coroutine.Length - CoroutineOfResult.Length - 1)
            : null;

    /// <summary>The type, as text only, of a nested factory call or of a local typed by one (<see cref="TypeTextOfLocal"/>).</summary>
    private string? CoroutineText(ExpressionSyntax expression) => expression switch
    {
        ParenthesizedExpressionSyntax parenthesized => CoroutineText(parenthesized.Expression),
        IdentifierNameSyntax identifier when _model.GetSymbolInfo(identifier).Symbol is ILocalSymbol local => SeenTextOfLocal(local),
        InvocationExpressionSyntax call => NestedFactoryResultType(call),
        _ => null,
    };

    /// <summary>A call of the runtime's <c>Yield.Await</c> (which does not bind here when its argument's type is a generated class).</summary>
    private bool IsYieldAwait(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Await" } access &&
        _model.GetSymbolInfo(access.Expression).Symbol is INamedTypeSymbol { Name: "Yield", ContainingNamespace: { Name: "Coroutines", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>
    /// A generated factory's call whose arguments are calls of generated factories (those nested too): the coroutine
    /// method bound with each inner call as a value of <c>Coroutine&lt;R&gt;</c>, then each type argument inferred
    /// from such a value replaced by the inner factory's class (what C# infers); as callers see it,
    /// <c>Coroutine&lt;...&gt;</c>, its return type spelled with those classes (<c>Coroutine&lt;List&lt;EchoStateMachine&gt;&gt;</c>).
    /// Other arguments of known types take part in the inference as in C# (<see cref="FromOtherArguments"/>).
    /// </summary>
    private string? NestedFactoryResultType(InvocationExpressionSyntax call) => Nested(call)?.Seen;

    /// <summary>
    /// For a <c>var</c> local of a factory's call taking another factory's call whose type <see cref="TypeTextOfLocal"/>
    /// cannot tell: why, in the user's names (for COR0009); null when it is not such a call.
    /// </summary>
    public string? WhyNotTyped(ILocalSymbol local)
    {
        if (local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } value })
        {
            return null;
        }
        var why = new List<string>();
        if (value is InvocationExpressionSyntax call && Nested(call, why) is null && why.Count > 0)
        {
            return why[0];
        }
        return DependsOnAClass(local) ? $"the generator finds no type C# gives '{value}' with the classes it adds{ClassesIn(value)}" : null;
    }

    /// <summary>
    /// For a call of a generated factory with factory calls among its arguments: the placeholder type that binds
    /// in its place (<c>Coroutine&lt;R&gt;</c> of the method bound with placeholders), the class C# infers for it,
    /// and the type callers see it return, spelled with the inner classes. Null when it has no such argument or
    /// that cannot be told.
    /// </summary>
    /// <param name="why">Collects why the type cannot be told, when asked (<see cref="WhyNotTyped"/>).</param>
    private (string Placeholder, string Exact, string Seen)? Nested(InvocationExpressionSyntax call, List<string>? why = null)
    {
        var known = why?.Count ?? 0;
        if (ByPlaceholders(call, why) is { } read)
        {
            return read;
        }
        if (WithStandIns(call) is { } exact)
        {
            why?.RemoveRange(known, why.Count - known); // typed after all: what the placeholders could not tell does not hold
            return exact;
        }
        return null;
    }

    /// <summary><see cref="Nested"/> read with placeholders of the types callers see, each type argument inferred from one replaced by the class behind it.</summary>
    private (string Placeholder, string Exact, string Seen)? ByPlaceholders(InvocationExpressionSyntax call, List<string>? why)
    {
        var name = call.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        if (name is not IdentifierNameSyntax || !GeneratedNames.TryParseFactory(name.Identifier.ValueText, out var methodName) ||
            call.ContainsDiagnostics || _model.GetSymbolInfo(call).Symbol is not null)
        {
            return null;
        }
        var classes = new Dictionary<string, HashSet<string>>(); // the placeholder's text -> the inner factories' classes
        void AddClass(string placeholder, string exact)
        {
            if (!classes.TryGetValue(placeholder, out var behind))
            {
                classes[placeholder] = behind = new HashSet<string>();
            }
            behind.Add(exact);
        }
        var methodNameSyntax = SyntaxFactory.IdentifierName(methodName);
        ExpressionSyntax target = methodNameSyntax;
        var receiverIsInner = false;
        if (call.Expression is MemberAccessExpressionSyntax member)
        {
            target = member.WithName(methodNameSyntax);
            if (InnerArgument(member.Expression, why) is var (placeholder, exact))
            {
                // `made.AlsoCoroutine(EchoCoroutine(5))`, `made` a local of a factory: an extension factory's receiver, read as an inner call.
                AddClass(placeholder, exact);
                target = member.WithExpression(SyntaxFactory.DefaultExpression(SyntaxFactory.ParseTypeName(placeholder))).WithName(methodNameSyntax);
                receiverIsInner = true;
            }
        }
        var arguments = new List<ArgumentSyntax>();
        var others = new List<ArgumentSyntax>(); // arguments that are not factory calls: their own types bind
        var inners = new List<ArgumentSyntax>(); // arguments that are: the placeholders bind
        foreach (var argument in call.ArgumentList.Arguments)
        {
            if (OfTwoClasses(argument.Expression))
            {
                // No type, no bound (as `default`): C# fixes the type argument from the others, then converts the conditional to it.
                arguments.Add(argument.WithExpression(SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression, SyntaxFactory.Token(SyntaxKind.DefaultKeyword))));
            }
            else if (InnerArgument(argument.Expression, why) is var (placeholder, exact))
            {
                if (!IsPlaceholder(placeholder))
                {
                    // `L(made)`, a `List<Coroutine<int>>` here: the class inside it is not matched with the parameter's type here.
                    why?.Add($"C# infers the type arguments of '{methodName}' from '{argument.Expression}' too, whose type is built from a class the generator adds");
                    return null;
                }
                AddClass(placeholder, exact);
                inners.Add(argument);
                arguments.Add(argument.WithExpression(SyntaxFactory.DefaultExpression(SyntaxFactory.ParseTypeName(placeholder))));
            }
            else if (WithFactoryResults(argument.Expression) is not null)
            {
                // Typed `Coroutine<R>` in the generated code, by a class the generator adds in C#: the two infer different types.
                why?.Add($"C# infers the type arguments of '{methodName}' from '{argument.Expression}' too, whose type depends on a class the generator adds");
                return null;
            }
            else
            {
                arguments.Add(argument);
                others.Add(argument);
            }
        }
        if (classes.Count == 0)
        {
            return null;
        }
        var original = SyntaxFactory.InvocationExpression(target, SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
        if (_model.GetSpeculativeSymbolInfo(call.SpanStart, original, SpeculativeBindingOption.BindAsExpression).Symbol is not IMethodSymbol method || !IsCoroutine(method))
        {
            return null;
        }
        var definition = method.OriginalDefinition;
        // An extension factory called as one (`made.AlsoCoroutine(EchoCoroutine(5))`): C# infers from the receiver too, the `this` parameter.
        var unreduced = method.ReducedFrom?.OriginalDefinition;
        var inference = unreduced ?? definition;
        if (inference.TypeParameters.Length != method.TypeArguments.Length || receiverIsInner && unreduced is null)
        {
            return null; // (an instance factory of the class a receiver has in C#: not read here)
        }
        var sources = others.Select(a => (a.Expression, ParameterOf(inference, a, unreduced is null ? 0 : 1))).ToList();
        if (unreduced is not null && !receiverIsInner && call.Expression is MemberAccessExpressionSyntax { Expression: var receiver })
        {
            sources.Insert(0, (receiver, unreduced.Parameters.FirstOrDefault()));
        }
        var typeArguments = new List<string>();
        var kept = new HashSet<string>(); // placeholders that are the type argument C# infers too (another argument's type)
        var innerParameters = inners.Select(a => ParameterOf(inference, a, unreduced is null ? 0 : 1)).ToList();
        if (receiverIsInner)
        {
            innerParameters.Add(inference.Parameters.FirstOrDefault());
        }
        var fixedFirst = FixedFirst(inference, method, innerParameters);
        for (var i = 0; i < method.TypeArguments.Length; i++)
        {
            // Inferred from `default(Coroutine<R>)`, a maybe-null value: the type argument is annotated (`?`), the class C# infers is not.
            var inferred = method.TypeArguments[i].WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            var text = SymbolText.Type(inferred);
            if (!classes.TryGetValue(text, out var behind))
            {
                typeArguments.Add(text);
                continue;
            }
            var typeParameter = inference.TypeParameters[i];
            var (bound, other) = FromOtherArguments(typeParameter, inference.TypeParameters, sources, inferred, fixedFirst);
            switch (bound)
            {
                case OtherBound.None when behind.Contains(text):
                    // A dispatching factory's call among them returns the placeholder's type itself: the classes convert to it, C# infers it.
                    typeArguments.Add(text);
                    kept.Add(text);
                    break;
                case OtherBound.None when behind.Count == 1:
                    typeArguments.Add(behind.First()); // inferred from the inner calls alone: their class
                    break;
                case OtherBound.None:
                    why?.Add($"C# infers no type argument '{typeParameter.Name}' of '{methodName}' from the different classes of its inner factory calls ({string.Join(", ", behind.Select(c => $"'{c}'"))})");
                    return null;
                case OtherBound.Same:
                    typeArguments.Add(text); // another argument has the placeholder's type: the classes convert to it, C# infers it
                    kept.Add(text);
                    break;
                default:
                    why?.Add($"C# infers the type argument '{typeParameter.Name}' of '{methodName}' from an inner factory call's class and from '{other}', and the generator cannot tell which type it fixes");
                    return null;
            }
        }
        var exactClass = $"{SymbolText.Type(method.ContainingType)}.{CoroutineBinder.StateMachineName(definition)}" +
                         (typeArguments.Count == 0 ? "" : "<" + string.Join(", ", typeArguments) + ">");
        // A dispatching factory (virtual, override, abstract, an interface's) returns the type callers see, not its class.
        var dispatches = OverrideChain.DispatchOf(inference) != Model.FactoryDispatch.None;
        if (method.ReturnsVoid)
        {
            return ("global::Coroutines.Coroutine", dispatches ? "global::Coroutines.Coroutine" : exactClass, "global::Coroutines.Coroutine");
        }
        var returned = Spelled(definition.ReturnType, definition.TypeParameters, typeArguments);
        if (returned is null || classes.Keys.Any(k => !kept.Contains(k) && returned.Contains(k)))
        {
            return null; // a type built from the inferred class that is not spelled here (a nested generic type)
        }
        var seen = $"global::Coroutines.Coroutine<{returned}>";
        return ($"global::Coroutines.Coroutine<{SymbolText.Type(method.ReturnType)}>", dispatches ? seen : exactClass, seen);
    }

    private enum OtherBound { None, Same, Unknown }

    /// <summary>
    /// What the other arguments and the receiver of an extension factory (<paramref name="sources"/>, not factory calls) give
    /// <paramref name="parameter"/> when it was inferred as a placeholder <c>Coroutine&lt;R&gt;</c> (<paramref name="inferred"/>).
    /// C# gathers a bound from each argument whose parameter's type mentions it: with none, only the inner calls' classes are
    /// candidates (<see cref="OtherBound.None"/>). With one that is the placeholder's type itself
    /// (<c>PickCoroutine(EchoCoroutine(5), made)</c>, <c>made</c> a <c>Coroutine&lt;int&gt;</c>), that type is a candidate in C#
    /// too: the classes convert to it, no other type converts to a class (so none is fixed), and the other bounds convert to
    /// it as they did to the placeholder, so C# fixes it (<see cref="OtherBound.Same"/>). With only other bounds, C#'s candidates
    /// lack it and it may fix another or fail; with an argument whose bound is not read here (a method group, a lambda
    /// <see cref="LambdaBounds"/> cannot read), not told either: <see cref="OtherBound.Unknown"/>. An upper bound
    /// (<c>Action&lt;T&gt;</c>) counts as the others do: the type fixed with the placeholder converts to it, so the classes do too.
    /// </summary>
    /// <returns>With <see cref="OtherBound.Unknown"/>, the argument whose bound is not told.</returns>
    /// <param name="fixedFirst">The type arguments C# fixes before it reads the lambdas (<see cref="FixedFirst"/>).</param>
    private (OtherBound Bound, ExpressionSyntax? Other) FromOtherArguments(
        ITypeParameterSymbol parameter, IReadOnlyList<ITypeParameterSymbol> typeParameters, List<(ExpressionSyntax Expression, IParameterSymbol? Parameter)> sources, ITypeSymbol inferred,
        IReadOnlyDictionary<ITypeParameterSymbol, ITypeSymbol> fixedFirst)
    {
        var found = OtherBound.None;
        ExpressionSyntax? other = null;
        foreach (var (expression, target) in sources)
        {
            if (target is null)
            {
                return (OtherBound.Unknown, expression);
            }
            if (!Mentions(target.Type, new[] { parameter }))
            {
                continue;
            }
            // The (argument type, parameter type) pairs C# infers from: the argument's own type, or a lambda's parameters and value.
            List<(ITypeSymbol Argument, ITypeSymbol Parameter)> pairs;
            if (expression is LambdaExpressionSyntax lambda)
            {
                if (LambdaBounds(lambda, target.Type, parameter, typeParameters, fixedFirst) is not { } read)
                {
                    return (OtherBound.Unknown, expression);
                }
                pairs = read;
            }
            else
            {
                var argumentType = _model.GetTypeInfo(expression).Type;
                if (argumentType is null)
                {
                    if (expression.IsKind(SyntaxKind.NullLiteralExpression) || expression.IsKind(SyntaxKind.DefaultLiteralExpression))
                    {
                        continue; // no type, no bound
                    }
                    if (MethodGroupBounds(expression, target.Type, parameter, fixedFirst) is not { } group)
                    {
                        return (OtherBound.Unknown, expression); // a method group whose bound is not read here
                    }
                    pairs = group;
                }
                else
                {
                    pairs = new() { (argumentType, target.IsParams && target.Type is IArrayTypeSymbol array && argumentType is not IArrayTypeSymbol ? array.ElementType : target.Type) };
                }
            }
            var bounds = new List<ITypeSymbol>();
            if (pairs.Any(p => !BoundsOf(p.Parameter, p.Argument, parameter, bounds)))
            {
                return (OtherBound.Unknown, expression);
            }
            if (bounds.Count == 0)
            {
                continue;
            }
            if (bounds.Any(b => SymbolEqualityComparer.Default.Equals(b, inferred)))
            {
                found = OtherBound.Same;
            }
            else if (found == OtherBound.None)
            {
                (found, other) = (OtherBound.Unknown, expression);
            }
        }
        return (found, found == OtherBound.Unknown ? other : null);
    }

    /// <summary>
    /// The parameter of <paramref name="definition"/> <paramref name="argument"/> goes to: by its name, else by its position
    /// after <paramref name="skipped"/> parameters (an extension method's <c>this</c>, the receiver).
    /// </summary>
    private static IParameterSymbol? ParameterOf(IMethodSymbol definition, ArgumentSyntax argument, int skipped)
    {
        if (argument.NameColon is { } named)
        {
            return definition.Parameters.FirstOrDefault(p => p.Name == named.Name.Identifier.ValueText);
        }
        var index = ((ArgumentListSyntax)argument.Parent!).Arguments.IndexOf(argument) + skipped;
        return index < definition.Parameters.Length ? definition.Parameters[index]
            : definition.Parameters.LastOrDefault() is { IsParams: true } last ? last
            : null;
    }

    /// <summary>
    /// The types at <paramref name="parameter"/>'s places in <paramref name="parameterType"/> when matched with
    /// <paramref name="argumentType"/> (through its base types and interfaces, as C#'s inference does); false when they do not match.
    /// </summary>
    /// <param name="upper">
    /// Matching for an upper bound (under an odd number of contravariant type arguments, <c>Action&lt;T&gt;</c>): C# then looks
    /// for the argument's generic type among the parameter's base types and interfaces, the other way round. Under two
    /// (<c>Action&lt;Action&lt;T&gt;&gt;</c>) it is a lower bound again.
    /// </param>
    private static bool BoundsOf(ITypeSymbol parameterType, ITypeSymbol argumentType, ITypeParameterSymbol parameter, List<ITypeSymbol> bounds, bool upper = false)
    {
        if (SymbolEqualityComparer.Default.Equals(parameterType, parameter))
        {
            bounds.Add(argumentType);
            return true;
        }
        if (!Mentions(parameterType, new[] { parameter }))
        {
            return true;
        }
        switch (parameterType)
        {
            case IArrayTypeSymbol array:
                return argumentType is IArrayTypeSymbol given && given.Rank == array.Rank && BoundsOf(array.ElementType, given.ElementType, parameter, bounds, upper);
            case INamedTypeSymbol declared:
                // A lower bound: the parameter's generic type among the argument's own, base types and interfaces; an upper bound
                // the other way round (`List<T>` given an `IEnumerable<Coroutine<int>>`: its interface `IEnumerable<T>`).
                var (sought, searched) = upper ? (argumentType, (ITypeSymbol)declared) : (declared, argumentType);
                var matches = new[] { searched }.Concat(BaseTypes(searched)).Concat(searched.AllInterfaces)
                    .OfType<INamedTypeSymbol>()
                    .Where(t => SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, sought.OriginalDefinition))
                    .Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default)
                    .ToList();
                if (matches.Count != 1 || upper && argumentType is not INamedTypeSymbol)
                {
                    return false;
                }
                var (named, match) = upper ? (matches[0], (INamedTypeSymbol)argumentType) : (declared, matches[0]);
                for (var i = 0; i < named.TypeArguments.Length; i++)
                {
                    if (named.OriginalDefinition.TypeParameters[i].Variance == VarianceKind.In)
                    {
                        // An upper bound (`Action<T>` given an `Action<Coroutine<int>>`): a candidate too, and the type C# fixes must
                        // convert to it; deeper (`Action<Action<T>>`), matched as C# matches an upper bound.
                        if (!BoundsOf(named.TypeArguments[i], match.TypeArguments[i], parameter, bounds, !upper))
                        {
                            return false;
                        }
                        continue;
                    }
                    if (!BoundsOf(named.TypeArguments[i], match.TypeArguments[i], parameter, bounds, upper))
                    {
                        return false;
                    }
                }
                return named.ContainingType is null || match.ContainingType is null || BoundsOf(named.ContainingType, match.ContainingType, parameter, bounds, upper);
            default:
                return false;
        }
    }

    private static IEnumerable<ITypeSymbol> BaseTypes(ITypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            yield return current;
        }
    }

    /// <summary>An argument that is a factory's call: the placeholder that binds in its place and the class C# infers for it.</summary>
    private (string Placeholder, string Exact)? Inner(InvocationExpressionSyntax call, List<string>? why)
    {
        var known = why?.Count ?? 0;
        if (Nested(call, why) is var (placeholder, exact, seen))
        {
            Saw(exact, seen);
            return (placeholder, exact);
        }
        if (FactoryResultType(call) is { } result && FactoryClass(call) is { } exactClass)
        {
            why?.RemoveRange(known, why.Count - known); // typed after all: what the nested reading said does not hold
            Saw(exactClass, result);
            return (result, exactClass);
        }
        return null;
    }

    /// <summary>
    /// <paramref name="type"/> (of the method's definition) as text, each of <paramref name="parameters"/> replaced by its
    /// text in <paramref name="arguments"/>: <c>List&lt;T&gt;</c> as <c>List&lt;Program.EchoStateMachine&gt;</c>, <c>(T, int)</c> as
    /// <c>(Program.EchoStateMachine, int)</c>, <c>T[][,]</c> as <c>Program.EchoStateMachine[][,]</c>, <c>Outer&lt;T&gt;.Inner&lt;int&gt;</c> as
    /// <c>Outer&lt;Program.EchoStateMachine&gt;.Inner&lt;int&gt;</c>. Null for a shape not spelled here (a pointer or function pointer).
    /// </summary>
    private static string? Spelled(ITypeSymbol type, IReadOnlyList<ITypeParameterSymbol> parameters, IReadOnlyList<string> arguments) =>
        SpelledWith(type, t => t is ITypeParameterSymbol parameter && parameters.ToList().FindIndex(p => SymbolEqualityComparer.Default.Equals(p, parameter)) is var index and >= 0
            ? arguments[index] + (parameter.NullableAnnotation == NullableAnnotation.Annotated ? "?" : "")
            : null);

    /// <summary><paramref name="type"/> as text, each type <paramref name="leaf"/> spells (not null) spelled that way (<see cref="Spelled"/>).</summary>
    private static string? SpelledWith(ITypeSymbol type, Func<ITypeSymbol, string?> leaf)
    {
        if (leaf(type) is { } text)
        {
            return text;
        }
        if (!Holds(type, t => leaf(t) is not null))
        {
            return SymbolText.Type(type);
        }
        switch (type)
        {
            case IArrayTypeSymbol array:
                // `T[][,]` is a one-dimensional array of `T[,]`: the innermost element, then the ranks from the outermost.
                var ranks = "";
                ITypeSymbol innermost = array;
                for (; innermost is IArrayTypeSymbol level; innermost = level.ElementType)
                {
                    ranks += "[" + new string(',', level.Rank - 1) + "]";
                }
                return SpelledWith(innermost, leaf) is { } element ? element + ranks : null;
            case INamedTypeSymbol { IsTupleType: true } tuple:
                // `(T, int)`, `(T first, (T, string) rest)`: each element spelled, with the name it was given.
                var elements = tuple.TupleElements.Select(e => SpelledWith(e.Type, leaf) is { } spelled ? spelled + (e.IsExplicitlyNamedTupleElement ? " " + SymbolText.Identifier(e.Name) : "") : null).ToList();
                return elements.Any(static e => e is null) ? null : "(" + string.Join(", ", elements) + ")";
            case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable:
                return SpelledWith(nullable.TypeArguments[0], leaf) is { } value ? value + "?" : null;
            case INamedTypeSymbol { IsTupleType: false } named:
                // `Outer<T>.Inner<int>`: the containing type spelled first, then this one's name and its own type arguments.
                var parts = named.TypeArguments.Select(t => SpelledWith(t, leaf)).ToList();
                var definition = SymbolText.Type(named.OriginalDefinition);
                var open = definition.IndexOf('<');
                var prefix = named.ContainingType is { } containing
                    ? SpelledWith(containing, leaf) is { } outer ? outer + "." + SymbolText.Identifier(named.Name) : null
                    : open < 0 ? definition : definition.Substring(0, open);
                return prefix is null || parts.Any(static p => p is null) ? null : prefix + (parts.Count == 0 ? "" : "<" + string.Join(", ", parts) + ">");
            default:
                return null;
        }
    }

    /// <summary>
    /// The class a call of a generated factory returns: its coroutine's state machine, with the type arguments C# infers for
    /// the method; for a factory that dispatches, the <c>Coroutine&lt;R&gt;</c> it is declared to return (the placeholder itself).
    /// </summary>
    private string? FactoryClass(InvocationExpressionSyntax call)
    {
        var name = call.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        if (name is not IdentifierNameSyntax || !GeneratedNames.TryParseFactory(name.Identifier.ValueText, out var methodName) ||
            InferredFromTheMethod(call, methodName) is not { } method || !method.TypeArguments.All(IsKnown) ||
            // A local function of a generic method: its class is generic over the method's type parameters too, not spelled here.
            method.MethodKind == MethodKind.LocalFunction && LocalFunctionCoroutines.OuterTypeParameters(method).Count > 0)
        {
            return null;
        }
        if (OverrideChain.DispatchOf((method.ReducedFrom ?? method).OriginalDefinition) != Model.FactoryDispatch.None)
        {
            // A dispatching factory (virtual, override, abstract, an interface's) returns the type callers see, not its class.
            return method.ReturnsVoid ? "global::Coroutines.Coroutine" : $"global::Coroutines.Coroutine<{SymbolText.Type(method.ReturnType)}>";
        }
        var typeArguments = method.TypeArguments.Length == 0 ? "" : "<" + string.Join(", ", method.TypeArguments.Select(SymbolText.Type)) + ">";
        return $"{SymbolText.Type(method.ContainingType)}.{CoroutineBinder.StateMachineName(method.OriginalDefinition)}{typeArguments}";
    }

    private (bool Inferred, ITypeSymbol? Type) Infer(ILocalSymbol local)
    {
        if (_locals.TryGetValue(local, out var known))
        {
            return known;
        }
        _locals[local] = (true, null); // while it is being inferred: a cycle, unknown
        var result = (Inferred: false, Type: (ITypeSymbol?)null);
        if (local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax
            {
                Initializer.Value: { } value,
                Parent: VariableDeclarationSyntax { Type.IsVar: true },
            } &&
            WithFactoryResults(value) is { } rebound)
        {
            var type = _model.GetSpeculativeTypeInfo(value.SpanStart, rebound, SpeculativeBindingOption.BindAsExpression).Type;
            result = (true, IsKnown(type) ? type : null);
        }
        _locals[local] = result;
        return result;
    }

    /// <summary>A type the generated code can name: no error in it, and only type parameters in scope in the body (not those of a failed inference).</summary>
    private bool IsKnown(ITypeSymbol? type) => type switch
    {
        null => false,
        { TypeKind: TypeKind.Error } => false,
        ITypeParameterSymbol parameter => _model.LookupNamespacesAndTypes(_position, name: parameter.Name).Contains(parameter, SymbolEqualityComparer.Default),
        IArrayTypeSymbol array => IsKnown(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.All(IsKnown),
        _ => true,
    };

    /// <summary>
    /// <paramref name="expression"/> with each call of a generated factory, and each local typed by
    /// one, replaced by a typed placeholder; null if there is none.
    /// </summary>
    private ExpressionSyntax? WithFactoryResults(ExpressionSyntax expression)
    {
        // Broken syntax is the compiler's to report; binding a rewritten copy of it speculatively
        // can crash inside Roslyn (a `?.` with its name missing).
        if (!_namesFactories || expression.ContainsDiagnostics)
        {
            return null;
        }
        var replacements = new Dictionary<SyntaxNode, ExpressionSyntax>();
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            if (replacements.Keys.Any(outer => outer.Span.Contains(node.Span)))
            {
                continue;
            }
            var type = node switch
            {
                InvocationExpressionSyntax call => FactoryResultType(call),
                IdentifierNameSyntax identifier when _model.GetSymbolInfo(identifier).Symbol is ILocalSymbol local =>
                    Infer(local) is (true, { } inferred) ? SymbolText.Type(inferred) : null,
                _ => null,
            };
            if (type is not null)
            {
                replacements[node] = SyntaxFactory.DefaultExpression(SyntaxFactory.ParseTypeName(type));
            }
        }
        if (replacements.Count == 0)
        {
            return null;
        }
        return replacements.TryGetValue(expression, out var whole)
            ? whole
            : expression.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
    }

    /// <summary>For a call of a generated factory <c>MCoroutine(...)</c> (which does not bind here), what it returns, as callers see it.</summary>
    private string? FactoryResultType(InvocationExpressionSyntax call)
    {
        var name = call.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        var text = name?.Identifier.ValueText;
        if (name is null || text is null || !GeneratedNames.TryParseFactory(text, out var methodName) ||
            _model.GetSymbolInfo(call).Symbol is not null)
        {
            return null;
        }
        IEnumerable<ISymbol> candidates;
        if (call.Expression is MemberAccessExpressionSyntax member)
        {
            var receiver = _model.GetSymbolInfo(member.Expression).Symbol as ITypeSymbol ?? _model.GetTypeInfo(member.Expression).Type;
            if (!IsKnown(receiver))
            {
                return null;
            }
            candidates = _model.LookupSymbols(call.SpanStart, receiver, methodName, includeReducedExtensionMethods: true);
        }
        else
        {
            candidates = _model.LookupSymbols(call.SpanStart, name: methodName);
        }
        var typeArguments = name is GenericNameSyntax generic
            ? generic.TypeArgumentList.Arguments.Select(a => _model.GetTypeInfo(a).Type).ToList()
            : new List<ITypeSymbol?>();
        var results = new HashSet<string>();
        var coroutines = candidates.OfType<IMethodSymbol>().Where(m => IsCoroutine(m) && SuspendingCallBinder.Accepts(m, call.ArgumentList.Arguments.Count)).ToList();
        if (typeArguments.Count == 0 && coroutines.Count > 1)
        {
            // Overloads that take as many arguments: the factories have the methods' parameters, so
            // C# picks the factory of the method it picks for the same call of the method itself.
            coroutines = InferredFromTheMethod(call, methodName) is { } chosen && IsKnown(chosen.ReturnType) ? new List<IMethodSymbol> { chosen } : coroutines;
        }
        foreach (var coroutine in coroutines)
        {
            var method = coroutine;
            if (typeArguments.Count > 0)
            {
                if (typeArguments.Count != method.TypeParameters.Length || !typeArguments.All(IsKnown))
                {
                    continue;
                }
                method = method.Construct(typeArguments.ToArray()!);
            }
            else if (method.IsGenericMethod && Mentions(method.ReturnType, method.TypeParameters))
            {
                // Its type arguments are inferred from the arguments, as for the method itself.
                if (InferredFromTheMethod(call, methodName) is not { } inferred || !IsKnown(inferred.ReturnType))
                {
                    return null;
                }
                method = inferred;
            }
            results.Add(method.ReturnsVoid ? "global::Coroutines.Coroutine" : $"global::Coroutines.Coroutine<{SymbolText.Type(method.ReturnType)}>");
        }
        return results.Count == 1 ? results.First() : null;
    }

    /// <summary>
    /// The coroutine method a call of its factory stands for, its type arguments inferred: the
    /// factory takes the method's parameters, so C# infers the same ones for a call of the method
    /// itself, bound speculatively with the same arguments. Not when an argument uses generated
    /// code: a factory returns its own state-machine class, so C# would infer that class where a
    /// placeholder could only say <c>Coroutine&lt;R&gt;</c>; the local's type is then unknown (COR0009).
    /// </summary>
    private IMethodSymbol? InferredFromTheMethod(InvocationExpressionSyntax call, string methodName)
    {
        if (call.ContainsDiagnostics || call.ArgumentList.Arguments.Any(a => WithFactoryResults(a.Expression) is not null))
        {
            return null;
        }
        var methodNameSyntax = SyntaxFactory.IdentifierName(methodName);
        ExpressionSyntax target = call.Expression switch
        {
            MemberAccessExpressionSyntax access => access.WithName(methodNameSyntax),
            _ => methodNameSyntax,
        };
        var original = SyntaxFactory.InvocationExpression(target, call.ArgumentList);
        var symbol = _model.GetSpeculativeSymbolInfo(call.SpanStart, original, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
        return symbol is not null && IsCoroutine(symbol) ? symbol : null;
    }

    private static bool Mentions(ITypeSymbol type, IEnumerable<ITypeParameterSymbol> typeParameters) =>
        Holds(type, t => t is ITypeParameterSymbol parameter && typeParameters.Contains(parameter, SymbolEqualityComparer.Default));

    /// <summary>Whether <paramref name="type"/> is or is built from a type <paramref name="leaf"/> picks.</summary>
    private static bool Holds(ITypeSymbol type, Func<ITypeSymbol, bool> leaf) =>
        leaf(type) || type switch
        {
            IArrayTypeSymbol array => Holds(array.ElementType, leaf),
            INamedTypeSymbol named => named.TypeArguments.Any(t => Holds(t, leaf)) ||
                                      named.ContainingType is { } containing && Holds(containing, leaf),
            _ => false,
        };
}
