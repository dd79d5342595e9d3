using System.Collections.Immutable;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Binding;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Generator.Analyzers;

/// <summary>
/// COR0011: a suspension point (such as <c>Yield.Sleep</c>) called outside a <c>[Coroutine]</c>
/// method blocks the calling thread. Inside a coroutine the generator reports misplaced calls.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingSuspensionAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.BlockingSuspension);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var marker = start.Compilation.GetTypeByMetadataName(SuspensionFinder.SuspensionPointAttribute);
            var coroutine = start.Compilation.GetTypeByMetadataName(CoroutineBinder.CoroutineAttribute);
            if (marker is null || coroutine is null)
            {
                return;
            }
            start.RegisterOperationAction(
                context => Analyze(context, marker, coroutine),
                OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol marker, INamedTypeSymbol coroutine)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!HasAttribute(invocation.TargetMethod, marker))
        {
            return;
        }
        // The member whose body holds the call: lambdas and local functions belong to it.
        var member = context.ContainingSymbol;
        IMethodSymbol? localFunction = null;
        while (member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } function && member.ContainingSymbol is not null)
        {
            if (function.MethodKind == MethodKind.LocalFunction)
            {
                localFunction ??= function;
            }
            member = member.ContainingSymbol;
        }
        if (member is IMethodSymbol method && HasAttribute(method, coroutine))
        {
            return;
        }
        // A local function's body is analyzed as part of its containing member's: find it in the tree.
        for (var parent = invocation.Parent; parent is not null && localFunction is null; parent = parent.Parent)
        {
            localFunction = (parent as ILocalFunctionOperation)?.Symbol;
        }
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.BlockingSuspension,
            invocation.Syntax.GetLocation(),
            invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name,
            Fix(member, localFunction)));
    }

    /// <summary>
    /// What to do, in the user's names: [Coroutine] goes on a method of a type, never on a local
    /// function or on top-level statements (whose compiler-made method is called <c>&lt;Main&gt;$</c>).
    /// </summary>
    private static string Fix(ISymbol member, IMethodSymbol? localFunction)
    {
        if (localFunction is not null)
        {
            return $"Make '{localFunction.Name}' a method of a class, marked [Coroutine], to suspend instead";
        }
        if (member is IMethodSymbol { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName })
        {
            return "Move the call into a method of a class, marked [Coroutine], to suspend instead";
        }
        return $"Mark '{member.Name}' with [Coroutine] to suspend instead";
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attribute)
    {
        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }
        return false;
    }
}
