using System.Collections.Immutable;
using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coroutines.Generator.Analyzers;

/// <summary>
/// COR0032: an override of a [Coroutine] method, or an implementation of an interface's, that is
/// not one itself. A coroutine calls the method through its generated factory, which only
/// [Coroutine] overrides and implementations provide: a plain one would be skipped (the base's or
/// the interface's state machine run instead of it), or leave an abstract factory unimplemented.
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
        context.RegisterCompilationStartAction(static start =>
        {
            // No coroutine can be overridden where the attribute does not exist.
            if (start.Compilation.GetTypeByMetadataName(CoroutineBinder.CoroutineAttribute) is not null)
            {
                start.RegisterSymbolAction(Analyze, SymbolKind.Method);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext symbolContext)
    {
        var method = (IMethodSymbol)symbolContext.Symbol;
        if (method.IsStatic || method.GetAttributes().Any(static a => CoroutineBinder.IsCoroutineAttribute(a.AttributeClass)))
        {
            return;
        }
        var (relation, coroutine) = method.IsOverride && OverrideChain.OverriddenCoroutine(method) is { } overridden
            ? ("overrides", overridden)
            : ("implements", OverrideChain.ImplementedCoroutines(method).FirstOrDefault());
        if (coroutine is null)
        {
            return;
        }
        symbolContext.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.OverrideNotCoroutine,
            method.Locations.FirstOrDefault(),
            SymbolText.MethodNameInType(method),
            relation,
            SymbolText.MethodNameInType(coroutine),
            coroutine.Name));
    }
}
