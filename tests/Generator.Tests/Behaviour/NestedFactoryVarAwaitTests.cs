using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// <c>var</c> locals of what a nested factory call's coroutine returns (<c>var inner = Yield.Await(wrapped);</c>,
/// <c>var again = wrapped.Result;</c>, where <c>wrapped = WrapCoroutine(EchoCoroutine(5))</c>: C# infers the
/// inner factory's class, <c>EchoStateMachine</c>), kept across suspensions, against the method called directly.
/// </summary>
public sealed class NestedFactoryVarAwaitTests
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
            return (value, 1);
        }

        [Coroutine]
        public static string Awaited(int n)
        {
            var wrapped = WrapCoroutine(EchoCoroutine(n));
            var deep = WrapCoroutine(WrapCoroutine(EchoCoroutine(n + 1)));
            Yield.Sleep(1);
            var inner = Yield.Await(wrapped);
            var middle = Yield.Await(deep);
            var again = wrapped.Result;
            var pair = Yield.Await(TupledCoroutine(EchoCoroutine(n + 2)));
            Trace.Log("awaited");
            Yield.Sleep(1);
            return $"{inner.Result} {again.Result} {middle.Result.Result} {ReferenceEquals(inner, again)} {pair.Item1.Result} {pair.Item2}";
        }
        """));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Var_locals_of_what_a_nested_factorys_coroutine_returns_have_the_types_csharp_infers(int n) =>
        Program.Compare(Programs.StaticType, "Awaited", n);
}
