using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// <c>class D : B, IRunner</c> with a non-virtual [Coroutine] <c>B.Run</c> implementing <c>IRunner.Run</c>: C#
/// maps the interface's method to <c>B.Run</c>, so the interface's factory, which <c>B</c>'s cannot implement
/// (it returns <c>B</c>'s state machine), is implemented explicitly in <c>D</c> by a call of <c>B</c>'s: a call
/// through the interface runs <c>B.Run</c>'s state machine, as <c>await runner.RunAsync()</c> runs <c>B.RunAsync</c>.
/// </summary>
internal static class InheritedFactories
{
    /// <summary>The explicit implementation of <paramref name="coroutine"/>'s factory that calls the factory of <paramref name="implementation"/>.</summary>
    public static ForwardedFactory Forward(INamedTypeSymbol contract, IMethodSymbol coroutine, IMethodSymbol implementation)
    {
        var factory = GeneratedNames.Factory(coroutine.Name);
        var typeParameters = coroutine.TypeParameters.Length == 0 ? "" : $"<{string.Join(", ", coroutine.TypeParameters.Select(static t => SymbolText.Identifier(t.Name)))}>";
        return new ForwardedFactory(
            coroutine.ReturnsVoid ? "global::Coroutines.Coroutine" : $"global::Coroutines.Coroutine<{SymbolText.Type(coroutine.ReturnType)}>",
            SymbolText.Type(contract),
            factory,
            typeParameters,
            string.Join(", ", coroutine.Parameters.Select(static p => $"{RefKindText(p.RefKind)}{SymbolText.Type(p.Type)} {SymbolText.Identifier(p.Name)}")),
            string.Join(", ", coroutine.Parameters.Select(static p => $"{ArgumentKindText(p.RefKind)}{SymbolText.Identifier(p.Name)}")),
            $"// '{SymbolText.MethodNameInType(implementation)}', inherited, implements '{SymbolText.MethodNameInType(coroutine)}' here; its factory returns its own state machine, so the interface's factory is implemented by a call of it: a call from a coroutine through the interface runs that state machine.");
    }

    /// <summary>The part of <paramref name="type"/> (declared by <paramref name="declaration"/>) that implements <paramref name="factories"/>.</summary>
    public static InheritedFactoriesModel Model(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<ForwardedFactory> factories) =>
        new(
            GeneratedNames.HintName(type, GeneratedNames.InheritedFactories, 0),
            CoroutineLowerer.Namespaces(declaration),
            CoroutineLowerer.TypesAround(declaration.AncestorsAndSelf()),
            factories.ToEquatableArray());

    private static string RefKindText(RefKind kind) => kind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        RefKind.RefReadOnlyParameter => "ref readonly ",
        _ => "",
    };

    private static string ArgumentKindText(RefKind kind) => kind switch
    {
        RefKind.Ref or RefKind.RefReadOnlyParameter => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        _ => "",
    };
}
