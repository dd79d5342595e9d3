using System.Collections.Immutable;
using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coroutines.Generator.Analyzers;

/// <summary>
/// COR0032: an override of a [Coroutine] method that is not one itself. A coroutine calls the
/// method through its generated factory, which only [Coroutine] overrides override: a plain
/// override would be skipped, and the base's body run instead of it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CoroutineOverrideAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.OverrideNotCoroutine);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(static symbolContext =>
        {
            var method = (IMethodSymbol)symbolContext.Symbol;
            if (!method.IsOverride || method.GetAttributes().Any(static a => CoroutineBinder.IsCoroutineAttribute(a.AttributeClass)) ||
                OverrideChain.OverriddenCoroutine(method) is not { } overridden)
            {
                return;
            }
            symbolContext.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.OverrideNotCoroutine,
                method.Locations.FirstOrDefault(),
                method.ContainingType.Name + "." + method.Name,
                overridden.ContainingType.Name + "." + overridden.Name,
                method.Name));
        }, SymbolKind.Method);
    }
}
