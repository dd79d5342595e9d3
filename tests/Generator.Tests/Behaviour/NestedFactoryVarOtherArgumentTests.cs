using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// <c>var</c> locals of a generated factory's call that takes another factory's call and also arguments of
/// known types (<c>var p = PickCoroutine(EchoCoroutine(5), made);</c>, <c>made</c> a <c>Coroutine&lt;int&gt;</c>),
/// kept across suspensions, against the method called directly. C# infers each type argument from all the
/// arguments: the inner factory's class converts to <c>Coroutine&lt;int&gt;</c>, nothing converts to the class,
/// so <c>T</c> is <c>Coroutine&lt;int&gt;</c> (also with two classes behind it, a <c>List&lt;T&gt;</c> argument, named
/// arguments out of order, a base type, <c>Coroutine</c>, the value of a lambda, <c>() =&gt; lazy</c> for a <c>Func&lt;T&gt;</c>, the receiver of an extension factory,
/// <c>receiver.AlsoCoroutine(EchoCoroutine(5))</c>);
/// a type argument inferred only from the inner call
/// is still the inner class (<c>Pair</c>'s <c>T</c>).
/// </summary>
public sealed class NestedFactoryVarOtherArgumentTests
{
    /// <summary>
    /// The coroutines the factory calls of these programs make (also NestedFactoryVarLocalAndLambdaTests'): each generic one
    /// logs the type argument it got, so a type argument inferred otherwise than in C# shows in the trace.
    /// </summary>
    internal const string Factories = """
        [Coroutine]
        public static int Echo(int value)
        {
            Yield.Sleep(1);
            Trace.Log($"echo {value}");
            return value;
        }

        [Coroutine]
        public static int Count(int n)
        {
            Yield.Sleep(2);
            Trace.Log($"count {n}");
            return n * 10;
        }

        [Coroutine]
        public static T Pick<T>(T first, T second) where T : Coroutine
        {
            Yield.Await(first);
            Trace.Log($"picked {typeof(T).Name}");
            return second;
        }

        [Coroutine]
        public static T Make<T>(T first, Func<T> second) where T : Coroutine
        {
            Yield.Await(first);
            Trace.Log($"made by the lambda {typeof(T).Name}");
            return second();
        }

        [Coroutine]
        public static T Also<T>(this T first, T second) where T : Coroutine
        {
            Yield.Await(second);
            Trace.Log($"also {typeof(T).Name}");
            return first;
        }

        """;

    private static readonly SharedProgram Program = new(Programs.Static(Factories + """
        [Coroutine]
        public static string Pair<T, U>(T first, U second) where T : Coroutine<int> where U : Coroutine<int>
        {
            int a = Yield.Await(first);
            int b = Yield.Await(second);
            return $"{a}+{b} {typeof(T) == typeof(U)}";
        }

        [Coroutine]
        public static T Last<T>(T first, T second, T third) where T : Coroutine<int>
        {
            int sum = Yield.Await(first) + Yield.Await(second) + Yield.Await(third);
            Trace.Log($"sum {sum}");
            return third;
        }

        [Coroutine]
        public static T Gather<T>(T first, List<T> rest) where T : Coroutine<int>
        {
            int sum = Yield.Await(first);
            foreach (var other in rest)
            {
                sum += Yield.Await(other);
            }
            Trace.Log($"gathered {rest.Count + 1}: {sum}");
            return first;
        }

        [Coroutine]
        public static string Mixed(int n)
        {
            Coroutine<int> made = EchoCoroutine(n);
            var picked = PickCoroutine(EchoCoroutine(n + 1), made);
            Coroutine<int> counted = CountCoroutine(n + 2);
            var pair = PairCoroutine(EchoCoroutine(n + 3), counted);
            Coroutine<int> third = EchoCoroutine(n + 4);
            var last = LastCoroutine(EchoCoroutine(n + 5), CountCoroutine(n + 6), third);
            Coroutine plain = CountCoroutine(n + 7);
            var loose = PickCoroutine(second: plain, first: EchoCoroutine(n + 8));
            Coroutine<int> listed = CountCoroutine(n + 9);
            var gathered = GatherCoroutine(EchoCoroutine(n + 10), new List<Coroutine<int>> { listed });
            Coroutine<int> lazy = CountCoroutine(n + 11);
            var fromLambda = MakeCoroutine(EchoCoroutine(n + 12), () => lazy);
            Coroutine<int> receiver = EchoCoroutine(n + 13);
            var also = receiver.AlsoCoroutine(EchoCoroutine(n + 14));
            Trace.Log("made");
            Yield.Sleep(1);
            var inner = Yield.Await(picked);
            int fromInner = Yield.Await(inner);
            Yield.Sleep(1);
            string both = Yield.Await(pair);
            Yield.Await(last);
            Yield.Await(loose);
            Yield.Await(loose.Result);
            Yield.Await(gathered);
            Yield.Await(fromLambda);
            int lazyValue = Yield.Await(fromLambda.Result);
            Yield.Await(also);
            int alsoValue = Yield.Await(also.Result);
            return $"{fromInner} {picked.Result.Result} {both} {last.Result.Result} {loose.Result.GetType() == plain.GetType()} {gathered.Result.Result} {lazyValue} {alsoValue}";
        }
        """));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Var_locals_of_factories_taking_inner_factory_calls_and_other_arguments_have_the_types_csharp_infers(int n) =>
        Program.Compare(Programs.StaticType, "Mixed", n);
}
