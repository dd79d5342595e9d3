using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests for the expression positions spilling split last: switch expression arms, nested
/// initializers, deconstruction into elements and members, compound assignments used as values,
/// a for loop's initializers and incrementors, a lock's operand, anonymous objects and a query's
/// first collection. Each runs against the same method called directly (C#'s own order); the
/// helpers of <see cref="SpillingTests"/> change shared state while suspended, so an operand read
/// on the wrong side of a suspension shows in the trace.
/// </summary>
public sealed class SpillingPositionsTests
{
    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading;\n" + Programs.Static(Programs.TestTypes + SpillingTests.Helpers + """
        private static string Kind(int value)
        {
            Trace.Log($"kind {value}");
            return value > 1 ? "many" : "one";
        }

        [Coroutine]
        public static string SwitchArms(int value)
        {
            var described = value % 5 + Next() switch
            {
                1 when Flag(value > 5) => Name("big one"),
                1 => "one",
                int n when n > 2 => Kind(n) + Fetch(n),
                _ => Name("other") + value,
            };
            var shape = (object)value switch
            {
                int small and < 3 => Fetch(small) * 2,
                int other => other,
                _ => 0,
            };
            var guarded = value switch
            {
                > 8 when Check(value - 9) => "nine and up " + Fetch(value),
                int n when Flag(n % 2 == 0) && Check(n) => "even " + n,
                0 => Name("zero"),
                _ => "odd",
            };
            return $"{described} {shape} {guarded}";
        }

        public sealed class Panel
        {
            public List<int> Items { get; } = new();
            public Dictionary<string, int> Map { get; } = new();
            private readonly Frame _inner = new();
            public Frame Inner { get { Trace.Log("get Inner"); return _inner; } }
            public List<int> Logged { get { Trace.Log("get Logged"); return Items; } }
        }

        public sealed class Frame
        {
            private int _width;
            public int Width { get => _width; set { Trace.Log($"width = {value}"); _width = value; } }
            public List<string> Tags { get; } = new();
        }

        [Coroutine]
        public static string NestedInitializers()
        {
            var panel = new Panel
            {
                Items = { Next(), Fetch(1), Next() },
                Inner = { Width = Fetch(2), Tags = { Name("a"), "b" } },
                Logged = { Fetch(3) },
                Map = { ["k"] = Fetch(4) },
            };
            return $"{string.Join(",", panel.Items)} {panel.Inner.Width} {string.Join(",", panel.Inner.Tags)} {panel.Map["k"]}";
        }

        [Coroutine]
        public static string DeconstructIntoElementsAndMembers()
        {
            s_index = 0;
            s_items = new[] { 1, 2, 3 };
            var box = new Frame();
            (s_items[s_index], box.Width) = (Bump(5), Fetch(6));
            Trace.Log($"items {string.Join(",", s_items)}, index {s_index}, width {box.Width}");
            var panel = new Panel();
            panel.Items.Add(0);
            (panel.Items[0], Count, var third) = (Next(), Bump(7), Fetch(8));
            (s_items[Fetch(0) / 10], (box.Width, _)) = (Next(), (Fetch(9), 0));
            s_point = default;
            (s_point.X, s_index) = (Fetch(2), Next());
            return $"{string.Join(",", s_items)} {box.Width} {panel.Items[0]} {Count} {third} {s_point.X}";
        }

        [Coroutine]
        public static string CompoundAsValue()
        {
            s_count = 1;
            Trace.Log($"total {s_count += Bump(1)} then {s_count}");
            int total = 2;
            var twice = (total *= Fetch(3)) + total;
            s_index = 0;
            s_items = new[] { 10, 20, 30 };
            var element = Add(s_items[s_index] += Bump(2), Next(), s_index);
            byte small = 250;
            int wrapped = small += (byte)Fetch(1);
            string text = "x";
            var appended = (text += Name("y")).Length;
            s_name = null;
            var first = (s_name ??= Name("first")).Length;
            var second = s_name ??= Name("second");
            int? maybe = null;
            var chosen = Add(maybe ??= Fetch(5), maybe ??= Fetch(6), Next());
            return $"{twice} {total} {element} {string.Join(",", s_items)} {wrapped} {small} {appended} {text} {first} {second} {chosen} {maybe}";
        }

