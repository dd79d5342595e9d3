using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Binding;

/// <summary>
/// COR0033 (Binding/FileLocalTypeUses): the generated state machine lives in another file, which
/// cannot see a C# 11 <c>file</c> type, so a coroutine that uses one (a hoisted local, a spilled
/// temporary, a parameter, an anonymous shape or query, a member, its containing type) is refused
/// at the first use of each such type, never turned into generated code that does not compile.
/// C# async accepts all of these: the limit is the generator's. A file-local type the coroutine
/// does not use changes nothing.
/// </summary>
public sealed class FileLocalTypeUsesTests
{
    private const string FileTypes = """
        file sealed class FileBox
        {
            public FileBox(int value) => Value = value;

            public int Value { get; }

            public int Add(int more) => Value + more;
        }

        file sealed class Seq<T>
        {
            private readonly T[] _items;

            public Seq(params T[] items) => _items = items;

            public Seq<R> Select<R>(Func<T, R> map) => new(_items.Select(map).ToArray());

            public Seq<T> Where(Func<T, bool> keep) => new(_items.Where(keep).ToArray());

            public override string ToString() => string.Join(",", _items);
        }

        file static class FileConstants
        {
            public const int Start = 2;
        }

        file static class FileExtensions
        {
            public static int Twice(this int value) => value * 2;
        }
        """;

    private static string Program(string members) => $$"""
        {{Programs.Usings}}
        using System.Linq;

        namespace Demo;

        {{FileTypes}}

        public static partial class Program
        {
            [Coroutine]
            public static int Next(int n)
            {
                Yield.Sleep(n);
                return n;
            }

            private static int Use(object value, int n) => n;

        {{members}}
        }
        """;

    private static string MessageOf(GeneratorRun run) =>
        run.AllDiagnosticsWithAnalyzers.Single(d => d.Id == "COR0033").GetMessage(CultureInfo.InvariantCulture);

    [Theory]
    // A local of a file-local type kept across a suspension, declared by its name or by 'var' (reported at 'var', which stands for the type).
    [InlineData("[|FileBox|] box = new FileBox(1); Yield.Sleep(1); Trace.Log($\"{box.Value}\");", "in its body")]
    [InlineData("[|var|] box = new FileBox(1); Yield.Sleep(1); Trace.Log($\"{box.Value}\");", "in its body")]
    // A spilled temporary: the receiver evaluated before the suspension in its argument.
    [InlineData("Trace.Log($\"{[|new FileBox(2).Add(Next(3))|]}\");", "in its body")]
    [InlineData("Trace.Log($\"{Use([|new FileBox(2)|], Next(3))}\");", "in its body")]
    // An anonymous type kept across a suspension: its shape method would name the member's type.
    [InlineData("[|var|] pair = new { Box = new FileBox(1), N = 2 }; Yield.Sleep(1); Trace.Log($\"{pair.N}\");", "in its body")]
    // A query over a file-local sequence type, whose shape would name Seq<T>.
    [InlineData("[|var|] query = from x in new Seq<int>(Next(1), 2, 3) where x > 1 select new { x, y = x * 2 }; Yield.Sleep(1); Trace.Log($\"{query}\");", "in its body")]
    // A member of a file-local class: an extension method, between suspensions.
    [InlineData("Yield.Sleep(1); Trace.Log($\"{[|3.Twice()|]}\"); Yield.Sleep(1);", "in its body")]
    public void COR0033_at_the_first_use_of_a_file_local_type_in_a_coroutine_body(string body, string where)
    {
        var run = DiagnosticAssert.Fires("COR0033", DiagnosticSeverity.Error, Program($$"""
            [Coroutine]
            public static void Run()
            {
                {{body}}
            }
            """));
        var type = body.Contains("Twice") ? "FileExtensions" : body.Contains("Seq") ? "Seq" : "FileBox";
        Assert.Equal(
            $"Coroutine 'Run' cannot use file-local type '{type}' ({where}): its state machine is generated in another file, which cannot see a 'file' type. Declare '{type}' 'internal' instead of 'file'",
            MessageOf(run));
    }

