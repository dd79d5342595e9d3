using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// Where C# infers a type from a generated class in a way the placeholders (<c>Coroutine&lt;R&gt;</c>, <see cref="Nested"/>) cannot
/// read: an ordinary generic method given such a value (<c>F(one)</c>, <c>L(one)</c>), a conditional of one and a value of another
/// type (<c>n &gt; 2 ? one : made</c>), a lambda whose parameters' types C# fixes from a class (<c>seed =&gt; seed</c> for a
/// <c>Func&lt;U, T&gt;</c>, <c>U</c> = <c>EchoStateMachine</c>). The expression is bound in a copy of the compilation that declares,
/// beside the coroutine, a stand-in for each class: a sealed class deriving from the type callers see, as the generated class does,
/// so C#'s own inference, best common type and conversions give what they give with the class; each stand-in in the type found is
/// then spelled as the class it stands for.
/// </summary>
internal sealed partial class GeneratedFactoryTypes
{
    // Each generated class met (as text) -> the type callers see it as, its base class, spelled with the classes it holds.
    private readonly Dictionary<string, (int Index, string Seen)> _seenOfClass = new(StringComparer.Ordinal);
    private readonly HashSet<ILocalSymbol> _untold = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ILocalSymbol> _valueTyped = new(SymbolEqualityComparer.Default); // of a value type (a tuple): no `?` for a `var` local of it
    private (int Classes, SemanticModel? Model, IReadOnlyDictionary<string, string>? Names) _standIns;
    private IReadOnlyList<string>? _standInTypeParameters;
    private StandInCompilations.TypeStandIns? _typeStandIns;

    /// <summary>Remembers that <paramref name="exact"/>, a class the generator adds, is seen as <paramref name="seen"/>.</summary>
    private void Saw(string exact, string seen)
    {
        if (!IsSeenType(exact) && !_seenOfClass.ContainsKey(exact))
        {
            // Numbered by the type's registry: bodies that meet the same classes share one copy of the compilation (StandInModel).
            _seenOfClass[exact] = (TypeStandIns()?.IndexOf(exact, seen, StandInTypeParameterNames()) ?? _seenOfClass.Count, seen);
        }
    }

    /// <summary>A placeholder of the type callers see (<c>Coroutine&lt;R&gt;</c>), not a type built from a class (<c>List&lt;EchoStateMachine&gt;</c>).</summary>
    private bool IsPlaceholder(string placeholder) =>
        IsSeenType(placeholder) && !_seenOfClass.Keys.Any(c => placeholder.IndexOf(c, StringComparison.Ordinal) >= 0);

    /// <summary>Whether C# could not be followed for <paramref name="local"/>: its type is built from a class the generator adds in a way not read here.</summary>
    public bool DependsOnAClass(ILocalSymbol local) => PassedFactoryLocal(local) is null && _untold.Contains(local);

    /// <summary>The classes the generator adds that <paramref name="expression"/> holds, for a message: <c> ('global::Demo.Program.EchoStateMachine')</c>.</summary>
    private string ClassesIn(ExpressionSyntax expression)
    {
        var rewritten = StandInRewrite(expression)?.ToString() ?? "";
        var classes = _seenOfClass.Keys.Where(c => Regex.IsMatch(rewritten, Regex.Escape(StandInText(c)) + "(?![0-9])")).ToList();
        return classes.Count == 0 ? "" : " (" + string.Join(", ", classes.OrderBy(static c => c, StringComparer.Ordinal).Select(static c => $"'{c}'")) + ")";
    }

