using System;
using System.Linq;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Emitting;
using Coroutines.Generator.Linking;
using Coroutines.Generator.Model;
using Coroutines.Generator.Lowering;
using Coroutines.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator;

/// <summary>
/// Rewrites every <c>[Coroutine]</c> method into a state-machine class: parse (symbols to a
/// value-equatable model), lower (flatten into labels and states), emit (write C#).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CoroutineGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                CoroutineParser.CoroutineAttribute,
                static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                static (syntax, ct) => CoroutineParser.Parse(syntax, ct))
            .WithTrackingName(TrackingNames.Parse);

        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (var diagnostic in list)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        // A coroutine that calls one whose state machine is not generated cannot be generated either.
        var notGenerated = parsed
            .Select(static (result, _) => new CallGraphNode(
                result.Key,
                result.Model is null,
                result.Model?.Calls.Select(static c => c.CalleeKey).ToEquatableArray() ?? EquatableArray<string>.Empty))
            .Collect()
            .Select(static (nodes, _) => CallGraph.NotGenerated(nodes))
            .WithTrackingName(TrackingNames.Link);

        var lowered = parsed
            .Where(static result => result.Model is not null)
            .Combine(notGenerated)
            .Select(static (pair, _) => LowerSafely(pair.Left.Model!, pair.Right))
            .WithTrackingName(TrackingNames.Lower);
        context.RegisterSourceOutput(lowered, static (spc, result) =>
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
                spc.ReportDiagnostic(InternalError(result.Lowered.Model, exception).ToDiagnostic());
                return;
            }
            spc.AddSource(result.Lowered.Model.HintName, source);
        });
    }

    // A generator must never throw (CS8785 would drop all its output): a bug in a later step is
    // reported on the method it failed for.
    private static LowerResult LowerSafely(CoroutineModel model, EquatableArray<string> notGenerated)
    {
        try
        {
            var blocked = CallGraph.BlockedCalls(model, notGenerated);
            return blocked.Count > 0 ? new LowerResult(null, blocked) : new LowerResult(Lowerer.Lower(model), EquatableArray<DiagnosticInfo>.Empty);
        }
        catch (Exception exception)
        {
            return new LowerResult(null, new[] { InternalError(model, exception) }.ToEquatableArray());
        }
    }

    private static DiagnosticInfo InternalError(CoroutineModel model, Exception exception) =>
        new(DiagnosticDescriptors.InternalError.Id, model.Method.Location,
            new[] { model.Method.Name, exception.GetType().Name + ": " + exception.Message }.ToEquatableArray());

    private sealed record LowerResult(LoweredCoroutine? Lowered, EquatableArray<DiagnosticInfo> Errors);
}

/// <summary>Names of the pipeline steps, for incremental-caching tests.</summary>
public static class TrackingNames
{
    /// <summary>Symbols and syntax read into a model.</summary>
    public const string Parse = nameof(Parse);

    /// <summary>Diagnostics split from the parse result.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>The coroutines that are not generated, because they fail or call one that does.</summary>
    public const string Link = nameof(Link);

    /// <summary>The model flattened into states and instructions.</summary>
    public const string Lower = nameof(Lower);
}
