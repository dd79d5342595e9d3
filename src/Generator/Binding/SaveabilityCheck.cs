using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// The checks of a <c>[Coroutine(Saveable = true)]</c> method (docs/snapshots.md): COR0031 when
/// its state machine cannot be registered at all, COR0030 at each parameter, hoisted local or
/// suspending <c>foreach</c> whose value lives in a field across a suspension and cannot be saved.
/// </summary>
internal static class SaveabilityCheck
{
    /// <summary>True when the method's <c>[Coroutine]</c> says <c>Saveable = true</c>.</summary>
    public static bool IsSaveable(IMethodSymbol method) =>
        method.GetAttributes().Any(static a =>
            CoroutineBinder.IsCoroutineAttribute(a.AttributeClass) &&
            a.NamedArguments.Any(static n => n.Key == "Saveable" && n.Value.Value is true));

    /// <param name="capture">For a local function that shares the variables of the coroutine around it: that coroutine, whose state machine holds them.</param>
    public static void Check(IMethodSymbol method, SyntaxNode body, SuspensionFinder suspensions, CaptureWalker hoisting, List<DiagnosticInfo> diagnostics, LocalFunctionCapture? capture = null)
    {
        if (!IsSaveable(method))
        {
            return;
        }
        var identifier = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is { } declared && CoroutineSyntax.Of(declared) is { } coroutine ? coroutine.Identifier : default;
        if (method.IsGenericMethod || LocalFunctionCoroutines.OuterTypeParameters(method).Count > 0 || ContainingTypes(method).Any(static t => t.IsGenericType))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotSaveableCoroutine, identifier, method.Name,
                "it or a method or type around it is generic, and a snapshot names one state-machine class per method", "make it a non-generic method of a non-generic type"));
            return;
        }
        if (capture is not null && !IsSaveable(capture.Enclosing))
        {
            // The shared variables are fields of the enclosing state machine: a snapshot saves them with its frame, which only a saveable one writes.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotSaveableCoroutine, identifier, method.Name,
                $"it shares the variables of '{capture.Enclosing.Name}', which its state machine holds, and '{capture.Enclosing.Name}' is not saveable", $"mark '{capture.Enclosing.Name}' [Coroutine(Saveable = true)] too"));
            return;
        }
        if (ContainingTypes(method).FirstOrDefault(static t => t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal) is { } hidden)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotSaveableCoroutine, identifier, method.Name,
                $"type '{hidden.Name}' is not visible to its whole assembly, so the registration the generator writes cannot run", $"make '{hidden.Name}' internal or public"));
            return;
        }

        var sites = suspensions.Statements.Values.Concat(suspensions.ExpressionBody is { } e ? new[] { e } : System.Array.Empty<SuspensionSite>())
            .OrderBy(static s => s.Call.SpanStart)
            .ToList();
        if (sites.Count == 0)
        {
            return;
        }
        foreach (var parameter in method.Parameters)
        {
            if (Unsaveable(parameter.Type) is { } why && parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is { } syntax)
            {
                diagnostics.Add(Report(syntax, parameter.Name, method.Name, sites[0], why));
            }
        }
        foreach (var (local, declaration) in hoisting.Locals)
        {
            var scope = declaration.Ancestors().FirstOrDefault(static a => a is BlockSyntax or SwitchSectionSyntax or ForStatementSyntax or CommonForEachStatementSyntax or UsingStatementSyntax) ?? body;
            var across = sites.FirstOrDefault(s => s.Call.SpanStart > declaration.SpanStart && scope.Span.Contains(s.Call.Span))
                ?? sites.FirstOrDefault(s => scope.Span.Contains(s.Call.Span));
            if (across is not null && Unsaveable(hoisting.TypeOf(local)) is { } why)
            {
                diagnostics.Add(Report(declaration, local.Name, method.Name, across, why));
            }
        }
        foreach (var loop in body.DescendantNodes(static n => !SuspensionFinder.IsFunction(n)).OfType<CommonForEachStatementSyntax>())
        {
            if (suspensions.Flattened.Contains(loop) && sites.FirstOrDefault(s => loop.Statement.Span.Contains(s.Call.Span)) is { } inside)
            {
                diagnostics.Add(Report(loop.ForEachKeyword.Parent!, "the enumerator of this foreach", method.Name, inside,
                    "an enumerator (loop with for over an index instead)"));
            }
        }
    }

    private static DiagnosticInfo Report(SyntaxNode at, string what, string method, SuspensionSite site, string why) =>
        DiagnosticInfo.Create(DiagnosticDescriptors.NotSaveableLocal, at is CommonForEachStatementSyntax loop ? (SyntaxNode)loop : at, what, method,
            site.Call.ToString(), (site.Call.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), why);

    private static IEnumerable<INamedTypeSymbol> ContainingTypes(IMethodSymbol method)
    {
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            yield return type;
        }
    }

    // Names of types (and their base types and interfaces) whose values hold the outside world.
    private static readonly HashSet<string> s_outside = new()
    {
        "System.Threading.Tasks.Task", "System.Threading.Tasks.Task<TResult>", "System.Threading.Tasks.ValueTask", "System.Threading.Tasks.ValueTask<TResult>",
        "System.IO.Stream", "System.IO.TextReader", "System.IO.TextWriter", "System.Runtime.InteropServices.SafeHandle",
        "System.Threading.Thread", "System.Threading.WaitHandle", "System.Threading.CancellationTokenSource", "System.Threading.CancellationToken",
        "System.Collections.IEnumerator", "System.Net.Sockets.Socket", "System.Net.Http.HttpClient",
    };

    /// <summary>Why a value of <paramref name="type"/> cannot be saved, or null if it can (docs/snapshots.md lists what can).</summary>
    public static string? Unsaveable(ITypeSymbol type)
    {
        switch (type)
        {
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return $"a pointer ({type.ToDisplayString()})";
            case IArrayTypeSymbol array:
                return Unsaveable(array.ElementType);
            case IDynamicTypeSymbol:
                return "a 'dynamic' value (a snapshot reads values as their declared type)";
        }
        if (type.IsRefLikeType)
        {
            return $"a ref struct ({type.ToDisplayString()})";
        }
        if (type.TypeKind == TypeKind.Delegate) // the delegate type C# made for a lambda too (an anonymous type, but not kept as an object)
        {
            return $"a delegate ({type.ToDisplayString()})";
        }
        if (type.IsAnonymousType)
        {
            return "a value of an anonymous type (kept in an 'object' field, and a snapshot reads values as their declared type)";
        }
        if (type.SpecialType is SpecialType.System_Object)
        {
            return "an 'object' (a snapshot reads values as their declared type)";
        }
        if (type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr)
        {
            return $"a native integer or handle ({type.ToDisplayString()})";
        }
        if (type is INamedTypeSymbol named)
        {
            var definition = named.OriginalDefinition.ToDisplayString();
            if (definition == "Coroutines.Snapshots.Rebuilt<T>")
            {
                return null;
            }
            for (INamedTypeSymbol? t = named; t is not null; t = t.BaseType)
            {
                if (s_outside.Contains(t.OriginalDefinition.ToDisplayString()))
                {
                    return $"a {t.Name} ({type.ToDisplayString()})";
                }
            }
            if (named.AllInterfaces.FirstOrDefault(static i => s_outside.Contains(i.OriginalDefinition.ToDisplayString())) is { } outside)
            {
                return $"an {outside.Name} ({type.ToDisplayString()})";
            }
            if (s_outside.Contains(definition))
            {
                return $"a {named.Name} ({type.ToDisplayString()})";
            }
            foreach (var argument in named.TypeArguments)
            {
                if (Unsaveable(argument) is { } why)
                {
                    return why;
                }
            }
        }
        return null;
    }
}
