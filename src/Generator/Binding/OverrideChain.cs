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
            if (overridden.OriginalDefinition.GetAttributes().Any(static a => CoroutineBinder.IsCoroutineAttribute(a.AttributeClass)))
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
        if (method.IsStatic || method.ContainingType.TypeKind != TypeKind.Class)
        {
            return FactoryDispatch.None;
        }
        if (OverriddenCoroutine(method) is not null)
        {
            return method.IsSealed ? FactoryDispatch.SealedOverride : FactoryDispatch.Override;
        }
        var overridable = (method.IsVirtual || method.IsAbstract || method.IsOverride) && !method.IsSealed && !method.ContainingType.IsSealed;
        return overridable ? FactoryDispatch.Virtual : FactoryDispatch.None;
    }
}
