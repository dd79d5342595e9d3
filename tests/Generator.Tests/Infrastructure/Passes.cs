using System.Linq;
using System.Threading;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Lowering;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// Runs single passes of the generator on small inputs, without the generator driver: binding
/// on a compiled method, lowering on what binding returns, and hand-built models for the passes after.
/// </summary>
internal static class Passes
{
    /// <summary>Binds the [Coroutine] method <paramref name="method"/> of <paramref name="source"/> (a file of the test program).</summary>
    public static BoundCoroutine Bind(string source, string method)
    {
        var compilation = GeneratorHarness.CreateCompilation(new[] { new SourceFile(GeneratorHarness.DefaultPath, source) });
        var tree = compilation.SyntaxTrees.First(t => t.FilePath == GeneratorHarness.DefaultPath);
        var syntax = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == method);
        var model = compilation.GetSemanticModel(tree);
        var symbol = model.GetDeclaredSymbol(syntax)!;
        return CoroutineBinder.Bind(syntax, symbol, model, CancellationToken.None);
    }

    /// <summary>Binds, then lowers, <paramref name="method"/>: the model flattening would get.</summary>
    public static CoroutineModel Lower(string source, string method)
    {
        var result = CoroutineLowerer.Lower(Bind(source, method));
        Xunit.Assert.True(result.Model is not null, "lowering failed: " + string.Join("; ", result.Diagnostics.Select(static d => d.Id + " " + string.Join(", ", d.Arguments))));
        return result.Model!;
    }

    /// <summary>A file of the test program with one static [Coroutine] method <c>Run</c>; <paramref name="body"/> is its body.</summary>
    public static string Program(string body, string parameters = "", string returnType = "void") => $$"""
        using System;
        using System.Collections.Generic;
        using Coroutines;

        public static partial class Workers
        {
            [Coroutine]
            public static {{returnType}} Run({{parameters}})
            {
        {{body}}
            }
        }
        """;

    public static EquatableArray<T> Array<T>(params T[] items)
        where T : System.IEquatable<T> => items.ToEquatableArray();

    /// <summary>A hand-built model of a static void method <c>Run</c> with <paramref name="body"/>, for passes after lowering.</summary>
    public static CoroutineModel Method(params Statement[] body) =>
        new(
            "Workers.RunStateMachine.g.cs",
            "Workers.cs",
            EquatableArray<NamespaceModel>.Empty,
            Array("using System;"),
            Array(new TypeModel("class", "Workers", "", true)),
            new MethodModel(
                "Run",
                "Workers.Run()",
                3,
                "public",
                IsStatic: true,
                IsExtension: false,
                ReturnType: null,
                "global::Workers",
                "",
                EquatableArray<string>.Empty,
                EquatableArray<ParameterModel>.Empty,
                "RunStateMachine",
                "RunCoroutine",
                new LocationInfo("Workers.cs", default, default)),
            EquatableArray<FieldModel>.Empty,
            new BlockStatement(body.ToEquatableArray(), 4));

    /// <summary><c>Yield.Sleep(n);</c> as lowering makes it: state <paramref name="state"/>.</summary>
    public static SuspendStatement Sleep(int state, int line) =>
        new(state, EquatableArray<Statement>.Empty, $"global::Coroutines.Suspension.Sleep({state})", null, $"Yield.Sleep({state});", line);

    public static CodeStatement Code(string text, int line) => new(text, line, false, EquatableArray<string>.Empty);
}