        [Coroutine]
        public static string ForClauses(int limit)
        {
            var log = "";
            int i, j;
            for (i = Fetch(0), j = Next(); i < limit; i += Fetch(1), Yield.Sleep(1), j++)
            {
                log += $"[{i} {j}]";
                if (i == 10)
                    continue;
                log += ".";
            }
            for (Trace.Log("start"), Yield.Sleep(2); j > 0; Log(Fetch(j)), j--)
                log += j;
            return log;
        }

        private static void Log(int value) => Trace.Log($"log {value}");

        private static readonly object s_gate = new();

        [Coroutine]
        private static object Lockable(int x)
        {
            Yield.Sleep(1);
            Trace.Log($"lockable {x}");
            return s_gate;
        }

        [Coroutine]
        public static string LockOperand()
        {
            var taken = 0;
            lock (Lockable(1))
            {
                taken = Monitor.IsEntered(s_gate) ? 1 : 0;
                Trace.Log("inside the lock");
            }
            return $"{taken} {Monitor.IsEntered(s_gate)}";
        }

        private static string Use(object value, int number) => $"{value}/{number}";

        [Coroutine]
        public static string AnonymousObjects()
        {
            s_count = 1;
            var first = Use(new { A = 1, s_count }, Bump(1));
            var second = Use(new { Next = Next(), Fetched = Fetch(2), Last = Next() }, Fetch(3));
            var count = s_count;
            var third = Use(new { count, Name = s_name }, Bump(4));
            return $"{first} {second} {third}";
        }

        [Coroutine]
        private static int[] Numbers(int count)
        {
            Yield.Sleep(1);
            Trace.Log($"numbers {count}");
            return Enumerable.Range(1, count).ToArray();
        }

        [Coroutine]
        public static string Queries()
        {
            var squares = from n in Numbers(3) select n * n;
            var pairs = from a in Numbers(2)
                        join b in Numbers(Next() + 2) on a equals b % 3
                        where a > 0
                        select $"{a}:{b}";
            return $"{string.Join(",", squares)} {string.Join(",", pairs)} {(from x in Numbers(Fetch(1) / 10) select x).Count()}";
        }

        public sealed class Gate
        {
            public Gate(string name) => Name = name;

            public string Name { get; }

            [SuspensionPoint(nameof(BeginWait), Result = nameof(EndWait))]
            public int Wait(int x)
            {
                Trace.Log($"{Name} waits {x}");
                Yield.Sleep(x);
                return EndWait(x);
            }

            public Suspension BeginWait(int x)
            {
                Trace.Log($"{Name} waits {x}");
                return Suspension.Sleep(x);
            }

            public int EndWait(int x) => 2 * x;

            [SuspensionPoint(nameof(BeginPause))]
            public void Pause(int x)
            {
                Trace.Log($"{Name} pauses {x}");
                Yield.Sleep(x);
            }

            public Suspension BeginPause(int x)
            {
                Trace.Log($"{Name} pauses {x}");
                return Suspension.Sleep(x);
            }
        }

        [Coroutine]
        public static string ConditionalReceivers(bool present)
        {
            var gate = present ? new Gate("g") : null;
            gate?.Pause(Next());
            gate?.Wait(2);
            var waited = gate?.Wait(Next());
            var text = $"{gate?.Wait(3) ?? -1} {Next() + (gate?.Wait(Fetch(1) / 10) ?? 0)}";
            for (var i = 0; i < 2; i++)
                Trace.Log($"loop {gate?.Wait(i)}");
            return $"{waited} {text}";
        }