    /// <summary>
    /// For <c>var f = F(one);</c> (<c>one</c> a <c>var</c> local of a factory, <c>F&lt;T&gt;(T x)</c>): the type C# gives the local,
    /// as text, when it is built from a class the generator adds (<c>EchoStateMachine</c>; <c>List&lt;EchoStateMachine&gt;</c> for
    /// <c>L(one)</c>), with the placeholder that binds in its place. Null when it is not (<c>Name(one)</c>, a <c>string</c>); the local
    /// is then marked untold when the expression holds such a value and that cannot be told (<see cref="DependsOnAClass"/>).
    /// </summary>
    private (string Placeholder, string Exact)? StandInLocal(ILocalSymbol local, ExpressionSyntax value)
    {
        // Typed with the placeholders as a type that holds no coroutine (`var r = Yield.Await(EchoCoroutine(1));`, an int): where a
        // class takes a placeholder's place C# gives a type that holds it, so there is no class in it either, and no copy to bind in.
        if (Infer(local) is (true, { } placeholderType) && !Holds(placeholderType, IsRuntimeCoroutine))
        {
            return null;
        }
        if (StandInRewrite(value) is not { } rewritten)
        {
            return null;
        }
        if (StandInLocalType(value, rewritten) is not { } type || ClassText(type, out var holdsClass) is not { } exact)
        {
            _untold.Add(local);
            return null;
        }
        if (!holdsClass)
        {
            return null;
        }
        if (type.IsValueType)
        {
            _valueTyped.Add(local);
        }
        var placeholder = Infer(local) is (true, { } inferred) ? SymbolText.Type(inferred) : exact;
        return (placeholder, exact);
    }

