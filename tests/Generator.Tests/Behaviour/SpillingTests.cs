using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests for spilling: suspending calls inside expressions (arguments, operands, conditions,
/// compound assignments, short-circuit operators ...), run against the same method called directly,
/// which is C#'s own evaluation order. The callees change shared state while they are suspended
/// (<c>Bump</c> adds 100 to <c>s_count</c> and moves <c>s_index</c>), so an operand read on the wrong
/// side of a suspension shows in the trace; <c>Next()</c> logs each evaluation, so order and count show too.
/// </summary>
public sealed class SpillingTests
{
    internal const string Helpers = """
        private static int s_count;
        private static int s_index;
        private static int s_next;
        private static int[] s_items = { 10, 20, 30 };
        private static string? s_name;

        public static int Count { get => s_count; set { Trace.Log($"Count = {value}"); s_count = value; } }

        public struct Point
        {
            public int X;
            public void Move(int dx) { X += dx; Trace.Log($"moved to {X}"); }
        }

        private static Point s_point;

        /// <summary>Sleeps 1 ms, logs, gives 10x.</summary>
        [Coroutine]
        private static int Fetch(int x)
        {
            Yield.Sleep(1);
            Trace.Log($"fetch {x}");
            return x * 10;
        }

        /// <summary>While suspended, changes what the caller may have read: s_count, s_index, s_items, s_name.</summary>
        [Coroutine]
        private static int Bump(int x)
        {
            Yield.Sleep(1);
            s_count += 100;
            s_index++;
            s_items = new[] { 7, 8, 9, 10 };
            s_name = "bumped";
            Trace.Log($"bump {x}");
            return x;
        }

        [Coroutine]
        private static string Name(string text)
        {
            Yield.Sleep(2);
            Trace.Log($"name {text}");
            return text;
        }

        [Coroutine]
        private static bool Check(int x)
        {
            Yield.Sleep(1);
            Trace.Log($"check {x}");
            return x > 0;
        }

        private static int Next()
        {
            s_next++;
            Trace.Log($"next {s_next}");
            return s_next;
        }

        private static int Add(int a, int b, int c) => a * 100 + b * 10 + c;

        private static bool Flag(bool value)
        {
            Trace.Log($"flag {value}");
            return value;
        }

        """;

    private static readonly SharedProgram Program = new(Programs.Static(Programs.TestTypes + Helpers + """
        [Coroutine]
        public static string Arguments()
        {
            Trace.Log($"{Fetch(1)} and {Fetch(2)}");
            var sum = Add(Next(), Fetch(3), Next());
            var nested = Fetch(Fetch(Fetch(1)) / 10);
            Console.WriteLine(Add(Fetch(1), Fetch(2), Fetch(3)));
            return $"{sum} {nested}";
        }

        [Coroutine]
        public static int Operands()
        {
            s_count = 1;
            var a = s_count + Bump(1);
            var b = s_count * 2 + Bump(2) + s_count;
            int c = Next() - Fetch(Next());
            int m = Next(), k = Fetch(m) + m, last = Next();
            Trace.Log($"a = {a}, b = {b}, c = {c}, m = {m}, k = {k}, last = {last}");
            return -Fetch(a) + (b > Fetch(1) ? 1 : 0);
        }

        [Coroutine]
        public static string Conditions(int limit)
        {
            var log = "";
            if (Fetch(1) > limit)
                log += "big ";
            int i = 0;
            while (Fetch(i) < limit)
            {
                i++;
                if (i == 2)
                    continue;
                log += i;
            }
            do
            {
                i--;
                if (i == 3)
                    continue;
                log += "d" + i;
            }
            while (Check(i - 1));
            for (int j = Fetch(0); j < Fetch(2) / 10; j += 1)
            {
                if (j == 0)
                    continue;
                log += "f" + j;
            }
            switch (Fetch(2))
            {
                case 20:
                    log += " twenty";
                    break;
                default:
                    log += " other";
                    break;
            }
            return log + " " + Fetch(limit);
        }

        [Coroutine]
        public static string CompoundAssignments()
        {
            s_count = 1;
            s_count += Bump(1);
            s_index = 0;
            s_items = new[] { 10, 20, 30 };
            s_items[s_index] += Bump(2);
            Trace.Log($"count {s_count}, items {string.Join(",", s_items)}, index {s_index}");
            int total = 5;
            total *= Fetch(2);
            Count -= Bump(3);
            var map = new Dictionary<string, int> { ["a"] = 1 };
            map["a"] += Fetch(4);
            byte small = 1;
            small += (byte)Fetch(1);
            s_name = null;
            s_name ??= Name("first");
            s_name ??= Name("second");
            string text = "x";
            text += Name("y") + Fetch(3);
            return $"{total} {Count} {map["a"]} {small} {s_name} {text}";
        }

        [Coroutine]
        public static string ShortCircuits(bool flag)
        {
            var and = Flag(flag) && Check(1);
            var or = Flag(flag) || Check(-1);
            s_name = flag ? null : "set";
            var coalesced = s_name ?? Name("fallback");
            var chosen = Flag(flag) ? Fetch(1) : Fetch(2);
            var one = flag ? 5 : Fetch(3);
            int? maybe = flag ? Fetch(4) : null;
            if (Flag(!flag) && Check(2) || Check(3))
                Trace.Log("condition held");
            return $"{and} {or} {coalesced} {chosen} {one} {maybe}";
        }

        [Coroutine]
        public static string Positions()
        {
            var sizes = new int[Fetch(1) / 10 + 1];
            var array = new[] { Next(), Fetch(2), Next() };
            s_index = 0;
            s_items = new[] { 1, 2, 3 };
            s_items[s_index] = Bump(5);
            s_items[Fetch(0) / 10] = Next();
            s_point = default;
            s_point.Move(Bump(3));
            s_point.X += Fetch(1);
            var tuple = (Next(), Fetch(4));
            var described = Fetch(5) switch { 50 => "fifty", _ => "other" };
            var isBig = Fetch(6) is > 50 and < 70;
            var text = Fetch(7).ToString() + s_count.ToString();
            foreach (var item in new[] { Fetch(8), Next() })
                Trace.Log($"item {item}");
            using (var resource = new Res(Name("res")))
                resource.Use("it");
            try
            {
                throw new AppException(Name("thrown"), Fetch(9));
            }
            catch (AppException e)
            {
                Trace.Log($"caught {e.Message} {e.Code}");
            }
            return $"{sizes.Length} {string.Join(",", array)} {string.Join(",", s_items)} {s_point.X} {tuple} {described} {isBig} {text}";
        }

        [Coroutine]
        public static int ExpressionBody(int x) => Fetch(x) + Fetch(x + 1);

        public sealed class Box
        {
            public Box(int size) { Size = size; Trace.Log($"box {size}"); }
            public int Size { get; }
            public int Width { get; set; }
            public string Label { get => _label; set { Trace.Log($"label = {value}"); _label = value; } }
            private string _label = "";
            public Box? Inner { get; set; }
            public int Scale(int factor) { Trace.Log($"scale {factor}"); return Size * factor; }
        }

        [Coroutine]
        public static string Initializers()
        {
            var box = new Box(Next()) { Width = Fetch(2), Label = Name("wide") };
            var list = new List<int> { Next(), Fetch(3), Next() };
            var map = new Dictionary<string, int> { ["a"] = Next(), [Name("b")] = Fetch(4) };
            var pairs = new Dictionary<int, string> { { Next(), "x" }, { Fetch(5), Name("y") } };
            return $"{box.Size} {box.Width} {box.Label} {string.Join(",", list)} {map["a"]} {map["b"]} {pairs.Count}";
        }

        [Coroutine]
        public static string ConditionalAccess(bool present)
        {
            Box? box = present ? new Box(3) : null;
            var scaled = box?.Scale(Fetch(2));
            var text = Flag(present) ? box?.Scale(Next() + Fetch(1)).ToString() : "none";
            int[]? numbers = present ? new[] { 5, 6 } : null;
            var item = numbers?[Fetch(0) / 10];
            return $"{scaled} {text} {item}";
        }

        private static void Split(int value, out int tens, out int ones)
        {
            tens = value / 10;
            ones = value % 10;
        }

        private static int Swap(ref int a, int b)
        {
            var old = a;
            a = b;
            return old;
        }

        [Coroutine]
        public static string Deconstructions()
        {
            var (a, b) = (Next(), Fetch(4));
            int c, d;
            (c, d) = (Fetch(5), Next());
            Split(Fetch(7), out var tens, out int ones);
            int e = 1;
            var old = Swap(ref e, Fetch(9));
            using var resource = new Res(Name("held"));
            using var direct = OpenRes("direct");
            resource.Use($"{a} {b} {c} {d} {tens} {ones} {e} {old}");
            direct.Use("too");
            return "done";
        }

        [Coroutine]
        private static Res OpenRes(string name)
        {
            Yield.Sleep(1);
            return new Res(name);
        }

        [Coroutine]
        private static T Echo<T>(T value)
        {
            Yield.Sleep(1);
            return value;
        }

        [Coroutine]
        public static string Patterns(object value)
        {
            var log = "";
            if (Fetch(1) is int n && n > 5)
                log += "n=" + n;
            if (value is string s && Check(s.Length))
                log += " s=" + s;
            s_items = new[] { 1, 2, 3 };
            s_items[Fetch(0) / 10]++;
            s_point = default;
            s_point.X = Fetch(2);
            log += $" {Fetch(3):D4} {Echo(Fetch(4)).ToString()} {Echo("generic")} [{string.Join(",", new List<int> { 1, Fetch(5) })}]";
            Func<int, int> twice = x => x * 2;
            log += " " + twice(Fetch(6)) + Apply(y => y + 1, Fetch(7));
            return $"{log} {string.Join(",", s_items)} {s_point.X}";
        }

        private static int Apply(Func<int, int> f, int value) => f(value);

        [Coroutine]
        public static int ReturnThroughFinally(int x)
        {
            try
            {
                return Fetch(x) + Next();
            }
            finally
            {
                Yield.Sleep(3);
                Trace.Log("finally");
            }
        }

        [Coroutine]
        public static void VoidExpressionBody(int x) => Trace.Log($"{Fetch(x)} {Fetch(x + 1)}");
        """));

    [Fact]
    public void Call_arguments_nested_and_several_per_statement() => Program.Compare(Programs.StaticType, "Arguments");

    [Fact]
    public void Binary_operands_left_of_a_suspension_keep_their_values() => Program.Compare(Programs.StaticType, "Operands");

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public void Conditions_of_if_while_do_for_and_switch_are_spilled_each_time_they_are_tested(int limit) =>
        Program.Compare(Programs.StaticType, "Conditions", limit);

    [Fact]
    public void Compound_assignments_keep_the_target_and_its_old_value() => Program.Compare(Programs.StaticType, "CompoundAssignments");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Short_circuit_operators_suspend_only_when_the_operand_is_evaluated(bool flag) =>
        Program.Compare(Programs.StaticType, "ShortCircuits", flag);

    [Fact]
    public void Array_sizes_elements_indexes_receivers_and_statement_operands() => Program.Compare(Programs.StaticType, "Positions");

    [Fact]
    public void An_expression_body_with_two_suspensions() => Program.Compare(Programs.StaticType, "ExpressionBody", 2);

    [Fact]
    public void Object_and_collection_initializers_run_member_by_member() => Program.Compare(Programs.StaticType, "Initializers");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Conditional_access_suspends_only_when_the_receiver_is_not_null(bool present) =>
        Program.Compare(Programs.StaticType, "ConditionalAccess", present);

    [Theory]
    [InlineData("text")]
    [InlineData(42)]
    public void Patterns_increments_struct_fields_generic_calls_and_lambdas(object value) =>
        Program.Compare(Programs.StaticType, "Patterns", value);

    [Fact]
    public void A_spilled_return_leaves_through_a_suspending_finally() => Program.Compare(Programs.StaticType, "ReturnThroughFinally", 3);

    [Fact]
    public void A_void_expression_body_with_two_suspensions() => Program.Compare(Programs.StaticType, "VoidExpressionBody", 3);

    [Fact]
    public void Deconstruction_out_and_ref_arguments_and_a_using_declaration() => Program.Compare(Programs.StaticType, "Deconstructions");
}
