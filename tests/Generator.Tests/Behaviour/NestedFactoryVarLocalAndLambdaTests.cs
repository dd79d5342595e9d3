using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// <c>var</c> locals of a generated factory's call taking another factory's call and, as another argument, a <c>var</c>
/// local of a factory (<c>var made = EchoCoroutine(1); PickCoroutine(EchoCoroutine(5), made)</c>: C# types <c>made</c> as
/// Echo's class and infers <c>T</c> = that class; also in parentheses, or an extension factory's receiver), a lambda with
/// a block body (its inferred return type, the best common type of all its <c>return</c>s), a lambda whose parameters'
/// types come from the inference (<c>c =&gt; c</c> for a <c>Func&lt;T, T&gt;</c>: read after <c>T</c> is fixed, so no
/// bound) or typed explicitly (an exact bound), or a delegate for an <c>Action&lt;T&gt;</c> (an upper bound), kept across
/// suspensions, against the method called directly. A virtual coroutine's factory returns <c>Coroutine&lt;int&gt;</c>,
/// not its class: C# infers that. Each coroutine logs the type argument it got.
/// </summary>
public sealed class NestedFactoryVarLocalAndLambdaTests
{
    private static readonly SharedProgram Program = new(Programs.Static(NestedFactoryVarOtherArgumentTests.Factories + """
        [Coroutine]
        public static T Wrap<T>(T inner) where T : Coroutine
        {
            Yield.Await(inner);
            Trace.Log($"wrapped {typeof(T).Name}");
            return inner;
        }

        [Coroutine]
        public static T Map<T>(T first, Func<T, T> next) where T : Coroutine
        {
            Yield.Await(first);
            Trace.Log($"mapped {typeof(T).Name}");
            return next(first);
        }

        [Coroutine]
        public static T Apply<T>(T first, Action<T> seen) where T : Coroutine
        {
            Yield.Await(first);
            Trace.Log($"applied {typeof(T).Name}");
            seen(first);
            return first;
        }

        public partial class Source
        {
            [Coroutine]
            public virtual int Value(int n)
            {
                Yield.Sleep(1);
                Trace.Log($"value {n}");
                return n;
            }
        }

        [Coroutine]
        public static string Virtual(int n)
        {
            var source = new Source();
            var made = source.ValueCoroutine(n);
            var picked = PickCoroutine(EchoCoroutine(n + 1), made);
            var wrapped = WrapCoroutine(source.ValueCoroutine(n + 2));
            var both = PickCoroutine(EchoCoroutine(n + 3), source.ValueCoroutine(n + 4));
            Yield.Sleep(1);
            var fromPicked = Yield.Await(picked);
            Yield.Await(wrapped);
            var fromBoth = Yield.Await(both);
            return $"{Yield.Await(fromPicked)} {wrapped.Result.Result} {Yield.Await(fromBoth)}";
        }

        [Coroutine]
        public static string Locals(int n)
        {
            var made = EchoCoroutine(n);
            var picked = PickCoroutine(EchoCoroutine(n + 1), made);
            var alone = WrapCoroutine(made);
            var wrapped = WrapCoroutine(EchoCoroutine(n + 2));
            var pair = PickCoroutine(WrapCoroutine(EchoCoroutine(n + 3)), wrapped);
            var other = EchoCoroutine(n + 4);
            var also = other.AlsoCoroutine(EchoCoroutine(n + 5));
            var parenthesized = PickCoroutine((made), EchoCoroutine(n + 6));
            Trace.Log("made");
            Yield.Sleep(1);
            var fromPicked = Yield.Await(picked);
            int value = Yield.Await(fromPicked);
            Yield.Await(alone);
            var fromPair = Yield.Await(pair);
            Yield.Await(fromPair);
            int fromAlso = Yield.Await(Yield.Await(also));
            int fromParenthesized = Yield.Await(Yield.Await(parenthesized));
            return $"{value} {made.Result} {alone.Result.Result} {fromPair.Result.Result} {wrapped.Result.Result} {picked.GetType().Name} {fromAlso} {fromParenthesized}";
        }

        [Coroutine]
        public static string Lambdas(int n)
        {
            Coroutine<int> lazy = CountCoroutine(n);
            Coroutine<int> counted = CountCoroutine(n + 1);
            Coroutine plain = CountCoroutine(n + 2);
            var fromBlock = MakeCoroutine(EchoCoroutine(n + 3), () =>
            {
                if (n > 2)
                {
                    return lazy;
                }
                return counted;
            });
            var toBase = MakeCoroutine(EchoCoroutine(n + 4), () =>
            {
                if (n > 3)
                {
                    return plain;
                }
                return lazy;
            });
            var mapped = MapCoroutine(EchoCoroutine(n + 5), c => c);
            var applied = ApplyCoroutine(EchoCoroutine(n + 6), c => Trace.Log($"seen {c.Result}"));
            var typed = MapCoroutine(EchoCoroutine(n + 7), (Coroutine<int> c) => c);
            Trace.Log("made");
            Yield.Sleep(1);
            var fromLambda = Yield.Await(fromBlock);
            int lazyValue = Yield.Await(fromLambda);
            Yield.Await(toBase);
            var fromMap = Yield.Await(mapped);
            Yield.Sleep(1);
            var fromApply = Yield.Await(applied);
            var fromTyped = Yield.Await(typed);
            return $"{lazyValue} {toBase.Result.GetType() == plain.GetType()} {fromMap.Result} {fromApply.Result} {mapped.Result.GetType().Name} {fromTyped.Result}";
        }

        [Coroutine]
        public static string Upper(int n)
        {
            Action<Coroutine<int>> log = c => Trace.Log($"logged {c.Result}");
            Action<Coroutine> any = c => Trace.Log($"any {c.GetType().Name}");
            var applied = ApplyCoroutine(EchoCoroutine(n), log);
            var toBase = ApplyCoroutine(EchoCoroutine(n + 1), any);
            Yield.Sleep(1);
            var fromApply = Yield.Await(applied);
            Yield.Await(toBase);
            return $"{fromApply.Result} {toBase.Result.GetType().Name}";
        }
        """));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_var_local_of_a_factory_as_another_argument_is_typed_as_its_class_as_csharp_infers(int n) =>
        Program.Compare(Programs.StaticType, "Locals", n);

    [Theory]
    [InlineData(3)]
    public void A_virtual_coroutines_factory_returns_the_type_callers_see_and_csharp_infers_it(int n) =>
        Program.Compare(Programs.StaticType, "Virtual", n);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Block_bodied_lambdas_and_lambdas_typed_by_the_inference_give_the_types_csharp_infers(int n) =>
        Program.Compare(Programs.StaticType, "Lambdas", n);

    [Theory]
    [InlineData(2)]
    public void A_delegate_for_an_action_of_the_type_argument_gives_an_upper_bound_as_in_csharp(int n) =>
        Program.Compare(Programs.StaticType, "Upper", n);
}
