using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Values of anonymous types across suspensions, against the direct call and the C# <c>async</c>
/// twin (<see cref="AsyncTwin"/>): a field cannot name an anonymous type, so the state machine
/// keeps such a value in an <c>object</c> field and reads it back through a shape (see
/// <c>Binding/AnonymousShape</c>). Locals (nested anonymous members, arrays, lists and enumerables of them, null, a
/// type parameter member, reassigned: the same object, not a copy), a local in a loop that a
/// lambda captures, an operand kept before a later suspension, and a <c>with</c> expression.
/// </summary>
public sealed class AnonymousTypeTests
{
    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        [Coroutine]
        private static int Fetch(int x)
        {
            Yield.Sleep(1);
            Trace.Log($"fetch {x}");
            return x * 10;
        }

        private static async Task<int> FetchAsync(int x)
        {
            await Task.Yield();
            Trace.Log($"fetch {x}");
            return x * 10;
        }

        private static int s_next;

        private static int Next()
        {
            s_next++;
            Trace.Log($"next {s_next}");
            return s_next;
        }

        private static string Use(object? value, int then) => $"{value ?? "null"} {then}";

        [Coroutine]
        public static string Locals(int start)
        {
            var point = new { X = start, Name = "p" + start, Inner = new { Tags = new[] { "a", "b" }, When = (int?)null } };
            var rows = new[] { new { K = 1, Label = (string?)null }, new { K = 2, Label = (string?)"two" } };
            object before = point;
            Yield.Sleep(1);
            Trace.Log($"{point.X} {point.Name} {point.Inner.Tags.Length} {point.Inner.When} {ReferenceEquals(before, point)}");
            point = new { X = point.X + 1, Name = point.Name, Inner = point.Inner };
            object after = point;
            Yield.Sleep(1);
            Trace.Log($"{point} {rows[1].K} {rows[1].Label} {ReferenceEquals(after, point)} {ReferenceEquals(before, point)}");
            var maybe = start > 1 ? new { A = "big" } : null;
            var listed = rows.Select(r => new { r.K, Point = point }).ToList();
            var query = rows.Select(r => new { Twice = r.K * 2 });
            Yield.Sleep(1);
            listed.Add(new { K = 3, Point = point });
            return $"{point.X} {maybe?.A ?? "none"} {rows.Sum(r => r.K)} {new { point.X }} {listed.Count} {listed[2].Point.X} {string.Join(",", query.Select(q => q.Twice))}";
        }

        public static async Task<string> LocalsAsync(int start)
        {
            var point = new { X = start, Name = "p" + start, Inner = new { Tags = new[] { "a", "b" }, When = (int?)null } };
            var rows = new[] { new { K = 1, Label = (string?)null }, new { K = 2, Label = (string?)"two" } };
            object before = point;
            await Task.Yield();
            Trace.Log($"{point.X} {point.Name} {point.Inner.Tags.Length} {point.Inner.When} {ReferenceEquals(before, point)}");
            point = new { X = point.X + 1, Name = point.Name, Inner = point.Inner };
            object after = point;
            await Task.Yield();
            Trace.Log($"{point} {rows[1].K} {rows[1].Label} {ReferenceEquals(after, point)} {ReferenceEquals(before, point)}");
            var maybe = start > 1 ? new { A = "big" } : null;
            var listed = rows.Select(r => new { r.K, Point = point }).ToList();
            var query = rows.Select(r => new { Twice = r.K * 2 });
            await Task.Yield();
            listed.Add(new { K = 3, Point = point });
            return $"{point.X} {maybe?.A ?? "none"} {rows.Sum(r => r.K)} {new { point.X }} {listed.Count} {listed[2].Point.X} {string.Join(",", query.Select(q => q.Twice))}";
        }

        [Coroutine]
        public static string Generic<T>(T value, int rounds)
        {
            var pair = new { Value = value, Count = 0 };
            for (var i = 0; i < rounds; i++)
            {
                Yield.Sleep(1);
                pair = new { pair.Value, Count = pair.Count + Fetch(i) };
            }
            return $"{pair}";
        }

        public static async Task<string> GenericAsync<T>(T value, int rounds)
        {
            var pair = new { Value = value, Count = 0 };
            for (var i = 0; i < rounds; i++)
            {
                await Task.Yield();
                pair = new { pair.Value, Count = pair.Count + await FetchAsync(i) };
            }
            return $"{pair}";
        }

