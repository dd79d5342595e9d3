using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A <c>var</c> local of a generated factory's call whose argument is another factory's call
/// (<c>var w = WrapCoroutine(EchoCoroutine(5));</c>), kept across suspensions, against the method
/// called directly: C# infers <c>Wrap</c>'s type argument from the class <c>EchoCoroutine</c>
/// returns (Echo's state machine), and the generated field has the type callers see,
/// <c>Coroutine&lt;EchoStateMachine&gt;</c>, so the local's members read as in the original; two
/// type arguments inferred from two inner factories the same way.
/// </summary>
public sealed class NestedFactoryVarTests
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
        public static T Wrap<T>(T inner) where T : Coroutine<int>
        {
            Trace.Log("wrap starts");
            int value = Yield.Await(inner);
            Trace.Log($"wrap got {value}");
            return inner;
        }

        [Coroutine]
        public static string Pair<T, U>(T first, U second) where T : Coroutine<int> where U : Coroutine<string>
        {
            int a = Yield.Await(first);
            string b = Yield.Await(second);
            return $"{a} {b}";
        }

        [Coroutine]
        public static string Name(int n)
        {
            Yield.Sleep(2);
            return "n" + n;
        }

        [Coroutine]
        public static string Nested(int n)
        {
            var wrapped = WrapCoroutine(EchoCoroutine(n));
            var pair = PairCoroutine(EchoCoroutine(n + 1), NameCoroutine(n));
            Trace.Log("made");
            Yield.Sleep(1);
            int result = Yield.Await(wrapped).Result;
            Yield.Sleep(1);
            string both = Yield.Await(pair);
            return $"{result + wrapped.Result.Result} {both} {pair.Result}";
        }
        """));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_var_local_of_a_factory_call_taking_another_factorys_call_has_the_type_csharp_infers(int n) =>
        Program.Compare(Programs.StaticType, "Nested", n);
}
