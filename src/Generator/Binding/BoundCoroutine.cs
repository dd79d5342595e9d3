using System.Collections.Generic;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// What binding found in one [Coroutine] method: its syntax and symbol, its suspension sites and
/// the suspending calls they make, the locals that live across a suspension, and diagnostics.
/// It holds syntax and symbols, so it only ever passes from binding to lowering inside one
/// pipeline step; <see cref="Syntax"/> is null when the method cannot be bound at all.
/// </summary>
/// <param name="Key">Identifies the method among all coroutines of the compilation (see <see cref="MethodModel.Key"/>).</param>
internal sealed record BoundCoroutine(
    string Key,
    CoroutineSyntax? Syntax,
    IMethodSymbol? Method,
    SemanticModel SemanticModel,
    GeneratedFactoryTypes? Factories,
    SuspensionFinder? Suspensions,
    CaptureWalker? Captures,
    List<DiagnosticInfo> Diagnostics)
{
    /// <summary>For a local function that captures variables of the coroutine around it: what it captures.</summary>
    public LocalFunctionCapture? Capture { get; init; }

    /// <summary>What the body contains, from the one walk over its syntax (null when it was not bound).</summary>
    public BodySyntax? Shape { get; init; }

    /// <summary>Bound without errors: lowering may go on.</summary>
    public bool Succeeded => Syntax is not null && !Diagnostics.Exists(static d => d.IsError);
}