        [Coroutine]
        public static string CapturedInALoop(int count)
        {
            var readers = new List<Func<string>>();
            for (var i = 0; i < count; i++)
            {
                var item = new { Index = i, Square = i * i };
                readers.Add(() => $"{item.Index}:{item.Square}");
                Yield.Sleep(1);
                Trace.Log($"item {item}");
            }
            var total = new { Sum = 0 };
            Func<int> read = () => total.Sum;
            Yield.Sleep(1);
            total = new { Sum = readers.Count };
            return string.Join(",", readers.Select(r => r())) + " " + read();
        }

        public static async Task<string> CapturedInALoopAsync(int count)
        {
            var readers = new List<Func<string>>();
            for (var i = 0; i < count; i++)
            {
                var item = new { Index = i, Square = i * i };
                readers.Add(() => $"{item.Index}:{item.Square}");
                await Task.Yield();
                Trace.Log($"item {item}");
            }
            var total = new { Sum = 0 };
            Func<int> read = () => total.Sum;
            await Task.Yield();
            total = new { Sum = readers.Count };
            return string.Join(",", readers.Select(r => r())) + " " + read();
        }

        [Coroutine]
        public static string OperandsAndWith(int start)
        {
            s_next = start;
            var first = Use(start > 1 ? new { A = Next() } : null, Fetch(1));
            var source = new { A = 1, B = "b" };
            var second = Use(Pick(source, start), Fetch(2));
            var copied = source with { B = "c" + Fetch(3), A = Next() };
            var third = (new { A = Next(), B = "x" } with { A = Fetch(4) }).A;
            return $"{first} | {second} | {copied} | {third}";
        }

        public static async Task<string> OperandsAndWithAsync(int start)
        {
            s_next = start;
            var first = Use(start > 1 ? new { A = Next() } : null, await FetchAsync(1));
            var source = new { A = 1, B = "b" };
            var second = Use(Pick(source, start), await FetchAsync(2));
            var copied = source with { B = "c" + await FetchAsync(3), A = Next() };
            var third = (new { A = Next(), B = "x" } with { A = await FetchAsync(4) }).A;
            return $"{first} | {second} | {copied} | {third}";
        }

        [Coroutine]
        public static string LambdaOfAnAnonymousTypeInALoop(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var sums = new List<int[]>();
            var names = new List<IEnumerable<string>>();
            foreach (var item in Enumerable.Range(1, count))
            {
                sums.Add(Array.ConvertAll(rows, x => x.A * 10 + item));
                names.Add(rows.Select(x => new { x.A, item }).Select(p => $"{p.A}/{p.item}"));
                Yield.Sleep(1);
                Trace.Log($"item {item}: {string.Join(",", sums[sums.Count - 1])}");
            }
            return string.Join(" ", sums.Select(s => string.Join(",", s))) + " " + string.Join(" ", names.Select(n => string.Join(",", n)));
        }

        public static async Task<string> LambdaOfAnAnonymousTypeInALoopAsync(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var sums = new List<int[]>();
            var names = new List<IEnumerable<string>>();
            foreach (var item in Enumerable.Range(1, count))
            {
                sums.Add(Array.ConvertAll(rows, x => x.A * 10 + item));
                names.Add(rows.Select(x => new { x.A, item }).Select(p => $"{p.A}/{p.item}"));
                await Task.Yield();
                Trace.Log($"item {item}: {string.Join(",", sums[sums.Count - 1])}");
            }
            return string.Join(" ", sums.Select(s => string.Join(",", s))) + " " + string.Join(" ", names.Select(n => string.Join(",", n)));
        }

        private static T Pick<T>(T value, int start)
        {
            Trace.Log($"pick {value}");
            return value;
        }
        """));

    private static void Compare(string method, params object?[] args) => AsyncTwin.Compare(Program, Programs.StaticType, method, args);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_local_of_an_anonymous_type_lives_across_suspensions_as_the_same_object(int start) => Compare("Locals", start);

    [Fact]
    public void A_local_of_an_anonymous_type_with_a_type_parameter_member() =>
        AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = Programs.StaticType, MethodName = "Generic", MethodTypeArguments = [typeof(string)], Args = ["v", 3] });

    [Fact]
    public void A_local_of_an_anonymous_type_captured_by_lambdas_per_iteration() => Compare("CapturedInALoop", 3);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_operand_of_an_anonymous_type_and_a_with_expression_before_a_suspension(int start) => Compare("OperandsAndWith", start);

    [Fact]
    public void A_lambda_over_an_anonymous_type_capturing_a_per_iteration_variable() => Compare("LambdaOfAnAnonymousTypeInALoop", 3);
}
