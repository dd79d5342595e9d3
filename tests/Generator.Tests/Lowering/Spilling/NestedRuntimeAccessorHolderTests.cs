using System.Linq;
using System.Text.RegularExpressions;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering.Spilling;

/// <summary>
/// Where a generic type or method is involved and the runtime accessor's signature names a type a file-local
/// class cannot name (private, protected), the accessor is declared in a private class nested in the user's
/// type that can: the innermost around the coroutine that has no type parameters or that the target type is
/// nested in (its type parameters are then the target type's first, as the runtime requires), named after the
/// state machine so that each coroutine of the type has its own, and called with the target type's arguments.
/// The behaviour is in <c>Behaviour/PrivateRuntimeAccessorTests</c>.
/// </summary>
public sealed class NestedRuntimeAccessorHolderTests
{
    private static string Program(string members) => $$"""
        {{Programs.Usings}}

        namespace Demo;

        public static partial class Program
        {
            [Coroutine]
            public static T Fetch<T>(T x)
            {
                Yield.Sleep(1);
                return x;
            }

        {{members}}
        }
        """;

    private static string Generated(GeneratorRun run)
    {
        Assert.Empty(run.CompilationDiagnostics.Where(static d => d.Severity >= DiagnosticSeverity.Warning));
        return string.Join("\n", run.GeneratedSources.Values);
    }

    [Fact]
    public void The_init_accessor_of_a_private_record_in_a_generic_coroutine_is_declared_in_a_class_nested_in_the_users_type()
    {
        var generated = Generated(DiagnosticAssert.DoesNotFire(Program("""
                private record Box(int Size);

                private record Pack<T>(T Tag, int Count) where T : notnull;

                [Coroutine]
                private static int Resize<T>(Box box, T tag) where T : notnull
                {
                    var bigger = box with { Size = Fetch(2) };
                    var pack = new Pack<T>(tag, 0) with { Count = Fetch(3) };
                    return bigger.Size + pack.Count;
                }
            """), "COR0007"));
        Assert.Contains("\n        private static class ResizeStateMachine_Accessor_init_Size\n        {\n", generated);
        Assert.Contains("internal static extern void init_Size(global::Demo.Program.Box target, int value);", generated);
        Assert.Contains("global::Demo.Program.ResizeStateMachine_Accessor_init_Size.init_Size(", generated);
        Assert.Contains("\n        private static class ResizeStateMachine_Accessor_init_Count<T>\n            where T : notnull\n", generated);
        Assert.Contains("global::Demo.Program.ResizeStateMachine_Accessor_init_Count<T>.init_Count(", generated);
        Assert.DoesNotContain("file static class", generated);
    }

    [Fact]
    public void In_a_generic_type_the_holder_is_nested_in_it_and_called_with_the_target_types_arguments()
    {
        var generated = Generated(DiagnosticAssert.DoesNotFire(Program("""
                public partial class Host<X>
                {
                    private record Slot(X Key, int Count);

                    private record Cell<U>(X Key, U Item, int Mark);

                    private sealed class Flag
                    {
                        public bool Value;
                        public static bool operator true(Flag f) => f.Value;
                        public static bool operator false(Flag f) => !f.Value;
                        public static Flag operator &(Flag a, Flag b) => new() { Value = a.Value && b.Value };
                    }

                    [Coroutine]
                    public static int Use(X key)
                    {
                        var slot = new Slot(key, 0) with { Count = Fetch(1) };
                        var other = new Host<int>.Slot(7, 0) with { Count = Fetch(2) };
                        var cell = new Cell<string>(key, "c", 0) with { Mark = Fetch(3) };
                        var flag = new Flag() && Fetch(new Flag());
                        return slot.Count + other.Count + cell.Mark + (flag.Value ? 1 : 0);
                    }

                    public partial class Inner
                    {
                        [Coroutine]
                        public static int Deep<V>(X key, V item)
                        {
                            var cell = new Cell<V>(key, item, 0) with { Mark = Fetch(4) };
                            return cell.Mark;
                        }
                    }
                }
            """), "COR0007"));
        Assert.Contains("internal static extern void init_Count(global::Demo.Program.Host<X>.Slot target, int value);", generated);
        Assert.Contains("global::Demo.Program.Host<X>.UseStateMachine_Accessor_init_Count.init_Count(", generated);
        Assert.Contains("global::Demo.Program.Host<int>.UseStateMachine_Accessor_init_Count.init_Count(", generated);
        Assert.Contains("private static class UseStateMachine_Accessor_init_Mark<U>\n", generated);
        Assert.Contains("global::Demo.Program.Host<X>.UseStateMachine_Accessor_init_Mark<string>.init_Mark(", generated);
        Assert.Contains("global::Demo.Program.Host<X>.UseStateMachine_Accessor_false_Flag.false_Flag(default!, ", generated);
        Assert.Contains("internal static extern bool false_Flag(global::Demo.Program.Host<X>.Flag type, global::Demo.Program.Host<X>.Flag operand);", generated);
        // From the type nested in Host<X>: the holder is nested in Host<X>, which Cell<V> is nested in, named after the path to the state machine.
        Assert.Contains("global::Demo.Program.Host<X>.Inner_DeepStateMachine_Accessor_init_Mark<V>.init_Mark(", generated);
    }

    [Fact]
    public void Each_coroutine_of_a_type_has_its_own_holder_and_a_holder_takes_no_name_of_the_users()
    {
        var generated = Generated(DiagnosticAssert.DoesNotFire(Program("""
                private record Box(int Size);

                private static int OneStateMachine_Accessor_init_Size = 1;

                [Coroutine]
                private static int One<T>(Box box)
                {
                    var bigger = box with { Size = Fetch(2) };
                    return bigger.Size + OneStateMachine_Accessor_init_Size;
                }

                [Coroutine]
                private static int Two<T>(Box box)
                {
                    var bigger = box with { Size = Fetch(3) };
                    return bigger.Size;
                }
            """), "COR0007"));
        Assert.Contains("private static class OneStateMachine_Accessor_init_Size_2\n", generated);
        Assert.Contains("private static class TwoStateMachine_Accessor_init_Size\n", generated);
    }

    [Fact]
    public void A_protected_type_of_a_base_class_is_named_from_a_class_nested_in_the_derived_type()
    {
        var generated = Generated(DiagnosticAssert.DoesNotFire(Program("""
                public class Vault
                {
                    protected record Secret(int Level);
                }

                public sealed partial class Safe : Vault
                {
                    [Coroutine]
                    public static int Open<T>(T tag)
                    {
                        var secret = new Secret(1) with { Level = Fetch(2) };
                        return secret.Level;
                    }
                }
            """), "COR0007"));
        Assert.Contains("global::Demo.Program.Safe.OpenStateMachine_Accessor_init_Level.init_Level(", generated);
    }

    [Fact]
    public void An_override_that_declares_only_a_getter_is_set_through_the_init_accessor_it_inherits()
    {
        var generated = Generated(DiagnosticAssert.DoesNotFire(Program("""
                public record Basic
                {
                    public virtual int X { get; init; }
                }

                public sealed record Doubled : Basic
                {
                    public override int X => base.X * 2;
                }

                [Coroutine]
                public static int Copy(Doubled doubled)
                {
                    var copy = doubled with { X = Fetch(2) };
                    return copy.X;
                }
            """), "COR0007"));
        Assert.Single(Regex.Matches(generated, @"private static extern void init_X\(global::Demo\.Program\.Basic target, int value\);"));
    }
}
