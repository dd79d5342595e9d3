using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Coroutines.Generator.Binding;

/// <summary>
/// Virtual dispatch of coroutines: a call from a coroutine runs the callee's factory, so the
/// factory of a method that can be overridden is virtual, and each [Coroutine] override
/// overrides it. The generator (factories) and the analyzer (COR0032) ask the same questions here.
/// </summary>
internal static class OverrideChain
{
    /// <summary>The nearest method <paramref name="method"/> overrides that is a [Coroutine] method; null if none.</summary>
    public static IMethodSymbol? OverriddenCoroutine(IMethodSymbol method)
    {
        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (IsCoroutine(overridden))
            {
                return overridden;
            }
        }
        return null;
    }

    /// <summary>
    /// Whether the factory dispatches as the method does: an override of a [Coroutine] method
    /// overrides that method's factory; a method that can still be overridden gets a virtual one.
    /// </summary>
    public static FactoryDispatch DispatchOf(IMethodSymbol method)
    {
        if (method.IsStatic)
        {
            return FactoryDispatch.None;
        }
        if (method.IsAbstract)
        {
            return FactoryDispatch.Abstract;
        }
        if (method.ContainingType.TypeKind == TypeKind.Interface)
        {
            // A default implementation: virtual, so a class's [Coroutine] implementation replaces it.
            return method.IsSealed || method.DeclaredAccessibility == Accessibility.Private ? FactoryDispatch.None : FactoryDispatch.Virtual;
        }
        if (method.ContainingType.TypeKind != TypeKind.Class)
        {
            return ImplementedCoroutines(method).Any() ? FactoryDispatch.Implementation : FactoryDispatch.None;
        }
        if (OverriddenCoroutine(method) is not null)
        {
            return method.IsSealed ? FactoryDispatch.SealedOverride : FactoryDispatch.Override;
        }
        var overridable = (method.IsVirtual || method.IsOverride) && !method.IsSealed && !method.ContainingType.IsSealed;
        return overridable ? FactoryDispatch.Virtual : ImplementedCoroutines(method).Any() ? FactoryDispatch.Implementation : FactoryDispatch.None;
    }

    /// <summary>The [Coroutine] methods whose factories the factory of <paramref name="method"/> overrides or implements.</summary>
    public static IEnumerable<IMethodSymbol> ProvidedCoroutines(IMethodSymbol method)
    {
        if (method.IsStatic)
        {
            return Enumerable.Empty<IMethodSymbol>();
        }
        var overridden = OverriddenCoroutine(method);
        return overridden is null ? ImplementedCoroutines(method) : ImplementedCoroutines(method).Prepend(overridden);
    }

    /// <summary>The interfaces' [Coroutine] methods that <paramref name="method"/> implements (explicitly, or implicitly as a public method).</summary>
    public static IEnumerable<IMethodSymbol> ImplementedCoroutines(IMethodSymbol method)
    {
        if (method.ExplicitInterfaceImplementations.Length > 0)
        {
            return method.ExplicitInterfaceImplementations.Where(IsCoroutine);
        }
        if (method.DeclaredAccessibility != Accessibility.Public || method.IsStatic)
        {
            return Enumerable.Empty<IMethodSymbol>();
        }
        return method.ContainingType.AllInterfaces
            .SelectMany(i => i.GetMembers(method.Name).OfType<IMethodSymbol>())
            .Where(m => IsCoroutine(m) && SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(m), method));
    }

    /// <summary>Whether <paramref name="method"/> is marked [Coroutine].</summary>
    public static bool IsCoroutine(IMethodSymbol method) =>
        method.OriginalDefinition.GetAttributes().Any(static a => CoroutineBinder.IsCoroutineAttribute(a.AttributeClass));
}
