using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// <c>var</c> locals of generated factories' calls nested two levels deep (<c>var w = WrapCoroutine(WrapCoroutine(EchoCoroutine(5)));</c>:
/// C# infers the outer <c>T</c> as the inner Wrap's class of Echo's class) and of a factory whose return type builds a type
/// from such a type argument (<c>ListedCoroutine(EchoCoroutine(5))</c>, a <c>List&lt;EchoStateMachine&gt;</c>), kept across
/// suspensions, against the method called directly: the fields have the types callers see, so the locals' members read as in the original.
/// </summary>
public sealed class NestedFactoryVarDeepTests
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
            Trace.Log("wrap starts");
            Yield.Await(inner);
            Trace.Log("wrap ends");
            return inner;
        }

        [Coroutine]
        public static List<T> Listed<T>(T value) where T : Coroutine
        {
            Yield.Await(value);
            Trace.Log("listed");
            return new List<T> { value, value };
        }

        [Coroutine]
        public static T[] Both<T>(T first, T second) where T : Coroutine
        {
            Yield.Await(first);
            Yield.Await(second);
            Trace.Log("both");
            return new[] { first, second };
        }

        [Coroutine]
        public static string Deep(int n)
        {
            var wrapped = WrapCoroutine(WrapCoroutine(EchoCoroutine(n)));
            var listed = ListedCoroutine(EchoCoroutine(n + 1));
            var both = BothCoroutine(WrapCoroutine(EchoCoroutine(n + 2)), WrapCoroutine(EchoCoroutine(n + 3)));
            Trace.Log("made");
            Yield.Sleep(1);
            Yield.Await(wrapped);
            Yield.Await(listed);
            Yield.Await(both);
            return $"{wrapped.Result.Result.Result} {listed.Result.Count} {listed.Result[1].Result} {both.Result.Length} {both.Result[0].Result.Result} {both.Result[1].Result.Result}";
        }
        """));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Var_locals_of_factory_calls_nested_deeper_or_built_into_a_type_have_the_types_csharp_infers(int n) =>
        Program.Compare(Programs.StaticType, "Deep", n);
}
