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
    /// <c>var made = EchoCoroutine(1);</c> (or <c>var w = WrapCoroutine(EchoCoroutine(1));</c>) passed to another factory's
    /// call, <c>PickCoroutine(EchoCoroutine(5), made)</c> (or its receiver, <c>made.AlsoCoroutine(...)</c>): C# types <c>made</c> as the class the factory returns and infers
    /// <c>Pick</c>'s type argument from it. So its field has that class, not the <c>Coroutine&lt;int&gt;</c> callers see (in the
    /// generated code the call then infers what C# infers), and the call reads it as it reads an inner call: the placeholder
    /// that binds in its place and the class. Null for any other local.
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
            Initializer.Value: InvocationExpressionSyntax call,
            Parent: VariableDeclarationSyntax { Type.IsVar: true },
        } && !CallsALocalFunction(call) && IsPassedToAFactory(local)
            ? Inner(call, why: null)
            : null;
        _passed[local] = result;
        return result;
    }

    /// <summary>Whether <paramref name="local"/> is an argument (or the receiver) of a generated factory's call in the body.</summary>
    private bool IsPassedToAFactory(ILocalSymbol local) =>
        _body.DescendantNodes()
            .OfType<IdentifierNameSyntax>()
            .Any(identifier => identifier.Identifier.ValueText == local.Name &&
                               PassedTo(identifier) is { } call && CalledName(call) is { } name && GeneratedNames.TryParseFactory(name, out _) &&
                               SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(identifier).Symbol, local));

    /// <summary>The call <paramref name="expression"/> (in parentheses or not) is an argument or the receiver of.</summary>
    private static InvocationExpressionSyntax? PassedTo(ExpressionSyntax expression)
    {
        var outer = expression;
        while (outer.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            outer = parenthesized;
        }
        return outer.Parent switch
        {
            ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } => call,
            MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax call } access when access.Expression == outer => call,
            _ => null,
        };
    }

    /// <summary>An argument or receiver of a factory's call that C# types as a factory's class: an inner factory call, or a local of one passed to it.</summary>
    private (string Placeholder, string Exact)? InnerArgument(ExpressionSyntax argument, List<string>? why) => argument switch
    {
        ParenthesizedExpressionSyntax parenthesized => InnerArgument(parenthesized.Expression, why),
        InvocationExpressionSyntax inner => Inner(inner, why),
        IdentifierNameSyntax identifier when _model.GetSymbolInfo(identifier).Symbol is ILocalSymbol local => PassedFactoryLocal(local),
        _ => null,
    };

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
