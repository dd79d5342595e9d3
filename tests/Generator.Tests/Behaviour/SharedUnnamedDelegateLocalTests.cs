using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A <c>[Coroutine]</c> local function that shares a local of the method around it whose type is the delegate type C# made
/// for a lambda (<c>var f = (ref int y) =&gt; y += 1;</c>), and whose own code makes lambdas of that type or keeps values
/// of it across its own suspensions (<c>var g = f;</c>, <c>g = (ref int y) =&gt; y * 2;</c>, a <c>Tuple</c> of it): its state
/// machine, nested in that method's, uses the delegate type that one declares, so the values of both mean the same; one
/// nested a level further uses it too; a type whose signature holds an anonymous type is kept through a lambda of that
/// signature in both. A shared local of an anonymous type (or one holding one: a <c>List</c>, a <c>Dictionary</c>) is read back
/// through the shape of the state machine that keeps it, its shape methods named through that one. The two programs run against the direct call and the C# <c>async</c> twin (<see cref="AsyncTwin"/>); the last two facts check the generated text and that it compiles warning-free.
/// </summary>
public sealed class SharedUnnamedDelegateLocalTests
{
    // The async twin is the same text with `await Task.Yield()` for each sleep and `await` for each call of a local function.
    private const string Methods = """
        public static string MakesAndKeeps(int start)
        {
            var f = (ref int y, int by = 1) => y += by;
            var shape = (ref int y) => new { Y = y };
            int n = start;
            Yield.Sleep(1);
            Step(2);
            Trace.Log($"after step {n} {f(ref n)} {shape(ref n).Y}");
            Yield.Sleep(1);
            Step(3);
            return $"{n} {f(ref n, 100)}";

            [Coroutine]
            void Step(int times)
            {
                var g = f;
                var made = (ref int y, int by = 1) => y *= by + 1;
                var kept = Tuple.Create(f, made);
                var seen = shape;
                Yield.Sleep(1);
                g(ref n, times);
                made(ref n);
                g = made;
                g += f;
                Yield.Sleep(1);
                g(ref n, times);
                f = made;
                shape = (ref int y) => new { Y = y * 10 };
                Trace.Log($"step {times}: {n} {kept.Item1 == kept.Item2} {seen(ref n)} {g.GetInvocationList().Length}");
                Deeper();

                [Coroutine]
                void Deeper()
                {
                    var h = kept.Item2;
                    Yield.Sleep(1);
                    h(ref n, times);
                    Trace.Log($"deeper {n} {h == made}");
                }
            }
        }

        public static string SharesAnonymousLocals(int start)
        {
            var p = new { A = start, Name = "p" };
            var list = new[] { new { A = 1 } }.ToList();
            var map = new[] { new { A = 1 } }.ToDictionary(x => x.A);
            int n = 0;
            Yield.Sleep(1);
            Step();
            Yield.Sleep(1);
            return $"{n} {p} {list.Count} {list[1].A} {map.Count} {map[p.A]}";

            [Coroutine]
            void Step()
            {
                var q = p;
                Yield.Sleep(1);
                p = new { A = q.A + 1, Name = "step" };
                list.Add(new { A = p.A * 2 });
                map[p.A] = list[1];
                n += list.Count;
                Trace.Log($"{p.A} {q} {map.Keys.Sum()}");
            }
        }

        """;

    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(
        Methods.Replace("public static string ", "[Coroutine]\npublic static string ") + Twin(Methods)));

    private static string Twin(string methods) =>
        methods.Replace("Yield.Sleep(1);", "await Task.Yield();")
            .Replace("[Coroutine]\n", "")
            .Replace("    Step(", "    await Step(")
            .Replace(" Deeper();", " await Deeper();")
            .Replace("void Step(", "async Task Step(")
            .Replace("void Deeper(", "async Task Deeper(")
            .Replace("public static string MakesAndKeeps(", "public static async Task<string> MakesAndKeepsAsync(")
            .Replace("public static string SharesAnonymousLocals(", "public static async Task<string> SharesAnonymousLocalsAsync(");

    [Theory]
    [InlineData(1)]
    [InlineData(-3)]
    public void A_local_function_coroutine_makes_and_keeps_values_of_the_shared_locals_delegate_type(int start) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "MakesAndKeeps", start);

    [Theory]
    [InlineData(4)]
    public void A_local_function_coroutine_reads_and_writes_shared_locals_of_anonymous_types(int start) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "SharesAnonymousLocals", start);

    [Fact]
    public void The_nested_state_machines_use_the_delegate_type_the_outer_one_declares()
    {
        var generated = string.Join("\n", Program.Program.Run.GeneratedSources.Where(s => s.Key.Contains("MakesAndKeeps")).Select(s => s.Value));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(generated, @"private delegate int Delegate_f\(ref int arg1, int arg2 = 1\);"));
        Assert.DoesNotContain("private delegate int Delegate_g", generated);
        Assert.Contains("private Delegate_f? g = default!;", generated);
        Assert.Contains("private global::System.Tuple<Delegate_f, Delegate_f>? kept = default!;", generated);
    }

    /// <summary>A method group of the shared local's type in a statement split around a suspension, its value not kept.</summary>
    [Fact]
    public void A_local_function_coroutine_that_passes_a_method_group_of_such_a_shared_locals_type_compiles_warning_free() =>
        GeneratorHarness.Run($$"""
            {{Programs.Usings}}

            namespace Demo;

            public static partial class Program
            {
                [Coroutine]
                private static int Later(int value)
                {
                    Yield.Sleep(1);
                    return value;
                }

                private static int Bump(ref int y) => y += 1;

                private static int Use<T>(T value, int times) => times;

                [Coroutine]
                public static void Run()
                {
                    int n = 1;
                    var f = (ref int y) => y += 1;
                    Yield.Sleep(1);
                    Step();
                    Trace.Log($"{n}");

                    [Coroutine]
                    void Step()
                    {
                        Trace.Log($"{Use(Bump, Later(1))}");
                        f(ref n);
                    }
                }
            }
            """).AssertNoErrorsOrWarnings();
}
