using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering.Spilling;

/// <summary>
/// A <c>with</c> expression that sets an init-only property after a suspension: the state machine
/// calls the init accessor through an <c>[UnsafeAccessor]</c> method of its own; where the runtime
/// cannot bind one (a generic type or method) or would call it non-virtually (a virtual accessor),
/// COR0007 says so, at the suspension, and the method is not generated. The behaviour is in
/// <c>Behaviour/WithCopyOrderTests</c>.
/// </summary>
public sealed class WithInitAccessorTests
{
    private static string Program(string members) => $$"""
        {{Programs.Usings}}

        namespace Demo;

        public static partial class Program
        {
            [Coroutine]
            public static int Fetch(int x)
            {
                Yield.Sleep(1);
                return x;
            }

        {{members}}
        }
        """;

    [Fact]
    public void The_init_accessor_is_declared_once_per_member_with_the_runtimes_accessor_attribute()
    {
        var run = DiagnosticAssert.DoesNotFire(Program("""
                public record Box(int Width, int Height);

                [Coroutine]
                public static string Resize(Box box)
                {
                    var wider = box with { Width = Fetch(2), Height = 3 };
                    var taller = box with { Height = Fetch(4) };
                    var both = box with { Height = Fetch(5), Width = Fetch(6) };
                    return $"{wider} {taller} {both}";
                }
            """), "COR0007");
        var generated = string.Join("\n", run.GeneratedSources.Values);
        Assert.Contains("UnsafeAccessorKind.Method, Name = \"set_Height\")]\n", generated);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(generated, @"static extern void init_Height\(global::Demo\.Program\.Box target, int value\);"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(generated, @"static extern void init_Width\("));
        Assert.Contains("init_Height(box_before", generated);
        Assert.Empty(run.CompilationDiagnostics.Where(static d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void COR0007_an_init_only_property_of_a_generic_record_set_after_a_suspension()
    {
        var run = DiagnosticAssert.Fires("COR0007", DiagnosticSeverity.Error, Program("""
                public record Box<T>(T Content, int Size);

                [Coroutine]
                public static int Resize(Box<string> box)
                {
                    var bigger = box with { Size = [|Fetch(2)|] };
                    return bigger.Size;
                }
            """));
        Assert.Contains(
            "a 'with' expression that sets the init-only property 'Size' after it, in a generic type or method",
            run.GeneratorDiagnostics.First(static d => d.Id == "COR0007").GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void COR0007_a_virtual_init_accessor_set_after_a_suspension()
    {
        var run = DiagnosticAssert.Fires("COR0007", DiagnosticSeverity.Error, Program("""
                public record Box
                {
                    public virtual int Size { get; init; }
                }

                [Coroutine]
                public static int Resize(Box box)
                {
                    var bigger = box with { Size = [|Fetch(2)|] };
                    return bigger.Size;
                }
            """));
        Assert.Contains(
            "the init-only property 'Size' after it, whose accessor is virtual",
            run.GeneratorDiagnostics.First(static d => d.Id == "COR0007").GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
