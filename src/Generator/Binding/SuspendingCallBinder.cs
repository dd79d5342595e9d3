using System.Linq;
using System.Threading;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// Recognises the calls that suspend a coroutine by what they bind to, never by their spelling:
/// a method marked <c>[SuspensionPoint]</c>, or another method marked <c>[Coroutine]</c>.
/// </summary>
internal sealed class SuspendingCallBinder
{
    public const string SuspensionType = "Coroutines.Suspension";

    private readonly SemanticModel _model;
    private readonly GeneratedFactoryTypes _factories;
    private readonly INamedTypeSymbol? _pointMarker;
    private readonly INamedTypeSymbol? _suspension;
    private readonly CompilationFacts _facts;
    private readonly ISymbol? _within;

    /// <param name="within">The type whose code makes the calls (its static lookups are then asked once per compilation); null: ask each time.</param>
    public SuspendingCallBinder(SemanticModel model, GeneratedFactoryTypes factories, ISymbol? within = null)
    {
        _model = model;
        _factories = factories;
        _facts = CompilationFacts.Of(model.Compilation);
        _pointMarker = _facts.SuspensionPointMarker;
        _suspension = _facts.Suspension;
        _within = within;
    }

    /// <summary>What <paramref name="call"/> binds to if it suspends; null for an ordinary call.</summary>
    public SuspendingCall? Bind(InvocationExpressionSyntax call, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (_factories.MethodOf(call) is not { } method)
        {
            return null;
        }
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        foreach (var attribute in definition.GetAttributes())
        {
            if (_pointMarker is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _pointMarker) &&
                attribute.ConstructorArguments.Length == 1 &&
                attribute.ConstructorArguments[0].Value is string factory)
            {
                var result = attribute.NamedArguments.FirstOrDefault(static a => a.Key == "Result").Value.Value as string;
                var kind = definition.IsStatic ? SuspendingCallKind.StaticPoint : SuspendingCallKind.InstancePoint;
                return new SuspendingCall(kind, method, factory, result);
            }
        }
        if (_factories.IsCoroutine(method))
        {
            return new SuspendingCall(SuspendingCallKind.CoroutineCall, method, null, null);
        }
        return null;
    }

    /// <summary>
    /// COR0021: the factory or result method a suspension point names must exist, taking the
    /// call's arguments: on <c>Suspension</c> for a static point, on the receiver's type for an instance one.
    /// </summary>
    public DiagnosticInfo? CheckNamedMethods(SuspendingCall binding, InvocationExpressionSyntax call)
    {
        if (binding.Kind == SuspendingCallKind.CoroutineCall)
        {
            return null;
        }
        var arguments = call.ArgumentList.Arguments.Count + (binding.Method.ReducedFrom is null ? 0 : 1);
        var isStatic = binding.Kind == SuspendingCallKind.StaticPoint;
        var container = isStatic ? _suspension : ReceiverType(call, binding.Method);
        foreach (var (role, name) in new[] { ("factory", binding.Factory), ("result method", binding.Result) })
        {
            if (name is null || (container is not null && Exists(container, name, isStatic, arguments, call.SpanStart)))
            {
                continue;
            }
            var where = container is null ? SuspensionType : container.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
            return DiagnosticInfo.Create(
                DiagnosticDescriptors.SuspensionMethodNotFound, call, binding.DisplayName, role, name, where, arguments.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return null;
    }

    private ITypeSymbol? ReceiverType(InvocationExpressionSyntax call, IMethodSymbol method) =>
        call.Expression is MemberAccessExpressionSyntax access
            ? _model.GetTypeInfo(access.Expression).Type ?? method.ContainingType
            : method.ContainingType;

    private bool Exists(ITypeSymbol container, string name, bool isStatic, int arguments, int position) =>
        isStatic && _within is not null && SymbolEqualityComparer.Default.Equals(container, _suspension)
            ? _facts.StaticMethodExists(_within, name, arguments, () => LookUp(container, name, isStatic, arguments, position))
            : LookUp(container, name, isStatic, arguments, position);

    private bool LookUp(ITypeSymbol container, string name, bool isStatic, int arguments, int position) =>
        _model.LookupSymbols(position, container, name, includeReducedExtensionMethods: !isStatic)
            .OfType<IMethodSymbol>()
            .Any(m => m.IsStatic == isStatic && Accepts(m, arguments));

    /// <summary>Whether a method can be called with <paramref name="count"/> arguments (optional and params parameters may be left out).</summary>
    public static bool Accepts(IMethodSymbol method, int count)
    {
        var parameters = method.Parameters;
        var required = parameters.Count(static p => !p.IsOptional && !p.IsParams);
        var takesMore = parameters.Length > 0 && parameters[parameters.Length - 1].IsParams;
        return count >= required && (count <= parameters.Length || takesMore);
    }
}