    /// <summary><c>Coroutine</c> or <c>Coroutine&lt;R&gt;</c> of the runtime: the types callers see the classes as.</summary>
    private static bool IsRuntimeCoroutine(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Coroutine", ContainingType: null, ContainingNamespace: { Name: "Coroutines", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>
    /// A factory's call that <see cref="ByPlaceholders"/> cannot read, whose arguments (or receiver) hold a class the generator adds:
    /// the coroutine method bound with stand-ins, as C# binds the factory (it has the method's parameters and type parameters).
    /// </summary>
    private (string Placeholder, string Exact, string Seen)? WithStandIns(InvocationExpressionSyntax call)
    {
        if (CalledName(call) is not { } name || !GeneratedNames.TryParseFactory(name, out var methodName) || call.ContainsDiagnostics ||
            _model.GetSymbolInfo(call).Symbol is not null)
        {
            return null;
        }
        var methodNameSyntax = SyntaxFactory.IdentifierName(methodName);
        ExpressionSyntax target = methodNameSyntax;
        var used = false;
        if (call.Expression is MemberAccessExpressionSyntax member)
        {
            var receiver = StandInRewrite(member.Expression);
            used |= receiver is not null;
            target = member.WithExpression(receiver ?? member.Expression).WithName(methodNameSyntax);
        }
        var arguments = new List<ArgumentSyntax>();
        foreach (var argument in call.ArgumentList.Arguments)
        {
            var rewritten = StandInRewrite(argument.Expression);
            used |= rewritten is not null;
            arguments.Add(rewritten is null ? argument : argument.WithExpression(rewritten));
        }
        if (!used || StandInModel() is not var (model, _))
        {
            return null;
        }
        var bound = SyntaxFactory.InvocationExpression(target, SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
        if (model.GetSpeculativeSymbolInfo(call.SpanStart, bound, SpeculativeBindingOption.BindAsExpression).Symbol is not IMethodSymbol method ||
            !(method.ReducedFrom ?? method).OriginalDefinition.GetAttributes().Any(static a => CoroutineBinder.IsCoroutineAttribute(a.AttributeClass)))
        {
            return null;
        }
        var typeArguments = new List<string>();
        foreach (var typeArgument in method.TypeArguments)
        {
            if (ClassText(typeArgument.WithNullableAnnotation(NullableAnnotation.NotAnnotated), out _) is not { } text)
            {
                return null;
            }
            typeArguments.Add(text);
        }
        var definition = method.OriginalDefinition;
        var exactClass = $"{SymbolText.Type(method.ContainingType)}.{CoroutineBinder.StateMachineName(definition)}" +
                         (typeArguments.Count == 0 ? "" : "<" + string.Join(", ", typeArguments) + ">");
        var dispatches = OverrideChain.DispatchOf((method.ReducedFrom ?? method).OriginalDefinition) != Model.FactoryDispatch.None;
        if (method.ReturnsVoid)
        {
            return ("global::Coroutines.Coroutine", dispatches ? "global::Coroutines.Coroutine" : exactClass, "global::Coroutines.Coroutine");
        }
        if (Spelled(definition.ReturnType, definition.TypeParameters, typeArguments) is not { } returned)
        {
            return null;
        }
        var seen = $"global::Coroutines.Coroutine<{returned}>";
        // The placeholder spells the classes: not a type the first reading binds, so a call taking this one is read here too.
        return (seen, dispatches ? seen : exactClass, seen);
    }

    /// <summary>
    /// <paramref name="expression"/> with each factory's call and each local of a class the generator adds replaced by a value of
    /// its stand-in, each other local typed by generated code by a value of its type; null when nothing in it uses generated code.
    /// A class not told has no stand-in: the binding then fails.
    /// </summary>
    private ExpressionSyntax? StandInRewrite(ExpressionSyntax expression)
    {
        if (!_namesFactories || expression.ContainsDiagnostics)
        {
            return null;
        }
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            if (replacements.Keys.Any(outer => outer.Span.Contains(node.Span)))
            {
                continue;
            }
            string? type = null;
            switch (node)
            {
                case InvocationExpressionSyntax call when CalledName(call) is { } name && GeneratedNames.TryParseFactory(name, out _) && _model.GetSymbolInfo(call).Symbol is null:
                    type = Inner(call, why: null)?.Exact ?? "?"; // `?`: a class not told, which fails the binding
                    break;
                case IdentifierNameSyntax identifier when _model.GetSymbolInfo(identifier).Symbol is ILocalSymbol local:
                    if (PassedFactoryLocal(local) is { } passed)
                    {
                        type = passed.Exact;
                    }
                    else if (Infer(local) is (true, { } inferred))
                    {
                        type = SymbolText.Type(inferred); // `var value = Yield.Await(WorkCoroutine(n));`: its type
                    }
                    break;
            }
            if (type is null)
            {
                continue;
            }
            var value = SyntaxFactory.PostfixUnaryExpression(
                SyntaxKind.SuppressNullableWarningExpression, SyntaxFactory.DefaultExpression(SyntaxFactory.ParseTypeName(StandInText(type))));
            if (node is IdentifierNameSyntax named && node.Parent is ArgumentSyntax { NameColon: null, Parent: TupleExpressionSyntax } element)
            {
                // `(one, 2)`: C# names the element after the local; the value standing for it keeps that name.
                replacements[element] = element.WithNameColon(SyntaxFactory.NameColon(named.WithoutTrivia())).WithExpression(value);
                continue;
            }
            replacements[node] = value;
        }
        if (replacements.Count == 0)
        {
            return null;
        }
        return replacements.TryGetValue(expression, out var whole)
            ? (ExpressionSyntax)whole
            : expression.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
    }

    /// <summary>
    /// The type C# gives a <c>var</c> local initialized with <paramref name="original"/>, bound as <paramref name="rewritten"/> where the
    /// stand-ins are declared: a declaration of such a local, so a lambda has its natural type (<c>() =&gt; one</c>: <c>Func&lt;EchoStateMachine&gt;</c>).
    /// </summary>
    private ITypeSymbol? StandInLocalType(ExpressionSyntax original, ExpressionSyntax rewritten)
    {
        var declarator = SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier("standIn")).WithInitializer(SyntaxFactory.EqualsValueClause(rewritten));
        var statement = SyntaxFactory.LocalDeclarationStatement(
            SyntaxFactory.VariableDeclaration(SyntaxFactory.IdentifierName("var"), SyntaxFactory.SingletonSeparatedList(declarator)));
        return StandInModel() is var (model, _) && model.TryGetSpeculativeSemanticModel(original.SpanStart, statement, out var speculative) &&
               speculative.GetDeclaredSymbol(statement.Declaration.Variables[0]) is ILocalSymbol { Type: { TypeKind: not TypeKind.Error } type }
            ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)
            : null;
    }

    /// <summary><paramref name="type"/> (of the compilation with the stand-ins) as text, each stand-in spelled as its class; null when it holds an error.</summary>
    private string? ClassText(ITypeSymbol type, out bool holdsClass)
    {
        var names = _standIns.Names ?? new Dictionary<string, string>();
        string? Leaf(ITypeSymbol t) =>
            t is INamedTypeSymbol { TypeKind: not TypeKind.Error } named && names.TryGetValue(named.Name, out var exact) && named.ContainingType is not null
                ? exact + (t.NullableAnnotation == NullableAnnotation.Annotated ? "?" : "")
                : null;
        holdsClass = Holds(type, t => Leaf(t) is not null);
        // An error, or a type parameter out of scope (the method's own `T` where C# infers none): no type C# gives.
        return Holds(type, t => t.TypeKind == TypeKind.Error || t is ITypeParameterSymbol parameter && !InScope(parameter)) ? null : SpelledWith(type, Leaf);
    }

    /// <summary>Whether <paramref name="parameter"/> (of the compilation with the stand-ins) is a type parameter the body sees.</summary>
    private bool InScope(ITypeParameterSymbol parameter) =>
        _standIns.Model is { } model && model.LookupNamespacesAndTypes(_position, name: parameter.Name).Contains(parameter, SymbolEqualityComparer.Default);

    /// <summary><paramref name="exact"/>, a type spelled with classes the generator adds, spelled with their stand-ins (longest first: a generic class before its arguments).</summary>
    private string StandInText(string exact)
    {
        var typeParameters = StandInCompilations.StandInTypeParameterText(StandInTypeParameterNames());
        foreach (var (exactClass, index, _) in StandInOrder())
        {
            exact = exact.Replace(exactClass, GeneratedNames.ClassStandIn(index) + typeParameters);
        }
        return exact;
    }

    /// <summary>
    /// The type parameters of the methods the body is in (<c>T</c>), each stand-in's own: a class may be seen as a type
    /// built from them (<c>Coroutine&lt;T&gt;</c>), which a type declared beside the method does not see otherwise.
    /// </summary>
    private IReadOnlyList<string> StandInTypeParameterNames()
    {
        if (_standInTypeParameters is null)
        {
            var names = new List<string>();
            for (var symbol = _model.GetEnclosingSymbol(_position); symbol is not null and not INamedTypeSymbol; symbol = symbol.ContainingSymbol)
            {
                if (symbol is IMethodSymbol method)
                {
                    names.InsertRange(0, method.TypeParameters.Select(static p => p.Name));
                }
            }
            _standInTypeParameters = names;
        }
        return _standInTypeParameters;
    }

    /// <summary>The stand-ins of the type the body is declared in, shared by its bodies for this compilation; null outside a type.</summary>
    private StandInCompilations.TypeStandIns? TypeStandIns()
    {
        if (_typeStandIns is null)
        {
            ISymbol? symbol = _model.GetEnclosingSymbol(_position);
            while (symbol is not null and not INamedTypeSymbol)
            {
                symbol = symbol.ContainingSymbol;
            }
            _typeStandIns = symbol is INamedTypeSymbol type ? StandInCompilations.Of(_model.Compilation).For(type) : null;
        }
        return _typeStandIns;
    }

    private IEnumerable<(string Exact, int Index, string Seen)> StandInOrder() =>
        _seenOfClass.OrderByDescending(static c => c.Key.Length).ThenBy(static c => c.Key, StringComparer.Ordinal).Select(static c => (c.Key, c.Value.Index, c.Value.Seen));

    /// <summary>
    /// The body's model in a copy of the compilation that declares a stand-in for each class met so far, nested in the coroutine's
    /// type (partial, as the generator needs it), so a stand-in can derive from a type only that type sees. The copy is the type's
    /// (<see cref="StandInCompilations"/>): made again only when this body or another of the type meets a class it does not declare;
    /// null when the type cannot be declared again so (not partial, file-local, a ref struct).
    /// </summary>
    private (SemanticModel Model, IReadOnlyDictionary<string, string> Names)? StandInModel()
    {
        if (_standIns.Model is { } made && _standIns.Classes == _seenOfClass.Count)
        {
            return (made, _standIns.Names!);
        }
        var count = _seenOfClass.Count == 0 ? 0 : _seenOfClass.Values.Max(static c => c.Index) + 1;
        if (TypeStandIns()?.Declaring(count, (CSharpParseOptions)_model.SyntaxTree.Options) is not var (copy, names))
        {
            return null;
        }
        var model = _standIns.Model is { } earlier && ReferenceEquals(earlier.Compilation, copy) ? earlier : copy.GetSemanticModel(_model.SyntaxTree);
        _standIns = (_seenOfClass.Count, model, names);
        return (model, names);
    }
}
