using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A base indexer read and written in one where the value matters, against the direct call and
/// the C# <c>async</c> twin: <c>base[i] ??= x</c> (a reference type, a <c>T?</c> whose <c>??=</c>
/// gives a <c>T</c>, a <c>T?</c> given a <c>T?</c>; as a statement and as a value; <c>x</c>
/// evaluated, and the setter called, only when the value read is null; <c>x</c> a suspension) and
/// <c>base[i]++</c> / <c>base[i]--</c> whose value (the old one) is used, also before a later
/// suspension in the same expression; <c>base[i] += F()</c> and <c>??=</c> whose right side suspends
/// (the setter called after the resume); a base indexer as a deconstruction target, nested too and
/// with a right side that suspends (its indexes first, then the right side, then the setters in
/// order). C#'s order: the indexes, the getter, the right side, the
/// setter; never the override.
/// </summary>
public sealed class BaseIndexerValueTests
{
    private static readonly SharedProgram Program = new("""
        using System;
        using System.Threading.Tasks;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public class Store
        {
            private readonly string?[] _names = { null, "kept", null };
            private readonly int?[] _counts = { null, 5, null };
            private readonly int[] _slots = { 1, 2, 3 };

            public virtual string? this[int i]
            {
                get { Trace.Log($"get names[{i}] = {_names[i] ?? "null"}"); return _names[i]; }
                set { Trace.Log($"set names[{i}] = {value ?? "null"}"); _names[i] = value; }
            }

            public virtual int? this[long i]
            {
                get { Trace.Log($"get counts[{i}] = {_counts[i]?.ToString() ?? "null"}"); return _counts[i]; }
                set { Trace.Log($"set counts[{i}] = {value?.ToString() ?? "null"}"); _counts[i] = value; }
            }

            public virtual int this[short i]
            {
                get { Trace.Log($"get slots[{i}] = {_slots[i]}"); return _slots[i]; }
                set { Trace.Log($"set slots[{i}] = {value}"); _slots[i] = value; }
            }

            public string Dump() => $"{string.Join(",", Array.ConvertAll(_names, n => n ?? "null"))} {string.Join(",", Array.ConvertAll(_counts, c => c?.ToString() ?? "null"))} {string.Join(",", _slots)}";
        }

        public partial class Cache : Store
        {
            public override string? this[int i] { get => "override"; set => Trace.Log("the override is not called"); }

            public override int? this[long i] { get => -1; set => Trace.Log("the override is not called"); }

            public override int this[short i] { get => -1; set => Trace.Log("the override is not called"); }

            private static int Index(int i)
            {
                Trace.Log($"index {i}");
                return i;
            }

            private static T Value<T>(T value)
            {
                Trace.Log($"value {value}");
                return value;
            }

            private static string Both(int first, int second) => $"{first}+{second}";

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

            [Coroutine]
            public string Fill(int rounds)
            {
                string seen = "";
                for (int r = 0; r < rounds; r++)
                {
                    string name = base[Index(r % 3)] ??= Value("name " + r);
                    Yield.Sleep(1);
                    int count = base[(long)Index(r % 3)] ??= Value(r * 2);
                    int? maybe = base[2L] ??= Value<int?>(r % 2 == 0 ? null : r);
                    base[Index(2)] ??= Value("late " + r);
                    int old = base[(short)Index(r % 3)]++;
                    string both = Both(base[(short)0]--, Fetch(r));
                    base[(long)0] ??= Fetch(r + 1);
                    int added = base[(short)Index(2)] += Fetch(r);
                    string given = base[Index(r % 3)] ??= Fetch(r).ToString();
                    int spare;
                    (base[Index(1)], (spare, base[(short)Index(0)])) = (Value("pair " + r), (Value(r), Value(r + 100)));
                    (base[(long)Index(1)], spare) = (Fetch(r), Fetch(r + 1));
                    seen += $"{name} {count} {maybe?.ToString() ?? "null"} {old} {both} {added} {given} {spare}; ";
                    Trace.Log($"round {r}: {Dump()}");
                    Yield.Sleep(1);
                }
                return seen + Dump();
            }

            public async Task<string> FillAsync(int rounds)
            {
                string seen = "";
                for (int r = 0; r < rounds; r++)
                {
                    string name = base[Index(r % 3)] ??= Value("name " + r);
                    await Task.Yield();
                    int count = base[(long)Index(r % 3)] ??= Value(r * 2);
                    int? maybe = base[2L] ??= Value<int?>(r % 2 == 0 ? null : r);
                    base[Index(2)] ??= Value("late " + r);
                    int old = base[(short)Index(r % 3)]++;
                    string both = Both(base[(short)0]--, await FetchAsync(r));
                    base[(long)0] ??= await FetchAsync(r + 1);
                    int added = base[(short)Index(2)] += await FetchAsync(r);
                    string given = base[Index(r % 3)] ??= (await FetchAsync(r)).ToString();
                    int spare;
                    (base[Index(1)], (spare, base[(short)Index(0)])) = (Value("pair " + r), (Value(r), Value(r + 100)));
                    (base[(long)Index(1)], spare) = (await FetchAsync(r), await FetchAsync(r + 1));
                    seen += $"{name} {count} {maybe?.ToString() ?? "null"} {old} {both} {added} {given} {spare}; ";
                    Trace.Log($"round {r}: {Dump()}");
                    await Task.Yield();
                }
                return seen + Dump();
            }
        }
        """);

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Coalescing_assignments_and_postfix_values_of_a_base_indexer_skip_the_override(int rounds) =>
        AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = "Demo.Cache", MethodName = "Fill", Args = [rounds] });
}
