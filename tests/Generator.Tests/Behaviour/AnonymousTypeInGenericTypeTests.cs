using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Values whose types hold anonymous types inside generic types, arrays and tuples (<c>Dictionary&lt;int, ...&gt;</c>,
/// <c>(..., int)</c>, <c>IOrderedEnumerable&lt;...&gt;</c>, <c>...[,]</c>, <c>Func&lt;...&gt;</c>, <c>IGrouping&lt;int, ...&gt;</c>)
/// across suspensions, against the direct call and the C# <c>async</c> twin (<see cref="AsyncTwin"/>): kept in an
/// <c>object</c> field and read back through a shape that calls a shape method of the state machine
/// (<c>Shape_Dictionary(new { A = default(int) })</c>, see <c>Binding/AnonymousShape</c>).
/// </summary>
public sealed class AnonymousTypeInGenericTypeTests
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
            var rows = new[] { new { K = start, Name = "a" }, new { K = start + 1, Name = "b" }, new { K = start, Name = "c" } };
            var map = rows.ToDictionary(r => r.Name);
            var pair = (rows[0], start);
            var named = (Row: rows[1], Count: 2, Maybe: (string?)null);
            var ordered = rows.OrderByDescending(r => r.K);
            var grid = new[,] { { rows[0], rows[1] }, { rows[2], rows[0] } };
            Func<int, object> make = k => new { K = k };
            var factory = () => rows[2];
            var groups = rows.GroupBy(r => r.K);
            var first = groups.First();
            var nested = new { Id = start, Index = rows.ToDictionary(r => r.Name, r => new { Upper = r.Name.ToUpperInvariant() }) };
            var same = new Dictionary<object, int>().Count > 0 ? null : rows.ToDictionary(r => r, r => r);
            Yield.Sleep(1);
            Trace.Log($"{map["b"].K} {pair.Item1.Name} {pair.start} {named.Row.Name} {named.Count} {named.Maybe ?? "none"}");
            map = map.Where(e => e.Key != "a").ToDictionary(e => e.Key, e => e.Value);
            Yield.Sleep(1);
            Trace.Log($"{map.Count} {string.Join(",", ordered.Select(r => r.Name))} {grid[1, 0].Name} {factory().Name} {make(3)}");
            Yield.Sleep(1);
            return $"{string.Join(";", groups.Select(g => g.Key + ":" + g.Count()))} {first.Key} {nested.Index["c"].Upper} {same?[rows[1]].Name} {ReferenceEquals(same?[rows[0]], rows[0])}";
        }

        public static async Task<string> LocalsAsync(int start)
        {
            var rows = new[] { new { K = start, Name = "a" }, new { K = start + 1, Name = "b" }, new { K = start, Name = "c" } };
            var map = rows.ToDictionary(r => r.Name);
            var pair = (rows[0], start);
            var named = (Row: rows[1], Count: 2, Maybe: (string?)null);
            var ordered = rows.OrderByDescending(r => r.K);
            var grid = new[,] { { rows[0], rows[1] }, { rows[2], rows[0] } };
            Func<int, object> make = k => new { K = k };
            var factory = () => rows[2];
            var groups = rows.GroupBy(r => r.K);
            var first = groups.First();
            var nested = new { Id = start, Index = rows.ToDictionary(r => r.Name, r => new { Upper = r.Name.ToUpperInvariant() }) };
            var same = new Dictionary<object, int>().Count > 0 ? null : rows.ToDictionary(r => r, r => r);
            await Task.Yield();
            Trace.Log($"{map["b"].K} {pair.Item1.Name} {pair.start} {named.Row.Name} {named.Count} {named.Maybe ?? "none"}");
            map = map.Where(e => e.Key != "a").ToDictionary(e => e.Key, e => e.Value);
            await Task.Yield();
            Trace.Log($"{map.Count} {string.Join(",", ordered.Select(r => r.Name))} {grid[1, 0].Name} {factory().Name} {make(3)}");
            await Task.Yield();
            return $"{string.Join(";", groups.Select(g => g.Key + ":" + g.Count()))} {first.Key} {nested.Index["c"].Upper} {same?[rows[1]].Name} {ReferenceEquals(same?[rows[0]], rows[0])}";
        }

        [Coroutine]
        public static string Generic<T>(T value, int rounds) where T : notnull
        {
            var index = new Dictionary<T, (int Round, object Tag)> { [value] = (0, new { value }) };
            var byValue = new[] { new { Value = value, N = 1 } }.ToDictionary(x => x.Value);
            for (var i = 0; i < rounds; i++)
            {
                Yield.Sleep(1);
                byValue[value] = new { Value = value, N = byValue[value].N + Fetch(i) };
            }
            return $"{byValue[value]} {index.Count}";
        }

        public static async Task<string> GenericAsync<T>(T value, int rounds) where T : notnull
        {
            var index = new Dictionary<T, (int Round, object Tag)> { [value] = (0, new { value }) };
            var byValue = new[] { new { Value = value, N = 1 } }.ToDictionary(x => x.Value);
            for (var i = 0; i < rounds; i++)
            {
                await Task.Yield();
                byValue[value] = new { Value = value, N = byValue[value].N + await FetchAsync(i) };
            }
            return $"{byValue[value]} {index.Count}";
        }

        [Coroutine]
        public static string Operands(int start)
        {
            s_next = start;
            var first = Use(Tuple.Create(new { A = Next() }), Fetch(1));
            var second = Use((new { A = Next() }, Next()), Fetch(2));
            var source = new { A = 1, B = Tuple.Create(new { C = "c" }) };
            var copied = source with { A = Fetch(3) };
            var third = (new { A = Next(), B = new[] { new { C = 1 } }.ToDictionary(x => x.C) } with { A = Fetch(4) }).B[1].C;
            var fourth = Use(new[] { new { A = 1 } }.ToLookup(x => x.A), Fetch(5));
            return $"{first} | {second} | {copied.A} {copied.B.Item1.C} | {third} | {fourth}";
        }

        public static async Task<string> OperandsAsync(int start)
        {
            s_next = start;
            var first = Use(Tuple.Create(new { A = Next() }), await FetchAsync(1));
            var second = Use((new { A = Next() }, Next()), await FetchAsync(2));
            var source = new { A = 1, B = Tuple.Create(new { C = "c" }) };
            var copied = source with { A = await FetchAsync(3) };
            var third = (new { A = Next(), B = new[] { new { C = 1 } }.ToDictionary(x => x.C) } with { A = await FetchAsync(4) }).B[1].C;
            var fourth = Use(new[] { new { A = 1 } }.ToLookup(x => x.A), await FetchAsync(5));
            return $"{first} | {second} | {copied.A} {copied.B.Item1.C} | {third} | {fourth}";
        }
        """));

    private static void Compare(string method, params object?[] args) => AsyncTwin.Compare(Program, Programs.StaticType, method, args);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Locals_whose_types_hold_anonymous_types_inside_generic_types_arrays_and_tuples(int start) => Compare("Locals", start);

    [Fact]
    public void A_dictionary_of_anonymous_values_keyed_by_a_type_parameter() =>
        AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = Programs.StaticType, MethodName = "Generic", MethodTypeArguments = [typeof(string)], Args = ["v", 3] });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Operands_and_with_expressions_whose_types_hold_anonymous_types_inside_generic_types(int start) => Compare("Operands", start);
}
