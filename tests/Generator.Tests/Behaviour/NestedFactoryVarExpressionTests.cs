using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// <c>var</c> locals of a generated factory's call taking another factory's call and, as another argument, an expression
/// whose type C# reads from the generated classes or a delegate C# infers from in another phase: a conditional of
/// <c>var</c> locals of a factory (<c>n &gt; 2 ? one : two</c>) and a copy of one (<c>var again = made;</c>), both
/// Echo's class in C#, and one of two classes (<c>n &gt; 2 ? one : count</c>: no type, no bound, converted to the type fixed from the others); a method group (<c>Later</c>, its return type a lower bound); a lambda whose parameters' types come
/// from another type argument (<c>seed =&gt; seed</c> for a <c>Func&lt;U, T&gt;</c>: C# fixes <c>U</c> first); an async
/// lambda (its inferred return type <c>Task&lt;X&gt;</c>); a delegate for an <c>Action&lt;Action&lt;T&gt;&gt;</c> (two contravariant
/// levels: a lower bound) or an <c>Action&lt;List&lt;T&gt;&gt;</c> given an <c>Action&lt;IEnumerable&lt;...&gt;&gt;</c> (an upper bound, matched through the interface). Kept across a suspension, against the direct call and the C# <c>async</c> twin, which
/// C# itself types: each logs the class the call made (its type arguments, what <c>Pick</c>'s <c>T</c> became) and
/// the type a generic method infers from the local (<c>Name(picked)</c>: the local's own type).
/// </summary>
public sealed class NestedFactoryVarExpressionTests
{
    /// <summary>
    /// <c>From</c>, whose <c>U</c> C# fixes before it reads the lambda, and <c>Made</c>, the class a factory made and its type
    /// arguments (what C# inferred for the coroutine's type parameters), beside <see cref="NestedFactoryVarOtherArgumentTests.Factories"/>.
    /// </summary>
    internal const string FromAndMade = """
        [Coroutine]
        public static T From<T, U>(T first, U seed, Func<U, T> make) where T : Coroutine
        {
            Yield.Await(first);
            return make(seed);
        }

        public static string Made(object made) =>
            made.GetType().Name + "<" + string.Join(", ", made.GetType().GetGenericArguments().Select(static a => a.Name)) + ">";

        """;

    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(NestedFactoryVarOtherArgumentTests.Factories + FromAndMade + """
        [Coroutine]
        public static T Deferred<T>(T first, Func<Task<T>> make) where T : Coroutine
        {
            Yield.Await(first);
            return make().Result;
        }

        [Coroutine]
        public static T Handed<T>(T first, Action<Action<T>> give) where T : Coroutine
        {
            Yield.Await(first);
            give(c => Trace.Log($"given {c.GetType().Name}"));
            return first;
        }

        [Coroutine]
        public static T Last<T>(T first, T second, T third) where T : Coroutine
        {
            Yield.Await(first);
            return third;
        }

        [Coroutine]
        public static T Listed<T>(T first, Action<List<T>> give) where T : Coroutine
        {
            Yield.Await(first);
            give(new List<T> { first });
            return first;
        }

        public static Coroutine<int> Later() => CountCoroutine(7);

        /// <summary>The type C# infers for <typeparamref name="T"/> from <paramref name="value"/>: the static type of the local passed.</summary>
        public static string Name<T>(T value) => typeof(T).Name;
        """ + WithTwin("Plain", """
    var echo = EchoCoroutine(n);
    {Suspend}
    return $"{Name(echo)} {Made(echo)}";
    """) + WithTwin("Conditional", """
    var one = EchoCoroutine(n);
    var two = EchoCoroutine(n + 1);
    var picked = PickCoroutine(EchoCoroutine(n + 2), n > 2 ? one : two);
    var again = one;
    var copied = PickCoroutine(EchoCoroutine(n + 3), again);
    Coroutine<int> made = CountCoroutine(n + 4);
    var count = CountCoroutine(n + 5);
    var last = LastCoroutine(EchoCoroutine(n + 6), made, n > 2 ? one : count);
    {Suspend}
    return $"{Made(picked)} {Name(picked)} {Made(copied)} {Name(copied)} {Name(again)} {Name(one)} {Made(last)} {Name(last)}";
    """) + WithTwin("Group", """
    var made = MakeCoroutine(EchoCoroutine(n), Later);
    {Suspend}
    return $"{Made(made)} {Name(made)}";
    """) + WithTwin("Seeded", """
    Coroutine<int> made = CountCoroutine(n);
    var from = FromCoroutine(EchoCoroutine(n + 1), made, seed => seed);
    {Suspend}
    return $"{Made(from)} {Name(from)}";
    """) + WithTwin("AsyncLambda", """
    Coroutine<int> lazy = CountCoroutine(n);
    var deferred = DeferredCoroutine(EchoCoroutine(n + 1), async () =>
    {
        await Task.CompletedTask;
        return lazy;
    });
    {Suspend}
    return $"{Made(deferred)} {Name(deferred)}";
    """) + WithTwin("Contravariant", """
    Action<Action<Coroutine<int>>> give = use => use(CountCoroutine(n));
    var handed = HandedCoroutine(EchoCoroutine(n + 1), give);
    Action<IEnumerable<Coroutine<int>>> count = all => Trace.Log($"{all.Count()}");
    var listed = ListedCoroutine(EchoCoroutine(n + 2), count);
    {Suspend}
    return $"{Made(handed)} {Name(handed)} {Made(listed)} {Name(listed)}";
    """)));

    /// <summary>
    /// The coroutine <paramref name="name"/><c>(int n)</c> returning a string, of <paramref name="body"/> with its suspension
    /// <c>{Suspend}</c> a <c>Yield.Sleep(1);</c>, and its C# async twin, the same body with an <c>await Task.Yield();</c> there.
    /// </summary>
    internal static string WithTwin(string name, string body)
    {
        var indented = "    " + body.Replace("\n", "\n    ");
        return $"\n[Coroutine]\npublic static string {name}(int n)\n{{\n{indented.Replace("{Suspend}", "Yield.Sleep(1);")}\n}}\n" +
               $"\npublic static async Task<string> {name}Async(int n)\n{{\n{indented.Replace("{Suspend}", "await Task.Yield();")}\n}}\n";
    }

    [Fact]
    public void A_var_local_of_a_factory_passed_to_a_generic_method_has_its_class_as_in_csharp() =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Plain", 3);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_conditional_or_a_copy_of_var_locals_of_a_factory_has_its_class_as_in_csharp(int n) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Conditional", n);

    [Fact]
    public void A_method_group_gives_its_return_type_as_a_bound_as_in_csharp() =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Group", 3);

    [Fact]
    public void A_lambda_whose_parameters_are_typed_by_another_type_argument_is_read_once_that_is_fixed_as_in_csharp() =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Seeded", 3);

    [Fact]
    public void An_async_lambda_gives_its_task_type_as_a_bound_as_in_csharp() =>
        AsyncTwin.Compare(Program, Programs.StaticType, "AsyncLambda", 3);

    [Fact]
    public void An_action_of_an_action_of_the_type_argument_gives_a_lower_bound_and_an_action_of_a_list_an_upper_bound_as_in_csharp() =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Contravariant", 3);
}
