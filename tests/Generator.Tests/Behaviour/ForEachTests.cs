using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests: Yield.Sleep inside <c>foreach</c> over arrays, lists, iterators, pattern-based
/// and extension <c>GetEnumerator</c>, with deconstruction, conversions, and every way out. The
/// test enumerables log every <c>MoveNext</c> and their disposal (an iterator's <c>finally</c>),
/// so the traces show the enumerator is kept across sleeps and disposed once on every exit path.
/// </summary>
public sealed class ForEachTests
{
    private static readonly SharedProgram Program = new((GeneratorHarness.DefaultPath, Programs.Static(Programs.TestTypes + """
        private static IEnumerable<int> Numbers(string name, int count)
        {
            Trace.Log($"{name}: iterator starts");
            try
            {
                for (int i = 1; i <= count; i++)
                {
                    Trace.Log($"{name}: yields {i}");
                    yield return i;
                }
            }
            finally
            {
                Trace.Log($"{name}: iterator finally (disposed or finished)");
            }
        }

        [Coroutine]
        public static int OverAnArray(int mode)
        {
            int[] items = [5, 1, 0, 7, 3];
            int sum = 0;
            foreach (var item in items)
            {
                Yield.Sleep(item);
                if (mode == 1 && item == 0) continue;
                if (mode == 2 && item == 7) break;
                if (mode == 3 && item == 7) return -sum;
                if (mode == 4 && item == 7) throw new AppException($"at {item}");
                sum += item;
                Trace.Log($"item {item}, sum {sum}");
            }
            return sum;
        }

        [Coroutine]
        public static int OverAList(int mode)
        {
            var list = new List<int> { 2, 4, 6 };
            int sum = 0;
            foreach (int x in list)
            {
                Trace.Log($"x {x}");
                Yield.Sleep(x);
                sum += x;
                if (mode == 1 && x == 4)
                    list.Add(8); // the enumerator notices on its next MoveNext
            }
            return sum;
        }

        [Coroutine]
        public static string OverAnIterator(int mode)
        {
            string seen = "";
            foreach (var n in Numbers("it", 4))
            {
                Yield.Sleep(n * 10);
                seen += n;
                if (mode == 1 && n == 2) break;
                if (mode == 2 && n == 3) throw new AppException("thrown in the body");
                if (mode == 3 && n == 2) return "returned " + seen;
            }
            Trace.Log("after the loop");
            return seen;
        }

        [Coroutine]
        public static string NestedLoops(int mode)
        {
            string seen = "";
            foreach (var outer in Numbers("outer", 3))
            {
                foreach (var inner in Numbers($"inner{outer}", 2))
                {
                    Yield.Sleep(outer + inner);
                    seen += $"{outer}{inner} ";
                    if (mode == 1 && inner == 1) continue;
                    if (mode == 2 && outer == 2) break;
                    if (mode == 3 && outer == 2) return seen;
                }
                Trace.Log($"after inner loop {outer}");
            }
            return seen;
        }

        public struct Countdown
        {
            private int _left;

            public Countdown(int from) => _left = from + 1;

            public Countdown GetEnumerator() => this;

            public int Current => _left;

            public bool MoveNext()
            {
                Trace.Log($"countdown MoveNext ({_left - 1} left)");
                return --_left > 0;
            }
        }

        public class ClassEnumerator
        {
            private int _i;

            public int Current => _i * 100;

            public bool MoveNext() => ++_i <= 3;
        }

        public sealed class DisposableEnumerator : ClassEnumerator, IDisposable
        {
            public void Dispose() => Trace.Log("the run-time type is IDisposable: disposed");
        }

        public sealed class Pattern
        {
            private readonly bool _disposable;

            public Pattern(bool disposable) => _disposable = disposable;

            public ClassEnumerator GetEnumerator() => _disposable ? new DisposableEnumerator() : new ClassEnumerator();
        }

        [Coroutine]
        public static int PatternBasedEnumerators(int mode)
        {
            int sum = 0;
            foreach (var c in new Countdown(3))
            {
                Yield.Sleep(c);
                sum += c;
            }
            foreach (var v in new Pattern(mode == 1))
            {
                Yield.Sleep(1);
                sum += v;
                Trace.Log($"pattern value {v}");
            }
            return sum;
        }

        [Coroutine]
        public static string ExtensionGetEnumerator(int count)
        {
            string seen = "";
            foreach (var i in new Upto(count))
            {
                Yield.Sleep(i);
                seen += i;
            }
            return seen;
        }

        [Coroutine]
        public static string Deconstruction(int mode)
        {
            var pairs = new List<(int Number, string Name)> { (1, "one"), (2, "two"), (3, "three") };
            string seen = "";
            foreach (var (number, name) in pairs)
            {
                Yield.Sleep(number);
                seen += $"{name}={number} ";
                if (mode == 1 && number == 2) break;
            }
            var map = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 };
            foreach ((string key, int value) in map)
            {
                Yield.Sleep(value);
                Trace.Log($"{key} -> {value}");
            }
            foreach (var (x, (y, z)) in new List<(int, (int, int))> { (1, (2, 3)) })
            {
                Yield.Sleep(x + y + z);
                seen += x * y * z;
            }
            foreach (var (number, _) in pairs)
            {
                Yield.Sleep(number);
                seen += number; // a discard beside a kept variable: the variable's field is assigned
            }
            var (first, _) = pairs[2];
            Yield.Sleep(1);
            seen += first;
            return seen;
        }

        [Coroutine]
        public static string ConversionsAndOtherCollections(int mode)
        {
            string seen = "";
            var objects = new List<object> { "a", "bc" };
            foreach (string s in objects)
            {
                Yield.Sleep(s.Length);
                seen += s;
            }
            foreach (var ch in "xyz")
            {
                Yield.Sleep(1);
                seen += char.ToUpperInvariant(ch);
            }
            int[,] grid = new int[,] { { 1, 2 }, { 3, 4 } };
            foreach (int cell in grid)
            {
                Yield.Sleep(cell);
                seen += cell;
            }
            if (mode == 1)
            {
                var mixed = new List<object> { "ok", 5 };
                foreach (string s in mixed) // the second element fails the cast
                {
                    Yield.Sleep(1);
                    seen += s;
                }
            }
            return seen;
        }

        [Coroutine]
        public static string TheCollectionIsEvaluatedOnce(int mode)
        {
            int[] items = [1, 2, 3];
            string seen = "";
            foreach (var item in items)
            {
                Yield.Sleep(item);
                items = [9, 9, 9, 9];
                seen += item;
            }
            return seen + " then " + items.Length;
        }

        [Coroutine]
        public static int IterationVariableAndLocalsInTheBody(int mode)
        {
            int total = 0;
            foreach (var item in Numbers("body", 3))
            {
                int doubled = item * 2;
                Yield.Sleep(doubled);
                int after = doubled + mode;
                Yield.Sleep(1);
                total += after;
                Trace.Log($"item {item} doubled {doubled} after {after}");
            }
            return total;
        }

        [Coroutine]
        public static string ForEachInsideTryAndUsing(int mode)
        {
            string seen = "";
            try
            {
                using var r = new Res("around the loop");
                foreach (var n in Numbers("guarded", 3))
                {
                    using (var perItem = new Res($"item {n}"))
                    {
                        Yield.Sleep(n);
                        if (mode == 1 && n == 2) throw new AppException("in the loop");
                        seen += n;
                    }
                }
            }
            catch (AppException e)
            {
                Yield.Sleep(5);
                Trace.Log($"caught {e.Message}");
            }
            finally
            {
                Trace.Log("finally");
            }
            return seen;
        }

        [Coroutine]
        public static int EmptyCollections(int mode)
        {
            int count = 0;
            foreach (var x in new List<int>())
            {
                Yield.Sleep(x);
                count++;
            }
            foreach (var n in Numbers("empty", 0))
            {
                Yield.Sleep(n);
                count++;
            }
            Trace.Log($"count {count}");
            return count + mode;
        }
        """)), ("Upto.cs", """
        namespace Demo;

        public readonly record struct Upto(int Count);

        public static class UptoExtensions
        {
            public static System.Collections.Generic.IEnumerator<int> GetEnumerator(this Upto upto)
            {
                for (int i = 1; i <= upto.Count; i++)
                {
                    yield return i;
                }
            }
        }
        """));