        public sealed class Holder
        {
            private readonly Gate _gate;
            public Holder(string name) => _gate = new Gate(name);
            public Gate Current { get { Trace.Log("get Current"); return _gate; } }
        }

        public sealed partial class Worker
        {
            public Worker(string name) => Name = name;

            public string Name { get; }

            public Worker Next => this;

            [Coroutine]
            public int Run(int x)
            {
                Trace.Log($"{Name} runs {x}");
                Yield.Sleep(x);
                return x * 3;
            }

            [Coroutine]
            public void Tick()
            {
                Trace.Log($"{Name} ticks");
                Yield.Sleep(1);
            }
        }

        [Coroutine]
        public static string ConditionalCoroutines(bool present)
        {
            var worker = present ? new Worker("w") : null;
            worker?.Tick();
            var ran = worker?.Run(Next());
            var text = $"{worker?.Next.Run(Fetch(2) / 10) ?? -1} {Next() + (worker?.Run(4) ?? 0)}";
            return $"{ran} {text}";
        }

        private static int[] Items(int count)
        {
            Trace.Log($"items {count}");
            return Enumerable.Range(1, count).ToArray();
        }

        [Coroutine]
        public static string Spreads(int count)
        {
            List<int> list = [.. Items(count), Fetch(1), Next(), .. Items(Fetch(2))];
            int[] array = [Next(), .. Items(Next()), .. new[] { Fetch(3) }];
            IEnumerable<int> only = [.. Items(Fetch(count))];
            var local = Items(2);
            List<int> kept = [.. local, Fetch(4)];
            return $"{string.Join(",", list)} {string.Join(",", array)} {string.Join(",", only)} {string.Join(",", kept)}";
        }

        private static Gate[] Gates(bool present)
        {
            Trace.Log("gates");
            return present ? new[] { new Gate("g0"), new Gate("g1") } : null!;
        }

        [Coroutine]
        public static string ConditionalChains(bool present)
        {
            var gates = present ? new[] { new Gate("g0"), new Gate("g1") } : null;
            var holder = present ? new Holder("h") : null;
            gates?[1].Pause(Next());
            holder?.Current.Wait(2);
            var first = gates?[0].Wait(Next());
            var index = 0;
            var second = gates?[index++].Wait(index + Fetch(1) / 10);
            var text = $"{holder?.Current.Wait(3) ?? -1} {Next() + (Gates(present)?[1].Wait(Fetch(2) / 10) ?? 0)}";
            for (var i = 0; i < 2; i++)
                Trace.Log($"loop {gates?[i].Wait(i)} {holder?.Current.Wait(Next())}");
            return $"{first} {second} {index} {text}";
        }

        public sealed record Settings(int A, string B)
        {
            public int C { get; init; }
        }

        public struct Pair
        {
            public int X;
            public int Y;
        }

        private static Settings s_settings = new(1, "first");

        [Coroutine]
        private static int Replace(int c)
        {
            Yield.Sleep(1);
            s_settings = new Settings(9, "replaced");
            Trace.Log($"replaced {c}");
            return c;
        }

        [Coroutine]
        public static string WithExpressions()
        {
            s_settings = new Settings(1, "first");
            var changed = s_settings with { A = Next(), C = Replace(3) };
            var pair = new Pair { X = 1, Y = 2 };
            var moved = pair with { Y = Fetch(3), X = Next() };
            return $"{changed} {s_settings} {moved.X} {moved.Y}";
        }

        [Coroutine]
        public static string CaseGuards(object value)
        {
            var log = "";
            for (var round = 0; round < 2; round++)
            {
                switch (value)
                {
                    case int n when Check(n - round):
                        log += $"positive {n} ";
                        break;
                    case int n when n == 0 && Check(1):
                        log += "zero ";
                        break;
                    case string s when Name(s).Length > 2:
                        log += $"long {s} ";
                        break;
                    case string:
                        log += "short ";
                        break;
                    default:
                        log += "other ";
                        break;
                }
            }
            return log;
        }

