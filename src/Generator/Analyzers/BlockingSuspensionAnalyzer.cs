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
                if (HasAttribute(function, coroutine))
                {
                    return; // a [Coroutine] local function suspends
                }
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
    /// What to do, in the user's names: [Coroutine] goes on the method or local function, never on
    /// top-level statements (whose compiler-made method is called <c>&lt;Main&gt;$</c>) or their local functions.
    /// </summary>
    private static string Fix(ISymbol member, IMethodSymbol? localFunction)
    {
        var topLevel = member is IMethodSymbol { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName };
        if (localFunction is not null)
        {
            // A local function of top-level statements cannot be a coroutine (its class is the compiler's); elsewhere it can.
            return topLevel
                ? $"Make '{localFunction.Name}' a method of a class, marked [Coroutine], to suspend instead"
                : $"Mark '{localFunction.Name}' with [Coroutine] to suspend instead";
        }
        if (topLevel)
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