    private static void Compare(string method, params object?[] args) => Program.Compare(Programs.StaticType, method, args);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Over_an_array_with_continue_break_return_and_throw(int mode) => Compare("OverAnArray", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Over_a_list_whose_struct_enumerator_lives_across_sleeps(int mode) => Compare("OverAList", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Over_an_iterator_which_is_disposed_on_every_exit(int mode) => Compare("OverAnIterator", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Nested_loops(int mode) => Compare("NestedLoops", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Pattern_based_GetEnumerator_and_run_time_disposal(int mode) => Compare("PatternBasedEnumerators", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Extension_GetEnumerator(int count) => Compare("ExtensionGetEnumerator", count);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Deconstruction_of_tuples_and_key_value_pairs(int mode) => Compare("Deconstruction", mode);

    [Fact]
    public void Deconstruction_over_an_array_of_tuples()
    {
        // Its own program: an array's foreach must deconstruct the element type, not object.
        Oracle.Compare(Programs.Static("""
            [Coroutine]
            public static int Run(int mode)
            {
                int total = 0;
                foreach (var (a, b) in new[] { (1, 10), (2, 20) })
                {
                    Yield.Sleep(a);
                    total += a * b + mode;
                }
                (int, string)[] named = [(3, "three")];
                foreach ((int n, string s) in named)
                {
                    Yield.Sleep(n);
                    Trace.Log($"{n} {s}");
                }
                return total;
            }
            """), Programs.StaticType, "Run", 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Conversions_strings_and_multidimensional_arrays(int mode) => Compare("ConversionsAndOtherCollections", mode);

    [Fact]
    public void An_iteration_type_converted_from_the_array_element_type()
    {
        // Its own program: the array's elements are int; the iteration variable is long (an
        // implicit numeric conversion of each element, not an unboxing of object to long).
        Oracle.Compare(Programs.Static("""
            [Coroutine]
            public static string Run()
            {
                string seen = "";
                foreach (long big in new[] { 1, 2 })
                {
                    Yield.Sleep((int)big);
                    seen += big.GetType().Name + " ";
                }
                foreach (double d in new int[,] { { 3 } })
                {
                    Yield.Sleep(1);
                    seen += d / 2;
                }
                return seen;
            }
            """), Programs.StaticType, "Run");
    }

    [Fact]
    public void Array_initializers_in_declarations_of_hoisted_locals()
    {
        // Its own program: `int[] a = { ... };` is only valid in a declaration, so a hoisted local needs `new[]`.
        Oracle.Compare(Programs.Static("""
            [Coroutine]
            public static int Run()
            {
                int[,] grid = { { 1, 2 }, { 3, 4 } };
                int[] flat = { 5, 6 };
                int sum = 0;
                foreach (var cell in grid)
                {
                    Yield.Sleep(cell);
                    sum += cell * flat[cell % 2];
                }
                return sum;
            }
            """), Programs.StaticType, "Run");
    }

    [Fact]
    public void The_collection_is_evaluated_once() => Compare("TheCollectionIsEvaluatedOnce", 0);

    [Fact]
    public void The_iteration_variable_and_body_locals_survive_sleeps() => Compare("IterationVariableAndLocalsInTheBody", 1);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Foreach_inside_try_and_using(int mode) => Compare("ForEachInsideTryAndUsing", mode);

    [Fact]
    public void Empty_collections() => Compare("EmptyCollections", 0);
}