        [Coroutine]
        public static string CheckedExpressions(int big)
        {
            var log = "";
            try
            {
                log += checked(big * 2 + Fetch(1));
            }
            catch (OverflowException)
            {
                log += "overflow1 ";
            }
            try
            {
                log += checked(Fetch(big * 2 / 10) + 1);
            }
            catch (OverflowException)
            {
                log += "overflow2 ";
            }
            log += unchecked(big * 2 + Fetch(1));
            try
            {
                checked
                {
                    var sum = big - Fetch(2);
                    Yield.Sleep(1);
                    log += " sum " + sum;
                    sum += big;
                    log += " never " + sum;
                }
            }
            catch (OverflowException)
            {
                log += " overflow3";
            }
            unchecked
            {
                var wrapped = big;
                Yield.Sleep(1);
                wrapped++;
                log += " wrapped " + wrapped;
                checked
                {
                    try
                    {
                        wrapped -= Fetch(1);
                    }
                    catch (OverflowException)
                    {
                        log += " overflow4";
                    }
                }
            }
            return log;
        }
        """));

    [Fact]
    public void A_with_expression_copies_before_its_suspensions() => Program.Compare(Programs.StaticType, "WithExpressions");

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData("text")]
    [InlineData("ab")]
    public void A_case_guard_suspends_only_when_its_pattern_matched(object value) => Program.Compare(Programs.StaticType, "CaseGuards", value);

    [Fact]
    public void Checked_and_unchecked_expressions_keep_their_overflow_checks_around_a_suspension() =>
        Program.Compare(Programs.StaticType, "CheckedExpressions", int.MaxValue);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_suspension_point_on_a_conditional_receiver_suspends_only_when_it_is_not_null(bool present) =>
        Program.Compare(Programs.StaticType, "ConditionalReceivers", present);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_suspension_point_on_a_part_of_a_conditional_chain_suspends_only_when_the_receiver_is_not_null(bool present) =>
        Program.Compare(Programs.StaticType, "ConditionalChains", present);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_coroutine_called_on_a_conditional_receiver_runs_only_when_it_is_not_null(bool present) =>
        Program.Compare(Programs.StaticType, "ConditionalCoroutines", present);

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_collection_expression_with_spreads_evaluates_its_elements_left_to_right(int count) =>
        Program.Compare(Programs.StaticType, "Spreads", count);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(9)]
    [InlineData(10)]
    public void A_switch_expression_runs_only_the_chosen_arms_suspension(int value) => Program.Compare(Programs.StaticType, "SwitchArms", value);

    [Fact]
    public void Nested_initializers_run_element_by_element_on_the_member() => Program.Compare(Programs.StaticType, "NestedInitializers");

    [Fact]
    public void A_deconstruction_into_elements_and_members_keeps_its_targets_first() => Program.Compare(Programs.StaticType, "DeconstructIntoElementsAndMembers");

    [Fact]
    public void A_compound_assignment_used_as_a_value_gives_the_value_it_stores() => Program.Compare(Programs.StaticType, "CompoundAsValue");

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    public void A_for_loops_initializers_and_incrementors_suspend_in_order(int limit) => Program.Compare(Programs.StaticType, "ForClauses", limit);

    [Fact]
    public void A_lock_operand_suspends_before_the_lock_is_taken() => Program.Compare(Programs.StaticType, "LockOperand");

    [Fact]
    public void Anonymous_objects_before_a_suspension_keep_their_members() => Program.Compare(Programs.StaticType, "AnonymousObjects");

    [Fact]
    public void A_query_suspends_in_its_first_collection_and_a_join_after_it() => Program.Compare(Programs.StaticType, "Queries");
}
