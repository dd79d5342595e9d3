using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Values of a delegate type C# made for a lambda (<c>(ref int y) =&gt; y</c>, which has no name) flowing where the
/// compiler's own type is inferred, living across a suspension: from a generic call (<c>var f = Pick(lambda);</c>), into
/// locals that stay locals (<c>g = f;</c>), through <c>var g = f;</c>, a generic call that infers from two of them
/// (<c>Same(g, f)</c>), an array or a tuple of them; inside other types (<c>Tuple.Create(lambda)</c>, a dictionary of
/// tuples, a <c>Func</c> that returns one, a delegate type C# made whose signature holds another); combined with
/// <c>+</c>, captured by <c>() =&gt; f</c>. The state machine declares a delegate type for each and converts every lambda
/// of the compiler's type to it, so each of these means the same. Each case runs against the direct call and the C#
/// <c>async</c> twin (<see cref="AsyncTwin"/>, the same body with <c>await Task.Yield()</c> for each sleep).
/// </summary>
public sealed class UnnamedDelegateFlowTests
{
    // Also those of UnnamedDelegateAnonymousSignatureTests.
    internal const string Helpers = """
        private static T Pick<T>(T value) => value;

        private static T Same<T>(T first, T second) => first;

        private static void Make<T>(T value, out T made) => made = value;

        private static T Use<T>(T value, int times)
        {
            Trace.Log($"use x{times}");
            return value;
        }

        [Coroutine]
        public static int Later(int value)
        {
            Yield.Sleep(1);
            return value;
        }

        public static async Task<int> LaterAsync(int value)
        {
            await Task.Yield();
            return value;
        }

        private static void Twice(ref int y) => y *= 2;

        private static int AddBy(int x, int by = 5) => x + by;

        """;

