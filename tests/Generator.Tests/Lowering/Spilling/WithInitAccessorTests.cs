using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering.Spilling;

/// <summary>
/// A <c>with</c> expression that sets an init-only property after a suspension: the state machine
/// calls the init accessor through an <c>[UnsafeAccessor]</c> method of its own, or, where a generic
/// type or method is involved, of a file-local class with the record's type parameters (or, for a private record,
/// a private class nested in the user's type: <c>NestedRuntimeAccessorHolderTests</c>); where no such class can
/// name the record (a protected record of a base class in a generic derived type), COR0007 says so, at the
/// suspension, and the method is not generated.
/// The behaviour is in <c>Behaviour/WithCopyOrderTests</c> and <c>Behaviour/GenericRuntimeAccessorTests</c>.
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
    public void The_init_accessor_of_a_generic_record_is_declared_in_a_file_local_class_with_the_records_type_parameters()
    {
        var run = DiagnosticAssert.DoesNotFire(Program("""
                public record Box<T>(T Content, int Size) where T : notnull;

                [Coroutine]
                public static int Resize<U>(Box<string> box, Box<U> other) where U : notnull
                {
                    var bigger = box with { Size = Fetch(2) };
                    var wider = other with { Size = Fetch(3) };
                    return bigger.Size + wider.Size;
                }
            """), "COR0007");
        var generated = string.Join("\n", run.GeneratedSources.Values);
        Assert.Contains("file static class Accessor_init_Size<T>\n    where T : notnull\n", generated);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(generated, @"internal static extern void init_Size\(global::Demo\.Program\.Box<T> target, int value\);"));
        Assert.Contains("Accessor_init_Size<string>.init_Size(", generated);
        Assert.Contains("Accessor_init_Size<U>.init_Size(", generated);
        Assert.Empty(run.CompilationDiagnostics.Where(static d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_virtual_init_accessor_set_after_a_suspension_is_called_through_the_runtimes_accessor()
    {
        var run = DiagnosticAssert.DoesNotFire(Program("""
                public record Box
                {
                    public virtual int Size { get; init; }
                }

                [Coroutine]
                public static int Resize(Box box)
                {
                    var bigger = box with { Size = Fetch(2) };
                    return bigger.Size;
                }
            """), "COR0007");
        Assert.Contains("init_Size(box_before", string.Join("\n", run.GeneratedSources.Values));
        Assert.Empty(run.CompilationDiagnostics.Where(static d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void COR0007_an_init_only_property_of_a_protected_record_set_after_a_suspension_in_a_generic_derived_type()
    {
        var run = DiagnosticAssert.Fires("COR0007", DiagnosticSeverity.Error, Program("""
                public class Vault
                {
                    protected record Box(int Size);
                }

                public partial class Safe<T> : Vault
                {
                    [Coroutine]
                    private static int Resize(Box box, T tag)
                    {
                        var bigger = box with { Size = [|Fetch(2)|] };
                        return bigger.Size;
                    }
                }
            """));
        Assert.Contains(
            "a 'with' expression that sets the init-only property 'Size' after it, in a generic type or method, where the generated code declares its [UnsafeAccessor] in a class whose type parameters are exactly those of 'Box', and no such class can name 'Box', which is not internal or public (make 'Box' internal)",
            run.GeneratorDiagnostics.First(static d => d.Id == "COR0007").GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
