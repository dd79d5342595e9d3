using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// <c>base</c> accesses that read and write in one, against the direct call and the C#
/// <c>async</c> twin: <c>base[i] += x</c> (with a conversion, <c>byte</c>, and <c>string</c>),
/// <c>++base[i]</c> used as a value, <c>base[i]--</c> as a statement (through an accessor that
/// reads, runs the operator and writes back, in C#'s order: the index, the getter, the right
/// operand, the setter); base members that return by reference (a method, a property, an
/// indexer: read, assigned, <c>+=</c>, <c>++</c>), through accessors that return the same reference.
/// </summary>
public sealed class BaseUpdateTests
{
    private static readonly SharedProgram Program = new("""
        using System;
        using System.Threading.Tasks;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public class Shelf
        {
            private readonly int[] _slots = { 1, 2, 3, 4 };
            private readonly byte[] _small = { 250, 7 };
            private readonly string[] _names = { "a", "b" };
            private int _count = 10;

            public virtual int this[int i]
            {
                get { Trace.Log($"get shelf[{i}] = {_slots[i]}"); return _slots[i]; }
                set { Trace.Log($"set shelf[{i}] = {value}"); _slots[i] = value; }
            }

            public virtual byte this[byte i]
            {
                get => _small[i];
                set => _small[i] = value;
            }

            public virtual string this[string key]
            {
                get => _names[key == "first" ? 0 : 1];
                set => _names[key == "first" ? 0 : 1] = value;
            }

            public virtual ref int Slot(int i) => ref _slots[i];

            public virtual ref int Count => ref _count;

            public virtual ref int this[long i] => ref _slots[i];

            public string Dump() => $"{string.Join(",", _slots)} {string.Join(",", _small)} {string.Join(",", _names)} {_count}";
        }

        public partial class Counter : Shelf
        {
            public override int this[int i]
            {
                get => -1;
                set => Trace.Log("the override is not called");
            }

            public override byte this[byte i] { get => 0; set { } }

            public override string this[string key] { get => "override"; set { } }

            public override ref int Slot(int i) => throw new InvalidOperationException("the override is not called");

            public override ref int Count => throw new InvalidOperationException("the override is not called");

            public override ref int this[long i] => throw new InvalidOperationException("the override is not called");

            private int Next(string what)
            {
                Trace.Log($"evaluate {what}");
                return what.Length;
            }

            [Coroutine]
            public string Update(int rounds)
            {
                for (int r = 0; r < rounds; r++)
                {
                    base[Next("index")] += Next("right");
                    Yield.Sleep(1);
                    int incremented = ++base[0];
                    base[3]--;
                    base[(byte)0] += 10;
                    base["first"] += "!";
                    Trace.Log($"round {r}: {incremented} {Dump()}");
                    Yield.Sleep(1);
                }
                return Dump();
            }

            [Coroutine]
            public string References(int rounds)
            {
                for (int r = 0; r < rounds; r++)
                {
                    base.Slot(1) += 100;
                    int read = base.Slot(1);
                    Yield.Sleep(1);
                    base.Count++;
                    base[2L] = base[2L] * 2;
                    base[0L] += read;
                    Trace.Log($"round {r}: {read} {base.Count} {Dump()}");
                }
                return Dump();
            }

            public async Task<string> UpdateAsync(int rounds)
            {
                for (int r = 0; r < rounds; r++)
                {
                    base[Next("index")] += Next("right");
                    await Task.Yield();
                    int incremented = ++base[0];
                    base[3]--;
                    base[(byte)0] += 10;
                    base["first"] += "!";
                    Trace.Log($"round {r}: {incremented} {Dump()}");
                    await Task.Yield();
                }
                return Dump();
            }

            public async Task<string> ReferencesAsync(int rounds)
            {
                for (int r = 0; r < rounds; r++)
                {
                    base.Slot(1) += 100;
                    int read = base.Slot(1);
                    await Task.Yield();
                    base.Count++;
                    base[2L] = base[2L] * 2;
                    base[0L] += read;
                    Trace.Log($"round {r}: {read} {base.Count} {Dump()}");
                }
                return Dump();
            }
        }
        """);

    private static void Compare(string method, params object?[] args) =>
        AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = "Demo.Counter", MethodName = method, Args = args });

    [Theory]
    [InlineData(2)]
    public void Compound_assignments_and_increments_of_a_base_indexer_skip_the_override(int rounds) => Compare("Update", rounds);

    [Theory]
    [InlineData(2)]
    public void Base_members_that_return_by_reference_are_used_through_that_reference(int rounds) => Compare("References", rounds);
}
