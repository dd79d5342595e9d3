using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// <c>&amp;&amp;</c> and <c>||</c> whose right operand suspends, on a class and a struct with their own
/// <c>operator true</c>/<c>false</c> and <c>&amp;</c>/<c>|</c>, each tracing every call; against the direct call
/// and the C# <c>async</c> twin. C# runs <c>T.false(x) ? x : T.&amp;(x, F())</c>: the left operand once, then
/// <c>operator false</c> (for <c>||</c>, <c>true</c>) and nothing else when it decides, otherwise the suspension
/// and <c>&amp;</c>; no operator is called once more or once less (an <c>if</c> on the result calls <c>true</c>, as in C#).
/// </summary>
public sealed class UserDefinedShortCircuitTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        public sealed class Flag
        {
            private readonly string _name;
            private readonly bool _value;

            public Flag(string name, bool value)
            {
                _name = name;
                _value = value;
            }

            public static bool operator true(Flag f)
            {
                Trace.Log($"true({f._name})");
                return f._value;
            }

            public static bool operator false(Flag f)
            {
                Trace.Log($"false({f._name})");
                return !f._value;
            }

            public static Flag operator &(Flag a, Flag b)
            {
                Trace.Log($"{a._name} & {b._name}");
                return new Flag($"({a._name}&{b._name})", a._value && b._value);
            }

            public static Flag operator |(Flag a, Flag b)
            {
                Trace.Log($"{a._name} | {b._name}");
                return new Flag($"({a._name}|{b._name})", a._value || b._value);
            }

            public override string ToString() => $"{_name}={_value}";
        }

        public readonly struct Bit
        {
            private readonly string _name;
            private readonly bool _value;

            public Bit(string name, bool value)
            {
                _name = name;
                _value = value;
            }

            public static bool operator true(Bit b)
            {
                Trace.Log($"bit true({b._name})");
                return b._value;
            }

            public static bool operator false(Bit b)
            {
                Trace.Log($"bit false({b._name})");
                return !b._value;
            }

            public static Bit operator &(Bit a, Bit b) => new($"({a._name}&{b._name})", a._value && b._value);

            public static Bit operator |(Bit a, Bit b) => new($"({a._name}|{b._name})", a._value || b._value);

            public override string ToString() => $"{_name}={_value}";
        }

        private static Flag Make(string name, bool value)
        {
            Trace.Log($"make {name}");
            return new Flag(name, value);
        }

        [Coroutine]
        private static Flag Check(string name, bool value)
        {
            Yield.Sleep(1);
            Trace.Log($"check {name}");
            return new Flag(name, value);
        }

        private static async Task<Flag> CheckAsync(string name, bool value)
        {
            await Task.Yield();
            Trace.Log($"check {name}");
            return new Flag(name, value);
        }

        [Coroutine]
        private static Bit CheckBit(string name, bool value)
        {
            Yield.Sleep(1);
            Trace.Log($"check bit {name}");
            return new Bit(name, value);
        }

        private static async Task<Bit> CheckBitAsync(string name, bool value)
        {
            await Task.Yield();
            Trace.Log($"check bit {name}");
            return new Bit(name, value);
        }

        [Coroutine]
        public static string ShortCircuits(bool a, bool b)
        {
            var and = Make("a", a) && Check("b", b);
            var or = Make("c", a) || Check("d", b);
            var nested = (Make("e", a) && Check("f", b)) || Check("g", !b);
            var kept = Make("k", b);
            var log = "";
            for (var i = 0; i < 2; i++)
            {
                if (kept && Check("i" + i, a))
                    log += "then ";
                kept = Make("k" + i, a);
            }
            var bit = new Bit("m", a);
            var bits = bit && CheckBit("n", b);
            var eitherBit = new Bit("o", b) || CheckBit("p", a);
            return $"{and} {or} {nested} {log}{bits} {eitherBit}";
        }

        public static async Task<string> ShortCircuitsAsync(bool a, bool b)
        {
            var and = Make("a", a) && await CheckAsync("b", b);
            var or = Make("c", a) || await CheckAsync("d", b);
            var nested = (Make("e", a) && await CheckAsync("f", b)) || await CheckAsync("g", !b);
            var kept = Make("k", b);
            var log = "";
            for (var i = 0; i < 2; i++)
            {
                if (kept && await CheckAsync("i" + i, a))
                    log += "then ";
                kept = Make("k" + i, a);
            }
            var bit = new Bit("m", a);
            var bits = bit && await CheckBitAsync("n", b);
            var eitherBit = new Bit("o", b) || await CheckBitAsync("p", a);
            return $"{and} {or} {nested} {log}{bits} {eitherBit}";
        }

        [Coroutine]
        public static string Conditions(bool a)
        {
            var log = "";
            var rounds = 0;
            var flag = Make("w", a);
            while (flag)
            {
                Yield.Sleep(1);
                flag = Make("w" + rounds, ++rounds < 2);
            }
            if (Make("x", a))
            {
                Yield.Sleep(1);
                log += "x ";
            }
            do
            {
                Yield.Sleep(1);
                rounds++;
            }
            while (Make("d" + rounds, rounds < 4));
            for (var f = Make("f", a); f; f = Make("f" + rounds, ++rounds < 6))
                Yield.Sleep(1);
            return log + rounds;
        }

        public static async Task<string> ConditionsAsync(bool a)
        {
            var log = "";
            var rounds = 0;
            var flag = Make("w", a);
            while (flag)
            {
                await Task.Yield();
                flag = Make("w" + rounds, ++rounds < 2);
            }
            if (Make("x", a))
            {
                await Task.Yield();
                log += "x ";
            }
            do
            {
                await Task.Yield();
                rounds++;
            }
            while (Make("d" + rounds, rounds < 4));
            for (var f = Make("f", a); f; f = Make("f" + rounds, ++rounds < 6))
                await Task.Yield();
            return log + rounds;
        }
        """));

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Short_circuit_operators_on_user_defined_true_and_false_call_each_operator_as_csharp_does(bool a, bool b) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "ShortCircuits", a, b);

    /// <summary>Flattened conditions of a type with its own <c>operator true</c>: tested through it, as C# does (not negated with <c>!</c>).</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Conditions_of_a_type_with_its_own_operator_true_call_it_once_per_test(bool a) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Conditions", a);
}
