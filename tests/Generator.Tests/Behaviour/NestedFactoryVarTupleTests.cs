using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// <c>var</c> locals of generated factories' calls whose return type builds a tuple from a type argument that C# infers as
/// an inner factory's class (<c>var t = TupledCoroutine(EchoCoroutine(5));</c>: a <c>Coroutine&lt;(EchoStateMachine, int)&gt;</c>):
/// tuples with element names, nested tuples, a nullable tuple and a tuple of a class two levels deep, kept across suspensions,
/// against the method called directly: the fields have the types callers see, so the elements read as in the original.
/// </summary>
public sealed class NestedFactoryVarTupleTests
{
    private static readonly SharedProgram Program = new(Programs.Static("""
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
        public static (T, int) Tupled<T>(T value) where T : Coroutine
        {
            Yield.Await(value);
            Trace.Log("tupled");
            return (value, 1);
        }

        [Coroutine]
        public static (T First, (T Inner, string Label) Tail, List<T> All)? Named<T>(T value, bool some) where T : Coroutine
        {
            Yield.Await(value);
            Trace.Log("named");
            return some ? (value, (value, "label"), new List<T> { value }) : null;
        }

        [Coroutine]
        public static string Tuples(int n)
        {
            var tupled = TupledCoroutine(EchoCoroutine(n));
            var named = NamedCoroutine(EchoCoroutine(n + 1), n > 2);
            var deep = TupledCoroutine(WrapCoroutine(EchoCoroutine(n + 2)));
            Trace.Log("made");
            Yield.Sleep(1);
            Yield.Await(tupled);
            Yield.Await(named);
            Yield.Await(deep);
            var described = named.Result is { } p ? $"{p.First.Result} {p.Tail.Inner.Result} {p.Tail.Label} {p.All.Count}" : "none";
            return $"{tupled.Result.Item1.Result} {tupled.Result.Item2} {described} {deep.Result.Item1.Result.Result} {deep.Result.Item2}";
        }
        """));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Var_locals_of_factories_returning_tuples_of_inferred_classes_have_the_types_csharp_infers(int n) =>
        Program.Compare(Programs.StaticType, "Tuples", n);
}
