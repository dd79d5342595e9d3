using System.Threading.Tasks;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// The methods C# calls and C# code cannot name, called through the runtime's <c>[UnsafeAccessor]</c> where a
/// generic type or method is involved, or the method is virtual: init accessors set by a <c>with</c> expression
/// after a suspension (a generic record and struct, a generic record nested in a generic type, a plain record in a generic coroutine, a virtual and an abstract init
/// accessor overridden by the copy's type) and <c>operator false</c>/<c>true</c> of <c>&amp;&amp;</c>/<c>||</c> (a generic
/// struct, a class nested in a generic type, a plain type in a generic coroutine, operands of another type: a
/// user-defined conversion, a derived class, converted once before <c>operator false</c>); each accessor, operator and conversion
/// traces, against the direct call and the C# <c>async</c> twin: each is called exactly as often and in the order
/// C# calls it, virtually where C# calls it virtually.
/// </summary>
public sealed class GenericRuntimeAccessorTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        public record Box<T>(T Content)
        {
            private int _size;
            public int Size { get => _size; init { Trace.Log($"init Size = {value} of {Content}"); _size = value; } }
        }

        public sealed class Shelf<T>
        {
            public record Slot<U>(T Key, U Item)
            {
                private int _count;
                public int Count { get => _count; init { Trace.Log($"init Count = {value} of {Key}/{Item}"); _count = value; } }
            }
        }

        public record Plain
        {
            private int _n;
            public int N { get => _n; init { Trace.Log($"init N = {value}"); _n = value; } }
        }

        public struct Pair<T>
        {
            private T _first;
            public T First { get => _first; init { Trace.Log($"init First = {value}"); _first = value; } }
            public int Second;
            public override string ToString() => $"({_first}, {Second})";
        }

        public record Shape
        {
            private int _sides;
            public virtual int Sides { get => _sides; init { Trace.Log($"shape init Sides = {value}"); _sides = value; } }
        }

        public sealed record Square : Shape
        {
            private int _sides;
            public override int Sides { get => _sides; init { Trace.Log($"square init Sides = {value}"); _sides = value; } }
        }

        public abstract record Figure
        {
            public abstract int Corners { get; init; }
        }

        public sealed record Triangle : Figure
        {
            private int _corners;
            public override int Corners { get => _corners; init { Trace.Log($"triangle init Corners = {value}"); _corners = value; } }
        }

        public readonly struct Gate<T>
        {
            private readonly T _name;
            private readonly bool _value;

            public Gate(T name, bool value)
            {
                _name = name;
                _value = value;
            }

            public static bool operator true(Gate<T> g)
            {
                Trace.Log($"true({g._name})");
                return g._value;
            }

            public static bool operator false(Gate<T> g)
            {
                Trace.Log($"false({g._name})");
                return !g._value;
            }

            public static Gate<T> operator &(Gate<T> a, Gate<T> b)
            {
                Trace.Log($"{a._name} & {b._name}");
                return new Gate<T>(a._name, a._value && b._value);
            }

            public static Gate<T> operator |(Gate<T> a, Gate<T> b)
            {
                Trace.Log($"{a._name} | {b._name}");
                return new Gate<T>(b._name, a._value || b._value);
            }

            public override string ToString() => $"{_name}={_value}";
        }

        public sealed class Outer<T>
        {
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
                    Trace.Log($"flag true({f._name})");
                    return f._value;
                }

                public static bool operator false(Flag f)
                {
                    Trace.Log($"flag false({f._name})");
                    return !f._value;
                }

                public static Flag operator &(Flag a, Flag b) => new($"({a._name}&{b._name})", a._value && b._value);

                public static Flag operator |(Flag a, Flag b) => new($"({a._name}|{b._name})", a._value || b._value);

                public override string ToString() => $"{_name}={_value}";
            }
        }

        public readonly struct Signal<T>
        {
            public readonly T Name;
            public readonly bool Value;

            public Signal(T name, bool value)
            {
                Name = name;
                Value = value;
            }

            public static implicit operator Gate<T>(Signal<T> s)
            {
                Trace.Log($"convert {s.Name}");
                return new Gate<T>(s.Name, s.Value);
            }
        }

        public class Bit
        {
            private readonly bool _value;

            public Bit(bool value) => _value = value;

            public static bool operator true(Bit b)
            {
                Trace.Log("bit true");
                return b._value;
            }

            public static bool operator false(Bit b)
            {
                Trace.Log("bit false");
                return !b._value;
            }

            public static Bit operator &(Bit a, Bit b) => new(a._value && b._value);

            public static Bit operator |(Bit a, Bit b) => new(a._value || b._value);

            public override string ToString() => _value.ToString();
        }

        public sealed class SubBit : Bit
        {
            public SubBit(bool value)
                : base(value)
            {
            }
        }

        [Coroutine]
        private static T Fetch<T>(T value)
        {
            Yield.Sleep(1);
            Trace.Log($"fetch {value}");
            return value;
        }

        private static async Task<T> FetchAsync<T>(T value)
        {
            await Task.Yield();
            Trace.Log($"fetch {value}");
            return value;
        }

        [Coroutine]
        private static string Resize<T>(Box<T> box, T content)
        {
            var bigger = box with { Content = content, Size = Fetch(2) };
            var plain = new Plain() with { N = Fetch(3) };
            var pair = new Pair<T>() with { Second = Fetch(4), First = content };
            var slot = new Shelf<int>.Slot<T>(1, content) with { Count = Fetch(5) };
            return $"{bigger} {plain.N} {pair} {slot}";
        }

        private static async Task<string> ResizeAsync<T>(Box<T> box, T content)
        {
            var bigger = box with { Content = content, Size = await FetchAsync(2) };
            var plain = new Plain() with { N = await FetchAsync(3) };
            var pair = new Pair<T>() with { Second = await FetchAsync(4), First = content };
            var slot = new Shelf<int>.Slot<T>(1, content) with { Count = await FetchAsync(5) };
            return $"{bigger} {plain.N} {pair} {slot}";
        }

        [Coroutine]
        public static string Withs(int n)
        {
            var text = Resize(new Box<string>("s"), "t");
            var number = Resize(new Box<int>(1), n);
            Shape shape = new Square();
            var more = shape with { Sides = Fetch(n) };
            var plain = new Shape() with { Sides = Fetch(n + 1) };
            Figure figure = new Triangle();
            var cornered = figure with { Corners = Fetch(3) };
            return $"{text} {number} {more.Sides} {plain.Sides} {cornered.Corners}";
        }

        public static async Task<string> WithsAsync(int n)
        {
            var text = await ResizeAsync(new Box<string>("s"), "t");
            var number = await ResizeAsync(new Box<int>(1), n);
            Shape shape = new Square();
            var more = shape with { Sides = await FetchAsync(n) };
            var plain = new Shape() with { Sides = await FetchAsync(n + 1) };
            Figure figure = new Triangle();
            var cornered = figure with { Corners = await FetchAsync(3) };
            return $"{text} {number} {more.Sides} {plain.Sides} {cornered.Corners}";
        }

        [Coroutine]
        private static string Gates<T>(T first, T second, bool a, bool b)
        {
            var and = new Gate<T>(first, a) && Fetch(new Gate<T>(second, b));
            var or = new Gate<T>(second, b) || Fetch(new Gate<T>(first, a));
            var flag = new Outer<T>.Flag("f", a) && Fetch(new Outer<T>.Flag("g", b));
            var bit = new Bit(b) || Fetch(new Bit(a));
            var converted = new Signal<T>(first, a) && Fetch(new Gate<T>(second, b));
            var both = new Gate<T>(second, b) || Fetch(new Signal<T>(first, a));
            var derived = new SubBit(a) && Fetch(new SubBit(b));
            return $"{and} {or} {flag} {bit} {converted} {both} {derived}";
        }

        private static async Task<string> GatesAsync<T>(T first, T second, bool a, bool b)
        {
            var and = new Gate<T>(first, a) && await FetchAsync(new Gate<T>(second, b));
            var or = new Gate<T>(second, b) || await FetchAsync(new Gate<T>(first, a));
            var flag = new Outer<T>.Flag("f", a) && await FetchAsync(new Outer<T>.Flag("g", b));
            var bit = new Bit(b) || await FetchAsync(new Bit(a));
            var converted = new Signal<T>(first, a) && await FetchAsync(new Gate<T>(second, b));
            var both = new Gate<T>(second, b) || await FetchAsync(new Signal<T>(first, a));
            var derived = new SubBit(a) && await FetchAsync(new SubBit(b));
            return $"{and} {or} {flag} {bit} {converted} {both} {derived}";
        }

        [Coroutine]
        public static string ShortCircuits(bool a, bool b)
        {
            var text = Gates("x", "y", a, b);
            var number = Gates(1, 2, b, a);
            var outer = new Outer<string>.Flag("o", b) || Fetch(new Outer<string>.Flag("p", a));
            return $"{text} {number} {outer}";
        }

        public static async Task<string> ShortCircuitsAsync(bool a, bool b)
        {
            var text = await GatesAsync("x", "y", a, b);
            var number = await GatesAsync(1, 2, b, a);
            var outer = new Outer<string>.Flag("o", b) || await FetchAsync(new Outer<string>.Flag("p", a));
            return $"{text} {number} {outer}";
        }
        """));

    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    public void Init_accessors_of_generic_records_in_generic_coroutines_and_virtual_ones_are_called_as_csharp_calls_them(int n) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Withs", n);

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Truth_operators_of_generic_types_and_in_generic_coroutines_are_called_as_csharp_calls_them(bool a, bool b) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "ShortCircuits", a, b);
}
