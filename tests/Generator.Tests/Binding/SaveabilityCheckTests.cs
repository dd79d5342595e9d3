using System;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Binding;

/// <summary>
/// COR0030 and COR0031: the compile-time checks of <c>[Coroutine(Saveable = true)]</c>
/// (Binding/SaveabilityCheck). COR0030 points at the local, parameter or foreach and names the
/// suspension it lives across; COR0031 at the method name.
/// </summary>
public sealed class SaveabilityCheckTests
{
    private static string Program(string members, string typeHeader = "public static partial class Program") => $$"""
        {{Programs.Usings}}
        using System.IO;
        using System.Threading.Tasks;
        using Coroutines.Snapshots;

        namespace Demo;

        {{typeHeader}}
        {
        {{members}}
        }
        """;

    [Theory]
    [InlineData("Func<int>")]
    [InlineData("Task")]
    [InlineData("Stream")]
    [InlineData("object")]
    [InlineData("List<Action>")]
    [InlineData("IEnumerator<int>")]
    public void COR0030_a_hoisted_local_whose_type_cannot_be_saved(string type)
    {
        var run = DiagnosticAssert.Fires("COR0030", DiagnosticSeverity.Error, Program($$"""
                [Coroutine(Saveable = true)]
                public static void Run({{type}} keep)
                {
                    {{type}} [|held = keep|];
                    Yield.Sleep(1);
                    Console.WriteLine(held);
                }
            """.Replace("Run(" + type + " keep)", "Run(int unused)").Replace("= keep", "= default!")));
        var message = Assert.Single(run.DiagnosticsById("COR0030")).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'held'", message, StringComparison.Ordinal);
        Assert.True(message.Contains("lives across the suspension `Yield.Sleep(1)` (line 17)", StringComparison.Ordinal), message);
        Assert.Contains("Rebuilt<T>", message, StringComparison.Ordinal);
    }

    [Fact]
    public void COR0030_a_parameter_and_a_foreach_whose_body_suspends()
    {
        DiagnosticAssert.Fires("COR0030", DiagnosticSeverity.Error, Program("""
                [Coroutine(Saveable = true)]
                public static void Run([|Action done|], List<int> items)
                {
                    [|foreach (var item in items)
                    {
                        Yield.Sleep(item);
                    }|]
                    done();
                }
            """));
    }

    [Fact]
    public void COR0030_does_not_fire_for_saveable_types_nor_without_Saveable()
    {
        DiagnosticAssert.DoesNotFire(Program("""
                [Coroutine(Saveable = true)]
                public static int Run(string name, List<int> items, int[] more, Dictionary<string, long> map, Rebuilt<Stream> file, DateTime? when)
                {
                    int total = 0;
                    for (int i = 0; i < items.Count; i++)
                    {
                        Yield.Sleep(items[i]);
                        total += items[i] + more.Length + map.Count;
                    }
                    return total;
                }

                [Coroutine]
                public static void NotSaveable(Action done)
                {
                    Func<int> f = () => 1;
                    Yield.Sleep(1);
                    done();
                }
            """), "COR0030", "COR0031");
    }

    [Fact]
    public void COR0031_a_generic_coroutine()
    {
        DiagnosticAssert.Fires("COR0031", DiagnosticSeverity.Error, Program("""
                [Coroutine(Saveable = true)]
                public static void [|Run|]<T>(int n)
                {
                    Yield.Sleep(n);
                }
            """));
    }

    [Fact]
    public void COR0031_a_coroutine_inside_a_private_type()
    {
        DiagnosticAssert.Fires("COR0031", DiagnosticSeverity.Error, Program("""
                private static partial class Hidden
                {
                    [Coroutine(Saveable = true)]
                    public static void [|Run|](int n)
                    {
                        Yield.Sleep(n);
                    }
                }
            """));
    }
}
