using System.Collections.Generic;
using System.Text;
using Coroutines.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coroutines.Benchmarks;

/// <summary>The generator benchmarks' input: files of [Coroutine] workers, and how they are compiled and driven.</summary>
public static class GeneratorInput
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly MetadataReference[] References =
        [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(Coroutine).Assembly.Location)];

    public static CSharpCompilation Compilation(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(
            "GeneratorBenchmarkInput",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A new driver with a new generator, as a build does: nothing cached.</summary>
    public static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new CoroutineGenerator().AsSourceGenerator()], parseOptions: ParseOptions);

    /// <summary>
    /// <paramref name="methods"/> workers numbered from <c>file * methods</c>, each a loop with three
    /// sleeps; <paramref name="member"/> (if given) is declared after the first
    /// <paramref name="memberAfter"/> workers.
    /// </summary>
    public static string WorkerFile(int file, int methods, string? member = null, int memberAfter = 0)
    {
        var text = new StringBuilder();
        text.AppendLine("using System;");
        text.AppendLine("using Coroutines;");
        text.AppendLine();
        text.AppendLine("namespace Input;");
        text.AppendLine();
        text.AppendLine($"public static partial class Workers{file}");
        text.AppendLine("{");
        text.AppendLine("    public static int Seen;");
        for (var m = 0; m < methods; m++)
        {
            if (member is not null && m == memberAfter)
            {
                text.AppendLine(member);
            }
            var k = (file * methods) + m;
            text.AppendLine($$"""
                    [Coroutine]
                    public static int Worker{{k}}(int n, int delay)
                    {
                        int total = {{k}};
                        for (int i = 0; i < n; i++)
                        {
                            total += i * {{(k % 7) + 1}};
                            if (total % 3 == 0)
                            {
                                Yield.Sleep(delay);
                            }
                            else
                            {
                                Yield.Sleep(TimeSpan.FromMilliseconds(delay + {{m}}));
                            }
                            Seen++;
                        }
                        while (total > 100)
                        {
                            total -= 7;
                            Yield.Sleep(0);
                        }
                        return total;
                    }

                """);
        }
        text.AppendLine("}");
        return text.ToString();
    }
}
