using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// <c>var</c> locals whose type C# infers from a generated class where the type callers see (<c>Coroutine&lt;int&gt;</c>) would give
/// another: an ordinary generic method given a <c>var</c> local of a factory (<c>F(one)</c>: Echo's class; <c>L(one)</c>: a list of
/// it), an implicitly typed array or a tuple of one, such a value given to a factory (<c>PickCoroutine(EchoCoroutine(2), F(one))</c>);
/// a conditional of such a local and a value of another type given to a factory (<c>n &gt; 2 ? one : made</c>: its type,
/// <c>Coroutine&lt;int&gt;</c>); a lambda or a method group whose parameters' types C# fixes from an inner factory call's class
/// (<c>seed =&gt; seed</c>, <c>U</c> = Echo's class) or from another lambda's value. Kept across a suspension, against the direct call
/// and the C# <c>async</c> twin, which C# itself types: each logs the type a generic method infers from the local
/// (<c>Name(f)</c>: the local's own type) and the class a factory made (its type arguments). A <c>foreach</c> that suspends over
/// a collection so typed (<c>items</c> of <c>L(one)</c>, <c>new[] { two, one }</c>, <c>L(one)</c> itself) keeps its enumerator
/// and its iteration variable with the types C# gives them (<c>List&lt;EchoStateMachine&gt;.Enumerator</c>, Echo's class), and so do
/// the variables of a deconstruction it loops into (<c>var (item, count)</c>, <c>(var item, var count)</c>, nested).
/// </summary>
public sealed class NestedFactoryVarStandInTests
{
    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(NestedFactoryVarOtherArgumentTests.Factories + NestedFactoryVarExpressionTests.FromAndMade + """
        [Coroutine]
        public static T Chain<T, U>(T first, Func<U> make, Func<U, T> then) where T : Coroutine
        {
            Yield.Await(first);
            return then(make());
        }

        [Coroutine]
        public static T Held<T>(T value)
        {
            Yield.Sleep(1);
            return value;
        }

        public static T F<T>(T value) => value;

        /// <summary>The result type C# infers from <paramref name="made"/> (it is never run: reading its result would throw).</summary>
        public static string ResultType<X>(Coroutine<X> made) => typeof(X).Name;

        public static List<T> L<T>(T value) => new() { value };

        public static T First<T>(List<T> values) => values[0];

        public static Coroutine<int> Twice(Coroutine<int> c) => c;

        /// <summary>The type C# infers for <typeparamref name="T"/> from <paramref name="value"/>: the static type of the local passed.</summary>
        public static string Name<T>(T value) => typeof(T).Name + (value is System.Collections.IEnumerable all ? "[" + string.Join(", ", all.Cast<object>().Select(static v => v.GetType().Name)) + "]" : "");
        """ + NestedFactoryVarExpressionTests.WithTwin("Generic", """
    var one = EchoCoroutine(n);
    var f = F(one);
    var l = L(one);
    var again = F(F(EchoCoroutine(n + 1)));
    var first = First(L(f));
    var name = Name(one);
    var all = new[] { one, f };
    var pair = (one, 2);
    var later = () => one;
    var value = Name(one).Length;
    var handle = EchoCoroutine(value);
    var picked = PickCoroutine(EchoCoroutine(n + 2), F(one));
    var listed = PickCoroutine(EchoCoroutine(n + 3), First(l));
    {Suspend}
    return $"{Name(f)} {Name(l)} {Name(again)} {Name(first)} {name} {Name(all)} {Name(pair)} {Name(pair.one)} {pair.Item2} {Made(picked)} {Name(picked)} {Made(listed)} {Name(listed)} {f == one} {l[0] == one} {Name(later)} {Name(later())} {Name(handle)} {value}";
    """) + NestedFactoryVarExpressionTests.WithTwin("Mixed", """
    var one = EchoCoroutine(n);
    Coroutine<int> made = CountCoroutine(n + 1);
    var picked = PickCoroutine(EchoCoroutine(n + 2), n > 2 ? one : made);
    var made2 = MakeCoroutine(EchoCoroutine(n + 3), () => n > 2 ? made : one);
    var switched = n switch { 1 => one, _ => made };
    var either = one ?? made;
    {Suspend}
    return $"{Made(picked)} {Name(picked)} {Made(made2)} {Name(made2)} {Name(switched)} {Name(either)} {either == one} {switched == made}";
    """) + NestedFactoryVarExpressionTests.WithTwin("FixedFromAClass", """
    var one = EchoCoroutine(n);
    var from = FromCoroutine(EchoCoroutine(n + 1), EchoCoroutine(n + 2), seed => seed);
    var grouped = FromCoroutine(EchoCoroutine(n + 3), EchoCoroutine(n + 4), Twice);
    var chained = ChainCoroutine(EchoCoroutine(n + 5), () => one, u => u);
    var counted = ChainCoroutine(EchoCoroutine(n + 6), () => CountCoroutine(n), u => (Coroutine<int>)u);
    {Suspend}
    return $"{Made(from)} {Name(from)} {Made(grouped)} {Name(grouped)} {Made(chained)} {Name(chained)} {Made(counted)} {Name(counted)}";
    """) + NestedFactoryVarExpressionTests.WithTwin("Looped", """
    var one = EchoCoroutine(n);
    IEnumerable<Coroutine<int>> items = L(one);
    var names = "";
    foreach (var item in items)
    {
        {Suspend}
        names += $"{Name(item)} {item == one} ";
    }
    return names;
    """) + NestedFactoryVarExpressionTests.WithTwin("LoopedInferred", """
    var one = EchoCoroutine(n);
    var two = EchoCoroutine(n + 1);
    var items = L(one);
    items.Add(two);
    var names = "";
    foreach (var item in items)
    {
        {Suspend}
        names += $"{Name(item)} {Made(item)} {item == one} ";
    }
    foreach (var item in new[] { two, one })
    {
        {Suspend}
        names += $"{Name(item)} {item == one} ";
    }
    foreach (var item in L(one))
    {
        {Suspend}
        names += $"{Name(item)} {item == one} ";
    }
    foreach (Coroutine<int> item in L(two))
    {
        {Suspend}
        names += $"{Name(item)} {item == one} ";
    }
    foreach (var pair in L((one, n)))
    {
        {Suspend}
        names += $"{Name(pair)} {Name(pair.one)} {pair.one == one} {pair.Item2} ";
    }
    return names + Name(items);
    """) + NestedFactoryVarExpressionTests.WithTwin("LoopedDeconstructed", """
    var one = EchoCoroutine(n);
    var two = EchoCoroutine(n + 1);
    var names = "";
    foreach (var (item, count) in L((one, 2)))
    {
        {Suspend}
        names += $"{Name(item)} {Made(item)} {Name(count)} {item == one} {count} ";
    }
    foreach ((var item, var count) in new[] { (two, n), (one, n + 1) })
    {
        {Suspend}
        names += $"{Name(item)} {Name(count)} {item == one} {count} ";
    }
    foreach (var ((first, second), count) in L(((one, two), n)))
    {
        {Suspend}
        names += $"{Name(first)} {Name(second)} {Name(count)} {first == one} {second == two} {count} ";
    }
    foreach (var (item, _) in L((two, n)))
    {
        {Suspend}
        names += $"{Name(item)} {item == two} ";
    }
    foreach ((Coroutine<int> item, var count) in L((two, n)))
    {
        {Suspend}
        names += $"{Name(item)} {Name(count)} {item == one} {count} ";
    }
    var later = new List<Func<string>>();
    foreach (var (item, count) in L((two, n)))
    {
        later.Add(() => $"{Name(item)} {item == two} {count}");
        {Suspend}
    }
    return names + string.Join(",", later.Select(f => f()));
    """) + """

        [Coroutine]
        public static string GenericMethod<T>(T value)
        {
            var held = HeldCoroutine(value);
            var copied = F(held);
            var listed = L(held);
            Yield.Sleep(1);
            var looped = "";
            foreach (var each in listed)
            {
                Yield.Sleep(1);
                looped += Name(each);
            }
            return $"{Made(held)} {Name(copied)} {Name(listed)} {ResultType(copied)} {looped}";
        }

        public static async Task<string> GenericMethodAsync<T>(T value)
        {
            var held = HeldCoroutine(value);
            var copied = F(held);
            var listed = L(held);
            await Task.Yield();
            var looped = "";
            foreach (var each in listed)
            {
                await Task.Yield();
                looped += Name(each);
            }
            return $"{Made(held)} {Name(copied)} {Name(listed)} {ResultType(copied)} {looped}";
        }
        """));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void An_ordinary_generic_method_an_array_or_a_tuple_of_a_var_local_of_a_factory_has_the_type_csharp_infers_from_its_class(int n) =>
        Returns(Program, Programs.StaticType, "Generic", n);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_conditional_of_such_a_local_and_a_value_of_another_type_has_the_type_csharp_gives_it(int n) =>
        Returns(Program, Programs.StaticType, "Mixed", n);

    [Fact]
    public void A_lambda_or_a_method_group_whose_parameters_csharp_types_from_a_class_is_read_as_in_csharp() =>
        Returns(Program, Programs.StaticType, "FixedFromAClass", 3);

    [Fact]
    public void In_a_generic_method_a_class_seen_as_a_type_built_from_its_type_parameter_is_read_as_in_csharp() =>
        Returns(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = Programs.StaticType, MethodName = "GenericMethod", MethodTypeArguments = [typeof(string)], Args = ["seed"] });

    [Fact]
    public void A_foreach_that_suspends_over_such_a_collection_kept_in_a_local_of_a_written_type_runs_as_in_csharp() =>
        Returns(Program, Programs.StaticType, "Looped", 3);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_foreach_that_suspends_over_a_collection_whose_type_csharp_infers_from_a_class_runs_as_in_csharp(int n) =>
        Returns(Program, Programs.StaticType, "LoopedInferred", n);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_foreach_that_suspends_over_such_a_collection_into_a_deconstruction_runs_as_in_csharp(int n) =>
        Returns(Program, Programs.StaticType, "LoopedDeconstructed", n);

    /// <summary>
    /// Compares with the C# async twin and requires a returned value: the Echo coroutines these programs make are never run, so a
    /// read of their result would throw in both at the first such read and leave the rest of the program unchecked.
    /// </summary>
    private static void Returns(SharedProgram program, string typeName, string method, params object?[] args) =>
        Assert.Null(AsyncTwin.Compare(program, typeName, method, args).Exception);

    private static void Returns(SharedProgram program, OracleCase test) => Assert.Null(AsyncTwin.Compare(program, test).Exception);
}