    // Each method is written once: its async twin is the same body with `await Task.Yield()` for each sleep.
    private const string Methods = """
        public static string FromAGenericCall(int start)
        {
            var f = Pick((ref int y) => y += 2);
            var twice = Pick(Pick((ref int y, int by = 5) => y += by));
            int n = start;
            Yield.Sleep(1);
            f(ref n);
            twice(ref n);
            Yield.Sleep(1);
            twice(ref n, 100);
            f = Pick(f);
            return $"{n} {f(ref n)}";
        }

        public static string WhereItsOwnTypeIsNeeded(int start)
        {
            var f = (ref int y) => y + 1;
            var h = f;
            int n = start;
            Yield.Sleep(1);
            {
                var g = (ref int y) => y * 2;
                g = f;
                Trace.Log($"a local that stays one: {g(ref n)} {g == f}");
            }
            var k = (ref int y) => y * 3;
            var same = Same(k, f);
            var all = new[] { f, k, (ref int y) => y - 1 };
            var pair = (f, 3);
            Yield.Sleep(1);
            k = h;
            Trace.Log($"{k(ref n)} {h(ref n)} {same(ref n)} {all.Length} {all[2](ref n)} {pair.Item1(ref n) + pair.Item2}");
            return $"{k == f} {ReferenceEquals(same, f)} {all[1] == k} {pair.f == h}";
        }

        public static string InsideOtherTypes(int start)
        {
            var t = Tuple.Create((ref int y) => y + start);
            var map = new[] { ("a", t), ("b", Tuple.Create((ref int y) => y * 2)) }.ToDictionary(p => p.Item1, p => p.Item2);
            var list = new List<Tuple<int>>().Select(_ => t.Item1).Append(t.Item1).ToList();
            var maker = (int by) => (ref int z) => z += by;
            var nested = (int y, int times = 2) => (ref int z) => z * times + y;
            int n = start;
            Yield.Sleep(1);
            var one = map["a"].Item1(ref n);
            var two = map["b"].Item1(ref n);
            var three = list[0](ref n);
            maker(3)(ref n);
            Yield.Sleep(1);
            var inner = nested(n);
            Yield.Sleep(1);
            return $"{one} {two} {three} {n} {inner(ref n)} {nested(n, 10)(ref n)} {map.Count}";
        }

        public static string CombinedCapturedAndInTuples(int start)
        {
            var f = (ref int y) => y += 1;
            var g = (ref int y) => y *= 3;
            var both = f + g;
            var later = () => f;
            var named = (first: f, second: g);
            int n = start;
            Yield.Sleep(1);
            both(ref n);
            later()(ref n);
            named.second(ref n);
            both -= f;
            Yield.Sleep(1);
            both!(ref n);
            var (x, y) = named;
            x(ref n);
            return $"{n} {both.GetInvocationList().Length} {later() == f} {y == g}";
        }

        public static string DeclaredOtherwiseAndSpilled(int start)
        {
            var f = (ref int y) => y += 1;
            int n = start;
            foreach (var g in new[] { f, (ref int y) => y *= 2 })
            {
                Yield.Sleep(1);
                g(ref n);
            }
            for (var h = f; n < 100; n *= 3)
            {
                Yield.Sleep(1);
                h(ref n);
            }
            Make(f, out var made);
            if (Pick(f) is var p && p != null)
            {
                Yield.Sleep(1);
                p(ref n);
            }
            Yield.Sleep(1);
            made(ref n);
            var used = Use(f, Later(4));
            used(ref n);
            return $"{n} {made == f} {Use(Pick((ref int y) => y - n), Later(2))(ref n)}";
        }

        public static string OnlyInOperandsKeptAcrossASuspension(int start)
        {
            var pair = Use(Tuple.Create((ref int y) => y * 2, new { A = start }), Later(3));
            var n = pair.Item2.A;
            var twice = Use((ref int y, int by = 2) => y *= by, Later(4))(ref n, 3);
            return $"{pair.Item1(ref n)} {twice} {n}";
        }

        public static string MethodGroupsKeptAcrossASuspension(int start)
        {
            int n = start;
            var sum = Use(Pick(AddBy), Later(2))(n);
            Use(Pick(Twice), Later(3))(ref n);
            var chosen = (n > 10 ? Pick(AddBy) : Use(Pick(AddBy), 1))(Later(4));
            var doubled = Use(new[] { Pick(Twice), Twice }, Later(2)).Length;
            return $"{sum} {n} {chosen} {doubled}";
        }

        public static string WithAnonymousTypes(int start)
        {
            var map = new[] { new { A = 1 }, new { A = 2 } }.ToDictionary(x => x, x => Tuple.Create((ref int y) => y += x.A));
            var pair = (new { A = start }, Tuple.Create((ref int y) => y * 2));
            var holder = new { Name = "h", Apply = Pick((ref int y) => y - 1) };
            int n = start;
            Yield.Sleep(1);
            foreach (var entry in map)
            {
                entry.Value.Item1(ref n);
            }
            var doubled = pair.Item2.Item1(ref n);
            Yield.Sleep(1);
            return $"{n} {doubled} {pair.Item1.A} {holder.Name} {holder.Apply(ref n)} {map.Keys.First()}";
        }

        """;

    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(
        Helpers + Methods.Replace("public static string ", "[Coroutine]\npublic static string ") + Twins(Methods)));

    private static string Twins(string methods) =>
        methods.Replace("Yield.Sleep(1);", "await Task.Yield();")
            .Replace("public static string FromAGenericCall(", "public static async Task<string> FromAGenericCallAsync(")
            .Replace("public static string WhereItsOwnTypeIsNeeded(", "public static async Task<string> WhereItsOwnTypeIsNeededAsync(")
            .Replace("public static string InsideOtherTypes(", "public static async Task<string> InsideOtherTypesAsync(")
            .Replace("public static string CombinedCapturedAndInTuples(", "public static async Task<string> CombinedCapturedAndInTuplesAsync(")
            .Replace("public static string WithAnonymousTypes(", "public static async Task<string> WithAnonymousTypesAsync(")
            .Replace("public static string DeclaredOtherwiseAndSpilled(", "public static async Task<string> DeclaredOtherwiseAndSpilledAsync(")
            .Replace("public static string OnlyInOperandsKeptAcrossASuspension(", "public static async Task<string> OnlyInOperandsKeptAcrossASuspensionAsync(")
            .Replace("public static string MethodGroupsKeptAcrossASuspension(", "public static async Task<string> MethodGroupsKeptAcrossASuspensionAsync(")
            .Replace("Later(4)", "await LaterAsync(4)").Replace("Later(2)", "await LaterAsync(2)").Replace("Later(3)", "await LaterAsync(3)");

    private static void Compare(string method, params object?[] args) => AsyncTwin.Compare(Program, Programs.StaticType, method, args);

    [Theory]
    [InlineData(1)]
    [InlineData(-7)]
    public void A_value_from_a_generic_call_keeps_its_meaning(int start) => Compare("FromAGenericCall", start);

    [Theory]
    [InlineData(2)]
    public void Locals_copies_generic_calls_arrays_and_tuples_of_the_compilers_type_keep_their_meaning(int start) => Compare("WhereItsOwnTypeIsNeeded", start);

    [Theory]
    [InlineData(4)]
    public void Tuples_dictionaries_lists_funcs_and_delegates_holding_one_keep_their_meaning(int start) => Compare("InsideOtherTypes", start);

    [Theory]
    [InlineData(5)]
    public void Combinations_closures_and_named_tuples_keep_their_meaning(int start) => Compare("CombinedCapturedAndInTuples", start);

    [Theory]
    [InlineData(1)]
    [InlineData(150)]
    public void Foreach_for_out_and_pattern_variables_and_spilled_values_keep_their_meaning(int start) => Compare("DeclaredOtherwiseAndSpilled", start);

    [Theory]
    [InlineData(6)]
    public void An_operand_of_such_a_type_kept_before_a_suspension_keeps_its_meaning(int start) => Compare("OnlyInOperandsKeptAcrossASuspension", start);

    /// <summary>No lambda and no local of the compiler's type: a method group's value (<c>Pick(AddBy)</c>, <c>int AddBy(int x, int by = 5)</c>) kept before a suspension.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void A_method_groups_value_kept_before_a_suspension_keeps_its_meaning(int start) => Compare("MethodGroupsKeptAcrossASuspension", start);

    [Theory]
    [InlineData(3)]
    public void Alongside_anonymous_types_they_keep_their_meaning(int start) => Compare("WithAnonymousTypes", start);
}
