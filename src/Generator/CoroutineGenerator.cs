using System;
using System.Linq;
using System.Threading;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Emitting;
using Coroutines.Generator.Flattening;
using Coroutines.Generator.Incrementality;
using Coroutines.Generator.Linking;
using Coroutines.Generator.Lowering;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator;

/// <summary>
/// Rewrites every <c>[Coroutine]</c> method into a state-machine class, in the passes of the C#
/// compiler's own lowering (docs/architecture.md draws them):
/// <list type="number">
/// <item>Binding (<see cref="CoroutineBinder"/>): symbols, suspension sites, suspending calls, captured locals, COR checks.</item>
/// <item>Lowering (<see cref="CoroutineLowerer"/>): fields, desugaring, spilling, exception handlers, to a value-equatable model.</item>
/// <item>Linking (<see cref="CallGraph"/>): a coroutine that calls one that is not generated is not generated either.</item>
/// <item>Flattening (<see cref="Flattener"/>): structured control flow to numbered states and jumps.</item>
/// <item>Emitting (<see cref="Emitter"/>): the C# text.</item>
/// </list>
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CoroutineGenerator : IIncrementalGenerator
{
    /// <summary>Each method's last result, reused while nothing it depends on changes (see <see cref="LoweringMemo"/>).</summary>
    internal LoweringMemo Memo { get; } = new();

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // 1 + 2. Binding and lowering: one step, as both read the semantic model, which no step's
        // output may hold; the output (model and diagnostics) is value-equatable. Roslyn re-runs
        // this transform for every method on every edit: the memo (the one lambda that is not
        // static) makes that a look-up unless the method or a declaration changed.
        var memo = Memo;
        var lowered = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                CoroutineBinder.CoroutineAttribute,
                static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                (syntax, ct) => memo.GetOrLower(syntax, BindAndLower, ct))
            .WithTrackingName(TrackingNames.Lower);

        var diagnostics = lowered
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, list) => Report(spc, list));

        // A class that inherits the implementation of an interface's coroutine from a base class that does
        // not implement the interface: which factory is missing and what to change (not a coroutine itself).
        var inherited = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => InheritedImplementations.MayInherit(node),
                static (syntax, ct) => InheritedImplementations.Check((TypeDeclarationSyntax)syntax.Node, syntax.SemanticModel, ct))
            .Where(static result => result is not null);
        context.RegisterSourceOutput(inherited, static (spc, result) =>
        {
            Report(spc, result!.Diagnostics);
            if (result.Factories is { } factories)
            {
                spc.AddSource(factories.HintName, Emitter.EmitInheritedFactories(factories));
            }
        });

        // 3. Linking: a coroutine that calls one whose state machine is not generated cannot be generated either.
        var notGenerated = lowered
            .Select(static (result, _) => new CallGraphNode(
                result.Key,
                result.Model is null,
                result.Model?.Calls.Select(static c => c.CalleeKey).Concat(result.Model.Method.Provides.Select(static p => p.Key)).ToEquatableArray() ?? EquatableArray<string>.Empty))
            .Collect()
            .Select(static (nodes, _) => CallGraph.NotGenerated(nodes))
            .WithTrackingName(TrackingNames.Link);

        // 4. Flattening.
        var flattened = lowered
            .Where(static result => result.Model is not null)
            .Combine(notGenerated)
            .Select(static (pair, _) => FlattenSafely(pair.Left.Model!, pair.Right))
            .WithTrackingName(TrackingNames.Flatten);

        // 5. Emitting.
        context.RegisterSourceOutput(flattened, static (spc, result) =>
        {
            if (result.Lowered is null)
            {
                foreach (var error in result.Errors)
                {
                    spc.ReportDiagnostic(error.ToDiagnostic());
                }
                return;
            }
            string source;
            try
            {
                source = Emitter.Emit(result.Lowered);
            }
            catch (Exception exception)
            {
                spc.ReportDiagnostic(InternalError(result.Lowered.Model.Method.Name, result.Lowered.Model.Method.Location, exception).ToDiagnostic());
                return;
            }
            spc.AddSource(result.Lowered.Model.HintName, source);
        });
    }

    // A generator must never throw (CS8785 would drop all its output): a bug in a pass is
    // reported on the method it failed for.
    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }

    private static LoweringResult BindAndLower(GeneratorAttributeSyntaxContext context, CancellationToken ct)
    {
        try
        {
            return CoroutineLowerer.Lower(CoroutineBinder.Bind(context, ct));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            var error = InternalError(context.TargetSymbol.Name, LocationInfo.From(context.TargetNode), exception);
            return new LoweringResult(CoroutineBinder.KeyOf(context.TargetSymbol), null, new[] { error }.ToEquatableArray());
        }
    }

    private static FlattenResult FlattenSafely(CoroutineModel model, EquatableArray<string> notGenerated)
    {
        try
        {
            var blocked = CallGraph.BlockedCalls(model, notGenerated);
            return blocked.Count > 0 ? new FlattenResult(null, blocked) : new FlattenResult(Flattener.Flatten(model), EquatableArray<DiagnosticInfo>.Empty);
        }
        catch (Exception exception)
        {
            return new FlattenResult(null, new[] { InternalError(model.Method.Name, model.Method.Location, exception) }.ToEquatableArray());
        }
    }

    private static DiagnosticInfo InternalError(string method, LocationInfo location, Exception exception) =>
        new(DiagnosticDescriptors.InternalError.Id, location, new[] { method, exception.GetType().Name + ": " + exception.Message }.ToEquatableArray());

    private sealed record FlattenResult(LoweredCoroutine? Lowered, EquatableArray<DiagnosticInfo> Errors);
}

/// <summary>Names of the pipeline steps, for incremental-caching tests and the inspect tool.</summary>
public static class TrackingNames
{
    /// <summary>Binding and lowering: one method's syntax and symbols to its model and diagnostics.</summary>
    public const string Lower = nameof(Lower);

    /// <summary>Diagnostics split from the lowering result.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>The coroutines that are not generated, because they fail or call one that does.</summary>
    public const string Link = nameof(Link);

    /// <summary>The model flattened into states and instructions.</summary>
    public const string Flatten = nameof(Flatten);
}
