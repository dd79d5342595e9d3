using System.Threading.Tasks;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// The runtime's <c>[UnsafeAccessor]</c> methods of init accessors (a <c>with</c> expression's member set after a
/// suspension) and of <c>operator false</c>/<c>true</c> (<c>x &amp;&amp; F()</c>, <c>x || F()</c>) where the target is a
/// type only the user's own types can name, in a generic context: a private record and a constrained private generic record in a
/// generic coroutine, private records and a private class with truth operators of a generic type (also another
/// instantiation of it, and from a type nested in it), a private record of the type around a generic type, private records
/// in [Coroutine] local functions of a generic method (one captures), a private generic class in a plain coroutine,
/// protected types of a base class. Their accessors are declared in a private class nested in the user's type; each accessor and
/// operator traces, against the direct call and the C# <c>async</c> twin. Also a <c>with</c> expression that sets,
/// after a suspension, a property that overrides one with an init accessor (or a setter) and declares only a getter: the
/// inherited accessor is called, as C# calls it.
/// </summary>
public sealed class PrivateRuntimeAccessorTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        private record Box(int Size)
        {
            private int _width;
            public int Width { get => _width; init { Trace.Log($"init Width = {value} of {Size}"); _width = value; } }
        }

        private record Pack<T>(T Tag)
            where T : IComparable<T>
        {
            private int _count;
            public int Count { get => _count; init { Trace.Log($"init Count = {value} of {Tag}"); _count = value; } }
        }

        private sealed class Mark<T>
        {
            private readonly T _name;
            private readonly bool _value;

            public Mark(T name, bool value)
            {
                _name = name;
                _value = value;
            }

            public static bool operator true(Mark<T> m)
            {
                Trace.Log($"mark true({m._name})");
                return m._value;
            }

            public static bool operator false(Mark<T> m)
            {
                Trace.Log($"mark false({m._name})");
                return !m._value;
            }

            public static Mark<T> operator &(Mark<T> a, Mark<T> b) => new(a._name, a._value && b._value);

            public static Mark<T> operator |(Mark<T> a, Mark<T> b) => new(b._name, a._value || b._value);

            public override string ToString() => $"{_name}={_value}";
        }

        public partial class Host<X>
        {
            private record Slot(X Key)
            {
                private int _count;
                public int Count { get => _count; init { Trace.Log($"init Count = {value} of {Key}"); _count = value; } }
            }

            private record Cell<U>(X Key, U Item)
                where U : notnull
            {
                private int _mark;
                public int Mark { get => _mark; init { Trace.Log($"init Mark = {value} of {Key}/{Item}"); _mark = value; } }
            }

            private sealed class Flag
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

            [Coroutine]
            public static string Use(X key, bool a, bool b)
            {
                var slot = new Slot(key) with { Count = Fetch(4) };
                var cell = new Cell<int>(key, 5) with { Mark = Fetch(6) };
                var other = new Host<int>.Slot(7) with { Count = Fetch(8) };
                var and = new Flag("f", a) && Fetch(new Flag("g", b));
                var or = new Flag("h", b) || Fetch(new Flag("i", a));
                var box = new Box(10) with { Width = Fetch(11) };
                return $"{slot} {cell} {other} {and} {or} {box}";
            }

            public static async Task<string> UseAsync(X key, bool a, bool b)
            {
                var slot = new Slot(key) with { Count = await FetchAsync(4) };
                var cell = new Cell<int>(key, 5) with { Mark = await FetchAsync(6) };
                var other = new Host<int>.Slot(7) with { Count = await FetchAsync(8) };
                var and = new Flag("f", a) && await FetchAsync(new Flag("g", b));
                var or = new Flag("h", b) || await FetchAsync(new Flag("i", a));
                var box = new Box(10) with { Width = await FetchAsync(11) };
                return $"{slot} {cell} {other} {and} {or} {box}";
            }

            public partial class Inner
            {
                [Coroutine]
                public static string Deep<V>(X key, V item)
                    where V : notnull
                {
                    var cell = new Cell<V>(key, item) with { Mark = Fetch(9) };
                    var flag = new Flag("d", false) && Fetch(new Flag("e", true));
                    return $"{cell} {flag}";
                }

                public static async Task<string> DeepAsync<V>(X key, V item)
                    where V : notnull
                {
                    var cell = new Cell<V>(key, item) with { Mark = await FetchAsync(9) };
                    var flag = new Flag("d", false) && await FetchAsync(new Flag("e", true));
                    return $"{cell} {flag}";
                }
            }
        }

        public class Vault
        {
            protected record Secret(int Id)
            {
                private int _level;
                public int Level { get => _level; init { Trace.Log($"init Level = {value} of {Id}"); _level = value; } }
            }

            protected sealed class Key<T>
            {
                private readonly bool _value;

                public Key(bool value) => _value = value;

                public static bool operator true(Key<T> k)
                {
                    Trace.Log("key true");
                    return k._value;
                }

                public static bool operator false(Key<T> k)
                {
                    Trace.Log("key false");
                    return !k._value;
                }

                public static Key<T> operator &(Key<T> a, Key<T> b) => new(a._value && b._value);

                public static Key<T> operator |(Key<T> a, Key<T> b) => new(a._value || b._value);

                public override string ToString() => _value.ToString();
            }
        }

        public sealed partial class Safe : Vault
        {
            [Coroutine]
            public static string Open<T>(T tag, bool a)
            {
                var secret = new Secret(1) with { Level = Fetch(2) };
                var key = new Key<T>(a) || Fetch(new Key<T>(!a));
                return $"{tag} {secret} {key}";
            }

            public static async Task<string> OpenAsync<T>(T tag, bool a)
            {
                var secret = new Secret(1) with { Level = await FetchAsync(2) };
                var key = new Key<T>(a) || await FetchAsync(new Key<T>(!a));
                return $"{tag} {secret} {key}";
            }
        }

        public record Basic
        {
            private int _x;
            public virtual int X { get => _x; init { Trace.Log($"basic init X = {value}"); _x = value; } }
        }

        public sealed record Doubled : Basic
        {
            public override int X => base.X * 2;
        }

        public record Setting
        {
            private int _y;
            public virtual int Y { get => _y; set { Trace.Log($"setting set Y = {value}"); _y = value; } }
        }

        public sealed record Shifted : Setting
        {
            public override int Y => base.Y + 1;
        }

        public record Holder<T>(T Item)
        {
            private int _n;
            public virtual int N { get => _n; init { Trace.Log($"holder init N = {value} of {Item}"); _n = value; } }
        }

        public sealed record Counted : Holder<string>
        {
            public Counted()
                : base("c")
            {
            }

            public override int N => base.N + 100;
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
        private static string Widen<T>(T tag)
            where T : IComparable<T>
        {
            var box = new Box(1) with { Width = Fetch(2) };
            var pack = new Pack<T>(tag) with { Count = Fetch(3) };
            return $"{box} {pack}";
        }

        private static async Task<string> WidenAsync<T>(T tag)
            where T : IComparable<T>
        {
            var box = new Box(1) with { Width = await FetchAsync(2) };
            var pack = new Pack<T>(tag) with { Count = await FetchAsync(3) };
            return $"{box} {pack}";
        }

        [Coroutine]
        private static string Locals<T>(T tag, int n)
            where T : IComparable<T>
        {
            var first = Shrink(n);
            var second = Grow(n + 1);
            return $"{tag} {first} {second}";

            [Coroutine]
            static string Shrink(int size)
            {
                var box = new Box(size) with { Width = Fetch(size - 1) };
                return box.ToString();
            }

            [Coroutine]
            string Grow(int size)
            {
                var pack = new Pack<T>(tag) with { Count = Fetch(size) };
                return pack.ToString();
            }
        }

        private static async Task<string> LocalsAsync<T>(T tag, int n)
            where T : IComparable<T>
        {
            var first = await Shrink(n);
            var second = await Grow(n + 1);
            return $"{tag} {first} {second}";

            static async Task<string> Shrink(int size)
            {
                var box = new Box(size) with { Width = await FetchAsync(size - 1) };
                return box.ToString();
            }

            async Task<string> Grow(int size)
            {
                var pack = new Pack<T>(tag) with { Count = await FetchAsync(size) };
                return pack.ToString();
            }
        }

        [Coroutine]
        public static string Privates(bool a, bool b)
        {
            var widened = Widen("w");
            var used = Host<string>.Use("k", a, b);
            var deep = Host<long>.Inner.Deep(10L, "v");
            var mark = new Mark<int>(1, a) && Fetch(new Mark<int>(2, b));
            var opened = Safe.Open("s", a);
            var locals = Locals('l', 3);
            return $"{widened} | {used} | {deep} | {mark} | {opened} | {locals}";
        }

        public static async Task<string> PrivatesAsync(bool a, bool b)
        {
            var widened = await WidenAsync("w");
            var used = await Host<string>.UseAsync("k", a, b);
            var deep = await Host<long>.Inner.DeepAsync(10L, "v");
            var mark = new Mark<int>(1, a) && await FetchAsync(new Mark<int>(2, b));
            var opened = await Safe.OpenAsync("s", a);
            var locals = await LocalsAsync('l', 3);
            return $"{widened} | {used} | {deep} | {mark} | {opened} | {locals}";
        }

        [Coroutine]
        private static string Recount<T>(T tag, int n)
        {
            var counted = new Counted() with { N = Fetch(n) };
            return $"{tag} {counted.N}";
        }

        private static async Task<string> RecountAsync<T>(T tag, int n)
        {
            var counted = new Counted() with { N = await FetchAsync(n) };
            return $"{tag} {counted.N}";
        }

        [Coroutine]
        public static string Overrides(int n)
        {
            Basic basic = new Doubled();
            var doubled = new Doubled() with { X = Fetch(n) };
            var copied = basic with { X = Fetch(n + 1) };
            var recounted = Recount("r", n + 2);
            var shifted = new Shifted() with { Y = Fetch(n + 3) };
            return $"{doubled.X} {copied.X} {recounted} {shifted.Y}";
        }

        public static async Task<string> OverridesAsync(int n)
        {
            Basic basic = new Doubled();
            var doubled = new Doubled() with { X = await FetchAsync(n) };
            var copied = basic with { X = await FetchAsync(n + 1) };
            var recounted = await RecountAsync("r", n + 2);
            var shifted = new Shifted() with { Y = await FetchAsync(n + 3) };
            return $"{doubled.X} {copied.X} {recounted} {shifted.Y}";
        }
        """));

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Accessors_of_private_and_protected_types_in_generic_contexts_are_called_as_csharp_calls_them(bool a, bool b) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Privates", a, b);

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void A_with_expression_sets_an_override_without_its_own_init_accessor_through_the_inherited_one(int n) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Overrides", n);
}
