using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests: Yield.Sleep inside <c>switch</c> sections with constant, type, relational,
/// logical, property and positional patterns, <c>when</c> clauses (which log when they are
/// evaluated), pattern variables read after sleeps, <c>goto case</c> / <c>goto default</c>, and
/// break / continue / return / throw out of a section.
/// </summary>
public sealed class SwitchTests
{
    private static readonly SharedProgram Program = new(Programs.Static(Programs.TestTypes + """
        public enum Light { Red, Amber, Green }

        public sealed record Point(int X, int Y);

        private static bool Check(string what, bool result)
        {
            Trace.Log($"when {what}: {result}");
            return result;
        }

        [Coroutine]
        public static string Constants(int n)
        {
            string result = "";
            switch (n)
            {
                case 0:
                    Yield.Sleep(1);
                    result = "zero";
                    break;
                case 1:
                case 2:
                    Trace.Log("one or two");
                    Yield.Sleep(n * 10);
                    result = $"small {n}";
                    break;
                default:
                    Yield.Sleep(3);
                    result = "other";
                    break;
                case 5:
                    result = "five, no sleep";
                    break;
            }
            Yield.Sleep(1);
            Trace.Log($"after the switch: {result}");
            return result;
        }

        [Coroutine]
        public static string NoMatchAndNoDefault(int n)
        {
            switch (n)
            {
                case 1:
                    Yield.Sleep(1);
                    Trace.Log("one");
                    break;
            }
            return "done";
        }

        [Coroutine]
        public static string StringsEnumsAndNull(string? text, int light)
        {
            string result = "";
            switch (text)
            {
                case "a":
                    Yield.Sleep(1);
                    result += "A";
                    break;
                case null:
                    Yield.Sleep(2);
                    result += "null";
                    break;
                case "":
                    result += "empty";
                    break;
                default:
                    Yield.Sleep(text.Length);
                    result += text.ToUpperInvariant();
                    break;
            }
            switch ((Light)light)
            {
                case Light.Red:
                    Yield.Sleep(30);
                    result += " stop";
                    break;
                case Light.Amber or Light.Green:
                    Yield.Sleep(5);
                    result += " go";
                    break;
            }
            return result;
        }

        [Coroutine]
        public static string TypePatterns(object? value)
        {
            switch (value)
            {
                case int i when Check("int > 10", i > 10):
                    Yield.Sleep(i);
                    return $"big int {i}";
                case int i:
                    Yield.Sleep(1);
                    i++;
                    Yield.Sleep(1);
                    return $"int {i}";
                case string s when Check("string nonempty", s.Length > 0):
                    Yield.Sleep(s.Length);
                    return $"string {s}";
                case IEnumerable<int> numbers:
                    int count = 0;
                    foreach (var x in numbers)
                    {
                        Yield.Sleep(x);
                        count++;
                    }
                    return $"{count} numbers";
                case null:
                    Yield.Sleep(4);
                    return "null";
                case var other when Check("other", other.GetHashCode() != 0 || true):
                    Yield.Sleep(2);
                    return $"other {other.GetType().Name}";
            }
            return "unreachable";
        }

        [Coroutine]
        public static string RelationalAndLogicalPatterns(int n)
        {
            switch (n)
            {
                case < 0:
                    Yield.Sleep(1);
                    return "negative";
                case 0 or 1:
                    Yield.Sleep(2);
                    return "bit";
                case >= 10 and < 20:
                    Yield.Sleep(3);
                    return "teen";
                case not 7 when n % 2 == 0:
                    Yield.Sleep(4);
                    return "even";
                case > 100:
                    Yield.Sleep(5);
                    return "huge";
            }
            Yield.Sleep(6);
            return "something else";
        }

        [Coroutine]
        public static string PropertyAndPositionalPatterns(int x, int y)
        {
            var p = new Point(x, y);
            string first;
            switch (p)
            {
                case { X: 0, Y: 0 }:
                    Yield.Sleep(1);
                    first = "origin";
                    break;
                case { X: 0, Y: var py }:
                    Yield.Sleep(2);
                    first = $"on the y axis at {py}";
                    break;
                case Point(var px, 0) when Check("x axis", px > 0):
                    Yield.Sleep(3);
                    first = $"on the positive x axis at {px}";
                    break;
                default:
                    Yield.Sleep(4);
                    first = "elsewhere";
                    break;
            }
            switch ((x, y))
            {
                case (0, _):
                    Yield.Sleep(5);
                    return first + "; tuple x=0";
                case var (a, b) when a == b:
                    Yield.Sleep(a);
                    return first + $"; diagonal {a},{b}";
                case (_, > 5) t:
                    Yield.Sleep(1);
                    return first + $"; tall {t.Item2}";
            }
            return first;
        }

        [Coroutine]
        public static string GotoCaseAndDefault(int start)
        {
            string path = "";
            int steps = 0;
            switch (start)
            {
                case 0:
                    Yield.Sleep(30);
                    path += "red ";
                    if (++steps > 5) break;
                    goto case 2;
                case 1:
                    Yield.Sleep(5);
                    path += "amber ";
                    if (++steps > 5) break;
                    goto case 0;
                case 2:
                    Yield.Sleep(20);
                    path += "green ";
                    if (++steps > 5) break;
                    goto case 1;
                default:
                    Yield.Sleep(1);
                    path += "unknown ";
                    goto case 1;
            }
            Trace.Log($"after {steps} steps");
            return path;
        }

        [Coroutine]
        public static string GotoDefaultFromASection(long value)
        {
            switch (value)
            {
                case 1:
                    Yield.Sleep(1);
                    goto default;
                case 2:
                    Trace.Log("two, no sleep");
                    goto case 1;
                default:
                    Yield.Sleep(2);
                    return $"default after {value}";
            }
        }

        [Coroutine]
        public static int SwitchInALoop(int mode)
        {
            int total = 0;
            for (int i = 0; i < 6; i++)
            {
                switch (i % 3)
                {
                    case 0:
                        Yield.Sleep(1);
                        total += 1;
                        break;
                    case 1:
                        if (mode == 1) continue;
                        Yield.Sleep(2);
                        total += 10;
                        if (mode == 2 && i == 4) goto case 0;
                        break;
                    default:
                        Yield.Sleep(3);
                        if (mode == 3 && i == 5) return -total;
                        if (mode == 4) throw new AppException($"at {i}");
                        total += 100;
                        break;
                }
                Trace.Log($"i={i} total={total}");
            }
            return total;
        }

        [Coroutine]
        public static int TheValueIsEvaluatedOnce(int n)
        {
            switch (n)
            {
                case 1:
                    n = 2;
                    Yield.Sleep(1);
                    Trace.Log($"n is now {n}, still in case 1");
                    goto case 2;
                case 2:
                    Yield.Sleep(2);
                    n += 10;
                    break;
            }
            return n;
        }

        [Coroutine]
        public static string SwitchAndTry(int mode)
        {
            string path = "";
            try
            {
                switch (mode)
                {
                    case 0:
                        try
                        {
                            Yield.Sleep(1);
                            path += "a";
                            break;
                        }
                        finally
                        {
                            Yield.Sleep(2);
                            path += "f";
                        }
                    case 1:
                        Yield.Sleep(3);
                        throw new AppException("from a section");
                    default:
                        using (var r = new Res("section"))
                        {
                            Yield.Sleep(4);
                            path += "u";
                        }
                        break;
                }
            }
            catch (AppException e)
            {
                Yield.Sleep(5);
                path += e.Message;
            }
            return path;
        }

        [Coroutine]
        public static string NestedSwitches(int a, int b)
        {
            string path = "";
            switch (a)
            {
                case 1:
                    switch (b)
                    {
                        case 1:
                            Yield.Sleep(1);
                            path += "11";
                            break;
                        default:
                            Yield.Sleep(2);
                            path += "1x";
                            goto case 1;
                    }
                    path += " out of the inner";
                    break;
                default:
                    Yield.Sleep(3);
                    path += "x";
                    break;
            }
            return path;
        }

        [Coroutine]
        public static string JumpsFromLoopsInsideSections(int mode)
        {
            string path = "";
            foreach (var item in new[] { 1, 2, 3 })
            {
                switch (item + mode)
                {
                    case 1:
                        for (int i = 0; i < 3; i++)
                        {
                            Yield.Sleep(1);
                            path += $"[{item}.{i}]";
                            if (i == 1) goto case 3; // goto case from inside a loop in the section
                        }
                        break;
                    case 2:
                        foreach (var inner in new[] { 10, 20 })
                        {
                            Yield.Sleep(inner / 10);
                            if (inner == 20) break; // leaves the inner foreach, not the switch
                            path += inner;
                        }
                        path += "(after inner)";
                        continue; // the outer foreach
                    case 3:
                        Yield.Sleep(3);
                        path += "three";
                        break;
                    default:
                        {
                            using var r = new Res($"section {item}");
                            Yield.Sleep(4);
                            path += "d";
                            break;
                        }
                }
                path += ";";
            }
            return path;
        }

        [Coroutine]
        public static string StringCasesWithWhen(string text, int limit)
        {
            switch (text)
            {
                case "a" when limit > 5:
                    Yield.Sleep(1);
                    return "a, big limit";
                case "a":
                    Yield.Sleep(2);
                    return "a";
                case { Length: > 3 } long1 when long1.StartsWith("x"):
                    Yield.Sleep(long1.Length);
                    return "long x";
                default:
                    Yield.Sleep(3);
                    return "other";
            }
        }

        [Coroutine]
        public static string PatternVariablesInDifferentSectionsShareNames(object value)
        {
            switch (value)
            {
                case int v:
                    Yield.Sleep(1);
                    return $"int {v + 1}";
                case string v:
                    Yield.Sleep(2);
                    return $"string {v + "!"}";
                case double v when v > 0:
                    Yield.Sleep(3);
                    return $"double {v * 2}";
                default:
                    return "none";
            }
        }
        """));