    [Fact]
    public void COR0033_at_a_parameter_of_a_local_function_coroutine_once_per_type()
    {
        var run = DiagnosticAssert.Fires("COR0033", DiagnosticSeverity.Error, Program("""
            public static void Host()
            {
                [Coroutine]
                static int Twice([|FileBox|] box)
                {
                    Yield.Sleep(1);
                    return box.Value * 2;
                }
            }
            """));
        Assert.Equal(
            "Coroutine 'Twice' cannot use file-local type 'FileBox' (in the type of its parameter 'box'): its state machine is generated in another file, which cannot see a 'file' type. Declare 'FileBox' 'internal' instead of 'file'",
            MessageOf(run));
    }

    [Fact]
    public void COR0033_at_a_parameters_default_value_that_names_a_file_local_type()
    {
        var run = DiagnosticAssert.Fires("COR0033", DiagnosticSeverity.Error, Program("""
            [Coroutine]
            public static int Run(int n = [|FileConstants.Start|])
            {
                Yield.Sleep(n);
                return n;
            }
            """));
        Assert.Equal(
            "Coroutine 'Run' cannot use file-local type 'FileConstants' (in the default value of its parameter 'n'): its state machine is generated in another file, which cannot see a 'file' type. Declare 'FileConstants' 'internal' instead of 'file'",
            MessageOf(run));
    }

    [Fact]
    public void COR0033_at_a_type_parameter_constraint_of_a_local_function_coroutine()
    {
        var run = DiagnosticAssert.Fires("COR0033", DiagnosticSeverity.Error, Program("""
            public static void Host()
            {
                [Coroutine]
                static int Read<T>(T box)
                    [|where T : IEnumerable<FileBox>|]
                {
                    Yield.Sleep(1);
                    return 1;
                }
            }
            """));
        Assert.Equal(
            "Coroutine 'Read' cannot use file-local type 'FileBox' (in the constraints of its type parameter 'T'): its state machine is generated in another file, which cannot see a 'file' type. Declare 'FileBox' 'internal' instead of 'file'",
            MessageOf(run));
    }

    [Fact]
    public void COR0033_at_a_local_function_coroutine_returning_a_file_local_type()
    {
        DiagnosticAssert.Fires("COR0033", DiagnosticSeverity.Error, Program("""
            public static void Host()
            {
                [Coroutine]
                static [|FileBox|] Boxed()
                {
                    Yield.Sleep(1);
                    return new FileBox(1);
                }
            }
            """));
    }

    [Fact]
    public void COR0033_at_a_coroutine_of_a_file_local_type()
    {
        var run = DiagnosticAssert.Fires("COR0033", DiagnosticSeverity.Error, $$"""
            {{Programs.Usings}}

            namespace Demo;

            file static partial class Helpers
            {
                [Coroutine]
                public static int [|Run|](int n)
                {
                    Yield.Sleep(n);
                    return n;
                }
            }
            """);
        Assert.Equal(
            "Coroutine 'Run' cannot use file-local type 'Helpers' (as its containing type): its state machine is generated in another file, which cannot see a 'file' type. Declare 'Helpers' 'internal' instead of 'file'",
            MessageOf(run));
    }

    [Fact]
    public void A_file_local_type_the_coroutine_does_not_use_changes_nothing()
    {
        var run = DiagnosticAssert.DoesNotFire(Program("""
            public static int Outside() => new FileBox(4).Add(1).Twice();

            [Coroutine]
            public static int Run()
            {
                var sum = Next(1) + Outside();
                Yield.Sleep(1);
                return sum;
            }
            """), "COR0033");
        Assert.DoesNotContain(run.AllDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }
}
