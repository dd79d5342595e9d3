using System.IO;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// A class of another assembly that overrides a virtual coroutine (or implements an interface
/// coroutine): a [Coroutine] override's factory overrides the referenced assembly's factory (the
/// generated code compiles, warning-free); a plain override is COR0032 there too, since the
/// analyzer ships with the generator.
/// </summary>
public sealed class CrossAssemblyOverrideTests
{
    private const string Library = """
        using Coroutines;

        namespace Zoo;

        public partial class Animal
        {
            [Coroutine]
            public virtual int Speak(int times)
            {
                Yield.Sleep(times);
                return times;
            }
        }

        public partial interface IKeeper
        {
            [Coroutine]
            int Feed(int portions);
        }
        """;

    private static MetadataReference CompileLibrary()
    {
        var run = GeneratorHarness.Run(("Animals.cs", Library));
        run.AssertNoErrorsOrWarnings();
        using var image = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    private static GeneratorRun RunApp(string source) =>
        GeneratorHarness.Run(CSharpCompilation.Create(
            "App",
            [GeneratorHarness.Parse(new SourceFile("Dogs.cs", source))],
            [.. GeneratorHarness.References, CompileLibrary()],
            GeneratorHarness.CompilationOptions));

    [Fact]
    public void A_coroutine_override_in_another_assembly_overrides_the_factory()
    {
        var run = RunApp("""
            using Coroutines;

            namespace App;

            public partial class Dog : Zoo.Animal, Zoo.IKeeper
            {
                [Coroutine]
                public override int Speak(int times)
                {
                    Yield.Sleep(1);
                    return times + 1;
                }

                [Coroutine]
                int Zoo.IKeeper.Feed(int portions)
                {
                    Yield.Sleep(portions);
                    return portions;
                }

                [Coroutine]
                public int Chorus(Zoo.Animal other, Zoo.IKeeper keeper) => other.Speak(2) + keeper.Feed(1);
            }
            """);

        run.AssertNoErrorsOrWarnings();
        Assert.Empty(run.AnalyzerDiagnostics.Where(d => d.Id.StartsWith("COR", System.StringComparison.Ordinal)));
        Assert.Contains("public override global::Coroutines.Coroutine<int> SpeakCoroutine(int times)", run.GeneratedSource("App.Dog.SpeakStateMachine.g.cs"));
        Assert.Contains("global::Coroutines.Coroutine<int> global::Zoo.IKeeper.FeedCoroutine(int portions)", run.GeneratedSource("App.Dog.IKeeper_FeedStateMachine.g.cs"));
    }

    [Fact]
    public void A_plain_override_in_another_assembly_is_COR0032()
    {
        var run = RunApp("""
            namespace App;

            public partial class Dog : Zoo.Animal
            {
                public override int Speak(int times) => times + 1;
            }
            """);

        var found = Assert.Single(run.AnalyzerDiagnostics, d => d.Id == "COR0032");
        Assert.Equal("Dogs.cs", found.Location.GetLineSpan().Path);
        Assert.Equal(4, found.Location.GetLineSpan().StartLinePosition.Line);
    }
}