    private static void Compare(string method, params object?[] args) => Program.Compare(Programs.StaticType, method, args);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(9)]
    public void Constant_labels_several_labels_per_section_and_default_in_the_middle(int n) => Compare("Constants", n);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void No_matching_case_and_no_default(int n) => Compare("NoMatchAndNoDefault", n);

    [Theory]
    [InlineData("a", 0)]
    [InlineData(null, 1)]
    [InlineData("", 2)]
    [InlineData("hello", 7)]
    public void Strings_enums_and_null(string? text, int light) => Compare("StringsEnumsAndNull", text, light);

    [Theory]
    [InlineData(42)]
    [InlineData(3)]
    [InlineData("text")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData(2.5)]
    public void Type_patterns_with_when_clauses(object? value) => Compare("TypePatterns", value);

    [Fact]
    public void Type_pattern_for_an_interface() => Compare("TypePatterns", new System.Collections.Generic.List<int> { 3, 4 });

    [Theory]
    [InlineData(-3)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(8)]
    [InlineData(7)]
    [InlineData(101)]
    [InlineData(9)]
    public void Relational_and_logical_patterns(int n) => Compare("RelationalAndLogicalPatterns", n);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 4)]
    [InlineData(6, 0)]
    [InlineData(-2, 0)]
    [InlineData(3, 3)]
    [InlineData(2, 9)]
    [InlineData(5, 1)]
    public void Property_and_positional_patterns(int x, int y) => Compare("PropertyAndPositionalPatterns", x, y);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(9)]
    public void Goto_case_and_goto_default_cycle_through_sections(int start) => Compare("GotoCaseAndDefault", start);

    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(3L)]
    public void Goto_default_and_goto_case_with_a_converted_constant(long value) => Compare("GotoDefaultFromASection", value);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_switch_in_a_loop_with_break_continue_return_and_throw(int mode) => Compare("SwitchInALoop", mode);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_switch_value_is_evaluated_once(int n) => Compare("TheValueIsEvaluatedOnce", n);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Try_and_using_inside_sections_and_a_switch_inside_a_try(int mode) => Compare("SwitchAndTry", mode);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    public void Nested_switches(int a, int b) => Compare("NestedSwitches", a, b);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Goto_case_break_and_continue_from_loops_inside_sections(int mode) => Compare("JumpsFromLoopsInsideSections", mode);

    [Theory]
    [InlineData("a", 9)]
    [InlineData("a", 1)]
    [InlineData("xyzzy", 0)]
    [InlineData("abcd", 0)]
    public void String_cases_with_when_clauses(string text, int limit) => Compare("StringCasesWithWhen", text, limit);

    [Theory]
    [InlineData(4)]
    [InlineData("s")]
    [InlineData(1.5)]
    [InlineData(-1.5)]
    public void Pattern_variables_of_different_types_with_the_same_name(object value) => Compare("PatternVariablesInDifferentSectionsShareNames", value);
}
