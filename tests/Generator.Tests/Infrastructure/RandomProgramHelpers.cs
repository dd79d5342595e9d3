namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// Members every batch of random programs shares (<see cref="RandomProgramGenerator.Compose(System.Collections.Generic.IReadOnlyList{RandomProgram}, out System.Collections.Generic.Dictionary{string, System.ValueTuple{int, int}})"/>):
/// the targets and callees of the suspensions the generator puts inside expressions. Each logs
/// what it is given, so the order in which C# evaluates operands and arguments shows in the trace.
/// </summary>
public static class RandomProgramHelpers
{
    /// <summary>
    /// <c>Box</c>: a class with a field, a nullable field, a logging property, a logging indexer
    /// (indexes taken modulo 4), a list and a method; <c>SBox</c>: a struct with a field, a
    /// property and a method that changes it (to see a struct local used in place);
    /// <c>Rec</c>: a record with its own copy constructor and logging init accessors; <c>Shelf</c>: a getter-only
    /// indexer of lists (nested initializers); <c>RFlag</c>: a class with its own <c>true</c>, <c>false</c>, <c>&amp;</c>, <c>|</c>;
    /// <c>KeepReader</c> (a filter's side effect) and <c>Items(out)</c> (a <c>foreach</c> collection declaring a variable);
    /// <c>Pair</c>, <c>Three</c>, <c>AddTo(ref)</c>, <c>Halve(out)</c>, <c>Peek(in)</c>: calls that log their arguments;
    /// <c>Bell</c>: suspension points of the program's own (<c>Ring</c>, with a value that may throw after the resume, and
    /// <c>Knock</c>), each with its async twin (<c>RingAsync</c>, <c>KnockAsync</c>) for the C# async oracle.
    /// </summary>
    public const string Source = """
        public sealed class Box
        {
            private readonly int[] _items = new int[4];
            private int _p;

            public Box()
            {
            }

            public Box(int f)
            {
                F = f;
                Trace.Log($"new Box({f})");
            }

            public int F;

            public int? N;

            public List<int> Items { get; } = new List<int>();

            public int P
            {
                get
                {
                    Trace.Log($"get P {_p}");
                    return _p;
                }
                set
                {
                    Trace.Log($"set P {value}");
                    _p = value;
                }
            }

            public int this[int i]
            {
                get
                {
                    Trace.Log($"get [{i}] {_items[i & 3]}");
                    return _items[i & 3];
                }
                set
                {
                    Trace.Log($"set [{i}] {value}");
                    _items[i & 3] = value;
                }
            }

            public int Sum(int x)
            {
                Trace.Log($"Sum({x}) on F={F}");
                return F + x;
            }

            public Box? Maybe(int k)
            {
                Trace.Log($"Maybe({k}) on F={F}");
                return k % 2 == 0 ? this : null;
            }

            public override string ToString() => $"Box(F={F}, P={_p}, N={N}, [{string.Join(",", _items)}], Items=[{string.Join(",", Items)}])";
        }

        public struct SBox
        {
            public int F;

            public int P { get; set; }

            public int Bump(int by)
            {
                F += by;
                Trace.Log($"Bump({by}) F={F}");
                return F;
            }

            public override string ToString() => $"SBox(F={F}, P={P})";
        }

        public sealed record Rec
        {
            private int _a;
            private int _b;

            public Rec(int a, int b)
            {
                _a = a;
                _b = b;
            }

            private Rec(Rec other)
            {
                Trace.Log($"copy {other}");
                _a = other._a;
                _b = other._b;
            }

            public int A
            {
                get => _a;
                init
                {
                    Trace.Log($"init A {value}");
                    _a = value;
                }
            }

            public int B
            {
                get => _b;
                init
                {
                    Trace.Log($"init B {value}");
                    _b = value;
                }
            }

            public override string ToString() => $"Rec({_a}, {_b})";
        }

        public sealed record PRec(int A, int B);

        public sealed class Shelf
        {
            private readonly List<int>[] _lists = { new List<int>(), new List<int>(), new List<int>(), new List<int>() };

            public List<int> this[int i]
            {
                get
                {
                    Trace.Log($"shelf get [{i}]");
                    return _lists[i & 3];
                }
            }

            public override string ToString() => $"{string.Join(",", _lists[0])}|{string.Join(",", _lists[1])}|{string.Join(",", _lists[2])}|{string.Join(",", _lists[3])}";
        }

        public sealed class RFlag
        {
            private readonly string _name;
            private readonly bool _value;

            private RFlag(string name, bool value)
            {
                _name = name;
                _value = value;
            }

            public static RFlag Of(string name, int k)
            {
                Trace.Log($"flag {name} {k}");
                return new RFlag(name, k % 2 == 0);
            }

            public static bool operator true(RFlag f)
            {
                Trace.Log($"true({f._name})");
                return f._value;
            }

            public static bool operator false(RFlag f)
            {
                Trace.Log($"false({f._name})");
                return !f._value;
            }

            public static RFlag operator &(RFlag a, RFlag b)
            {
                Trace.Log($"{a._name} & {b._name}");
                return new RFlag($"({a._name}&{b._name})", a._value && b._value);
            }

            public static RFlag operator |(RFlag a, RFlag b)
            {
                Trace.Log($"{a._name} | {b._name}");
                return new RFlag($"({a._name}|{b._name})", a._value || b._value);
            }

            public override string ToString() => $"{_name}={_value}";
        }

        private static Box? MaybeBox(Box box, int k) => k % 2 == 0 ? box : null;

        private static bool KeepReader(List<Func<int>> readers, Func<int> read)
        {
            readers.Add(read);
            return true;
        }

        private static int[] Items(out int count, int k)
        {
            count = (k & 1) + 1;
            Trace.Log($"items {count}");
            return count == 1 ? new[] { k } : new[] { k, k + 1 };
        }

        private static List<T> ListOf<T>(T first) => new List<T> { first };

        private static readonly object GateObject = new object();

        private static object Gate(int k)
        {
            Trace.Log($"gate {k}");
            return GateObject;
        }

        private static int Pair(int a, int b)
        {
            Trace.Log($"Pair({a}, {b})");
            return (a * 3) + b;
        }

        private static int Three(int a, int b, int c)
        {
            Trace.Log($"Three({a}, {b}, {c})");
            return a - b + (c * 2);
        }

        private static int AddTo(ref int target, int by)
        {
            Trace.Log($"AddTo({target}, {by})");
            target += by;
            return target;
        }

        private static int Halve(int value, out int half)
        {
            half = value / 2;
            Trace.Log($"Halve({value})");
            return value - half;
        }

        private static int Peek(in int value, int other)
        {
            Trace.Log($"Peek({value}, {other})");
            return value + other;
        }

        public sealed class Bell
        {
            public Bell(string name) => Name = name;

            public string Name { get; }

            public int Rings { get; private set; }

            [SuspensionPoint(nameof(BeginRing), Result = nameof(EndRing))]
            public int Ring(int x)
            {
                Trace.Log($"{Name} rings {x}");
                Yield.Sleep(x & 3);
                return EndRing(x);
            }

            public Suspension BeginRing(int x)
            {
                Trace.Log($"{Name} rings {x}");
                return Suspension.Sleep(x & 3);
            }

            public int EndRing(int x)
            {
                Rings++;
                return x % 7 == 6 ? throw new AppException($"{Name} cracked", x) : (x * 3) + Rings;
            }

            public async global::System.Threading.Tasks.Task<int> RingAsync(int x)
            {
                Trace.Log($"{Name} rings {x}");
                await global::Coroutines.Testing.VirtualTime.Sleep(x & 3);
                return EndRing(x);
            }

            [SuspensionPoint(nameof(BeginKnock))]
            public void Knock(int x)
            {
                Trace.Log($"{Name} knocks {x}");
                Yield.Sleep(x & 1);
            }

            public Suspension BeginKnock(int x)
            {
                Trace.Log($"{Name} knocks {x}");
                return Suspension.Sleep(x & 1);
            }

            public async global::System.Threading.Tasks.Task KnockAsync(int x)
            {
                Trace.Log($"{Name} knocks {x}");
                await global::Coroutines.Testing.VirtualTime.Sleep(x & 1);
            }
        }

        """;
}
