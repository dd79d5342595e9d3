using System.Collections.Immutable;
using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coroutines.Generator.Suppressors;

/// <summary>
/// Suppresses CS8321 ("the local function is declared but never used") on a <c>[Coroutine]</c>
/// local function whose generated factory (<c>InnerCoroutine(...)</c>) the code around it uses:
/// the compiler does not see that use, as the factory runs the function's body through its state
/// machine. A <c>[Coroutine]</c> local function nothing makes keeps the warning.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class UnusedLocalFunctionCoroutineSuppressor : DiagnosticSuppressor
{
    /// <summary>The suppression of CS8321 for such a local function.</summary>
    public static readonly SuppressionDescriptor UsedThroughFactory = new(
        "CORSUPP8321",
        "CS8321",
        "A [Coroutine] local function is used through its generated factory, which runs its body.");

    /// <inheritdoc/>
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ImmutableArray.Create(UsedThroughFactory);

    /// <inheritdoc/>
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            if (diagnostic.Location.SourceTree is not { } tree ||
                tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan) is not { } node ||
                node.AncestorsAndSelf().OfType<LocalFunctionStatementSyntax>().FirstOrDefault() is not { AttributeLists.Count: > 0 } function)
            {
                continue;
            }
            var model = context.GetSemanticModel(tree);
            if (model.GetDeclaredSymbol(function, context.CancellationToken) is IMethodSymbol symbol &&
                symbol.GetAttributes().Any(static a => CoroutineBinder.IsCoroutineAttribute(a.AttributeClass)) &&
                FactoryUsed(function, model, context))
            {
                context.ReportSuppression(Suppression.Create(UsedThroughFactory, diagnostic));
            }
        }
    }

    // A name of the factory, bound to a method, in the body around the function (where the function is in scope).
    private static bool FactoryUsed(LocalFunctionStatementSyntax function, SemanticModel model, SuppressionAnalysisContext context)
    {
        var factory = GeneratedNames.Factory(function.Identifier.ValueText);
        var scope = function.Parent is GlobalStatementSyntax ? function.SyntaxTree.GetRoot(context.CancellationToken) : function.Parent!;
        return scope.DescendantNodes().OfType<SimpleNameSyntax>().Any(name =>
            name.Identifier.ValueText == factory &&
            model.GetSymbolInfo(name, context.CancellationToken) is var info &&
            (info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) is IMethodSymbol);
    }
}
