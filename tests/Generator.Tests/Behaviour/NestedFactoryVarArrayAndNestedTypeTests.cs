using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// <c>var</c> locals of generated factories' calls whose return type builds, from a type argument that C# infers as an inner
/// factory's class, a multi-dimensional or jagged array (<c>var g = GridCoroutine(EchoCoroutine(5));</c>: a
/// <c>Coroutine&lt;EchoStateMachine[,]&gt;</c>; <c>T[][,]</c>) or a generic type nested in a generic type (<c>Box&lt;T&gt;.Slot&lt;int&gt;</c>,
/// <c>Dictionary&lt;string, T&gt;.KeyCollection</c>), kept across suspensions, against the method called directly: the fields
/// have the types callers see, so the locals' members read as in the original.
/// </summary>
public sealed class NestedFactoryVarArrayAndNestedTypeTests
{
    private static readonly SharedProgram Program = new(Programs.Static("""
        public sealed class Box<T>
        {
            public sealed class Slot<U>
            {
                public T Held = default!;
                public U Tag = default!;
            }
        }

        [Coroutine]
        public static int Echo(int value)
        {
            Yield.Sleep(1);
            Trace.Log($"echo {value}");
            return value;
        }

        [Coroutine]
        public static T Wrap<T>(T inner) where T : Coroutine
        {
            Yield.Await(inner);
            Trace.Log("wrap ends");
            return inner;
        }

        [Coroutine]
        public static T[,] Grid<T>(T value) where T : Coroutine
        {
            Yield.Await(value);
            Trace.Log("grid");
            return new T[,] { { value, value, value }, { value, value, value } };
        }

        [Coroutine]
        public static T[][,] Jagged<T>(T value) where T : Coroutine
        {
            Yield.Await(value);
            Trace.Log("jagged");
            return new[] { new T[,] { { value } }, new T[,] { { value, value } } };
        }

        [Coroutine]
        public static Box<T>.Slot<int> Slotted<T>(T value) where T : Coroutine
        {
            Yield.Await(value);
            Trace.Log("slotted");
            return new Box<T>.Slot<int> { Held = value, Tag = 7 };
        }

        [Coroutine]
        public static Dictionary<string, T>.KeyCollection Keys<T>(T value) where T : Coroutine
        {
            Yield.Await(value);
            Trace.Log("keys");
            return new Dictionary<string, T> { ["a"] = value, ["b"] = value }.Keys;
        }

        [Coroutine]
        public static string Shapes(int n)
        {
            var grid = GridCoroutine(EchoCoroutine(n));
            var jagged = JaggedCoroutine(WrapCoroutine(EchoCoroutine(n + 1)));
            var slotted = SlottedCoroutine(EchoCoroutine(n + 2));
            var keys = KeysCoroutine(WrapCoroutine(EchoCoroutine(n + 3)));
            Trace.Log("made");
            Yield.Sleep(1);
            Yield.Await(grid);
            Yield.Await(jagged);
            Yield.Await(slotted);
            Yield.Await(keys);
            return $"{grid.Result.Length} {grid.Result.GetLength(1)} {grid.Result[1, 2].Result} " +
                   $"{jagged.Result.Length} {jagged.Result[1].GetLength(1)} {jagged.Result[1][0, 1].Result.Result} " +
                   $"{slotted.Result.Held.Result} {slotted.Result.Tag} {string.Join(",", keys.Result)}";
        }
        """));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Var_locals_of_factories_returning_arrays_and_nested_generic_types_of_inferred_classes_have_the_types_csharp_infers(int n) =>
        Program.Compare(Programs.StaticType, "Shapes", n);
}
