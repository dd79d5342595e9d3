using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Lifted <c>&amp;&amp;</c> and <c>||</c> (<c>S? a &amp;&amp; F(b)</c>, S a struct with <c>&amp;</c> and <c>|</c> taking S
/// and <c>operator true</c>/<c>false</c> taking S?, which C# requires for the lifted form, CS0218) whose
/// right operand suspends, each operator tracing its calls; against the direct call and the C# <c>async</c>
/// twin. C# runs <c>S.false(x) ? x : x &amp; F(b)</c> on S? values: <c>operator false</c> on the left, null
/// included, and the lifted <c>&amp;</c>, which is null (and calls no operator) when either side is.
/// </summary>
public sealed class LiftedShortCircuitTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        public readonly struct Bit
        {
            private readonly string _name;
            private readonly bool _value;

            public Bit(string name, bool value)
            {
                _name = name;
                _value = value;
            }

            public static bool operator true(Bit? b)
            {
                Trace.Log($"true({Show(b)})");
                return b?._value == true;
            }

            public static bool operator false(Bit? b)
            {
                Trace.Log($"false({Show(b)})");
                return b?._value == false;
            }

            public static Bit operator &(Bit a, Bit b)
            {
                Trace.Log($"{a._name} & {b._name}");
                return new($"({a._name}&{b._name})", a._value && b._value);
            }

            public static Bit operator |(Bit a, Bit b)
            {
                Trace.Log($"{a._name} | {b._name}");
                return new($"({a._name}|{b._name})", a._value || b._value);
            }

            public static string Show(Bit? b) => b is { } bit ? $"{bit._name}={bit._value}" : "null";
        }

        private static Bit? Make(int code) => code switch
        {
            0 => null,
            1 => new Bit("t", true),
            _ => new Bit("f", false),
        };

        [Coroutine]
        private static Bit? F(int code)
        {
            Yield.Sleep(1);
            Trace.Log($"F {code}");
            return Make(code);
        }

        private static async Task<Bit?> FAsync(int code)
        {
            await Task.Yield();
            Trace.Log($"F {code}");
            return Make(code);
        }

        [Coroutine]
        public static string Lifted(int left, int right)
        {
            Bit? a = Make(left);
            Bit? and = a && F(right);
            Bit? or = a || F(right);
            var plain = new Bit("p", left == 1);
            Bit? mixed = plain && F(right);
            var tested = "no";
            if (a || F(right))
            {
                tested = "yes";
            }
            return $"{Bit.Show(and)} {Bit.Show(or)} {Bit.Show(mixed)} {tested}";
        }

        public static async Task<string> LiftedAsync(int left, int right)
        {
            Bit? a = Make(left);
            Bit? and = a && await FAsync(right);
            Bit? or = a || await FAsync(right);
            var plain = new Bit("p", left == 1);
            Bit? mixed = plain && await FAsync(right);
            var tested = "no";
            if (a || await FAsync(right))
            {
                tested = "yes";
            }
            return $"{Bit.Show(and)} {Bit.Show(or)} {Bit.Show(mixed)} {tested}";
        }
        """));

    /// <summary>Codes: 0 null, 1 true, 2 false; every pair.</summary>
    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 1)]
    [InlineData(0, 2)]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 0)]
    [InlineData(2, 1)]
    [InlineData(2, 2)]
    public void Lifted_short_circuit_operators_call_each_operator_as_csharp_does(int left, int right) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Lifted", left, right);
}
