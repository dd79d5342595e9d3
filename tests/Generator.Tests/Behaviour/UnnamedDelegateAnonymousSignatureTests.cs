using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A local whose type is or holds a delegate type C# made for a lambda whose own signature holds an anonymous type
/// (<c>var f = (ref int y) =&gt; new { A = y };</c>), living across a suspension: no delegate type of that signature can be
/// declared, so the local is kept in an <c>object</c> field and read back through a never-run lambda of the same signature,
/// whose natural type is that very type (C# gives all lambdas of one assembly with the same signature one delegate type).
/// Calls, copies, reassignments, <c>+=</c>, comparisons, a tuple, a <c>Func</c> returning one, a dictionary keyed by an
/// anonymous type, a closure per iteration, a generic method's type parameter, a return by reference, an operand kept before a
/// suspension and the copy a <c>with</c> starts from. Each
/// case runs against the direct call and the C# <c>async</c> twin (<see cref="AsyncTwin"/>, the same body with
/// <c>await Task.Yield()</c> for each sleep). The program must compile warning-free.
/// </summary>
public sealed class UnnamedDelegateAnonymousSignatureTests
{
    // Each method is written once: its async twin is the same body with `await Task.Yield()` for each sleep.
    private const string Methods = """
        public static string CalledCopiedAndReassigned(int start)
        {
            var f = (ref int y, int by = 2) => new { A = y += by, Name = "f" };
            var g = f;
            int n = start;
            Yield.Sleep(1);
            var first = f(ref n);
            Trace.Log($"{first} {f == g} {f(ref n, 10).A}");
            f = (ref int y, int by = 2) => new { A = y * by, Name = "again" };
            Yield.Sleep(1);
            Trace.Log($"{f(ref n)} {f == g} {g(ref n).Name} {first.GetType() == f(ref n).GetType()}");
            f += g;
            Yield.Sleep(1);
            var last = f(ref n);
            Trace.Log($"{last} {f.GetInvocationList().Length} {f.GetType() == g.GetType()}");
            f = null!;
            Yield.Sleep(1);
            return $"{n} {f is null} {g.Method.ReturnType == last.GetType()}";
        }

        public static string InsideOtherTypes(int start)
        {
            var t = Tuple.Create((ref int y) => new[] { new { A = y++ } });
            var make = (int x) => (ref int y, int z = 2) => new { A = y + x + z };
            var map = new[] { new { K = 1 }, new { K = 2 } }.ToDictionary(x => x, x => Tuple.Create((ref int y) => new { B = y + x.K }));
            var pair = (new { A = start }, Tuple.Create((ref int y) => new { B = y }));
            int n = start;
            Yield.Sleep(1);
            var made = make(3);
            Trace.Log($"{t.Item1(ref n)[0]} {made(ref n)} {make(1)(ref n, 5).A}");
            Yield.Sleep(1);
            foreach (var entry in map)
            {
                Trace.Log($"{entry.Key} {entry.Value.Item1(ref n)}");
            }
            Yield.Sleep(1);
            return $"{n} {made(ref n).A} {pair.Item1.A} {pair.Item2.Item1(ref n).B} {map.Keys.Last()}";
        }

        public static string ClosuresInALoop(int count)
        {
            var readers = new List<Func<string>>();
            for (int i = 0; i < count; i++)
            {
                var wrap = (ref int total) => new { Total = total += i, At = i };
                int local = i * 10;
                readers.Add(() => $"{wrap(ref local)}");
                Yield.Sleep(1);
                Trace.Log($"iteration {i}: {wrap(ref local)}");
            }
            return string.Join(",", readers.Select(r => r()));
        }

        public static string Generic<T>(T seed)
        {
            var keep = (ref T slot, int times = 2) => new { Slot = slot, Times = times };
            T held = seed;
            Yield.Sleep(1);
            var old = keep(ref held, 3);
            Yield.Sleep(1);
            return $"{old} {keep(ref held)}";
        }

        public static string ReturnedByReference(int start)
        {
            var rows = new[] { new { A = start }, new { A = 2 } };
            var at = (int i) => ref rows[i];
            Yield.Sleep(1);
            at(0) = new { A = at(1).A + 10 };
            Yield.Sleep(1);
            at(1) = at(0);
            return $"{rows[0]} {rows[1]} {at(0).A} {ReferenceEquals(rows[0], rows[1])}";
        }

        public static string InOperandsKeptAcrossASuspension(int start)
        {
            var pair = Use(Tuple.Create((ref int y) => new { B = y * 2 }, new { A = start }), Later(3));
            var n = pair.Item2.A;
            var made = Use((ref int y, int by = 2) => new { C = y *= by }, Later(4))(ref n, 3);
            var copy = new { A = 1, B = Tuple.Create((ref int y) => new { D = y + 1 }, new { C = start }) } with { A = Later(5) };
            var kept = (Tuple.Create((ref int y) => new { B = y }, new { A = 1 }), Later(6));
            return $"{pair.Item1(ref n)} {made} {n} {copy.A} {copy.B.Item1(ref n)} {copy.B.Item2} {kept.Item1.Item1(ref n)} {kept.Item2}";
        }

        """;

    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(
        UnnamedDelegateFlowTests.Helpers + Methods.Replace("public static string ", "[Coroutine]\npublic static string ") + Twins(Methods)));

    private static string Twins(string methods) =>
        methods.Replace("Yield.Sleep(1);", "await Task.Yield();")
            .Replace("Later(", "await LaterAsync(")
            .Replace("public static string CalledCopiedAndReassigned(", "public static async Task<string> CalledCopiedAndReassignedAsync(")
            .Replace("public static string InsideOtherTypes(", "public static async Task<string> InsideOtherTypesAsync(")
            .Replace("public static string ClosuresInALoop(", "public static async Task<string> ClosuresInALoopAsync(")
            .Replace("public static string Generic<T>(", "public static async Task<string> GenericAsync<T>(")
            .Replace("public static string ReturnedByReference(", "public static async Task<string> ReturnedByReferenceAsync(")
            .Replace("public static string InOperandsKeptAcrossASuspension(", "public static async Task<string> InOperandsKeptAcrossASuspensionAsync(");

    private static void Compare(string method, params object?[] args) => AsyncTwin.Compare(Program, Programs.StaticType, method, args);

    [Theory]
    [InlineData(1)]
    [InlineData(-4)]
    public void Calls_copies_reassignments_and_combinations_keep_their_meaning(int start) => Compare("CalledCopiedAndReassigned", start);

    [Theory]
    [InlineData(2)]
    public void Tuples_funcs_and_dictionaries_holding_one_keep_their_meaning(int start) => Compare("InsideOtherTypes", start);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_closure_in_a_loop_captures_a_fresh_delegate_each_iteration(int count) => Compare("ClosuresInALoop", count);

    [Fact]
    public void A_generic_methods_type_parameter_is_in_the_signature() =>
        AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = Programs.StaticType, MethodName = "Generic", MethodTypeArguments = [typeof(string)], Args = ["seed"] });

    [Theory]
    [InlineData(3)]
    public void A_return_by_reference_keeps_its_meaning(int start) => Compare("ReturnedByReference", start);

    [Theory]
    [InlineData(5)]
    public void An_operand_of_such_a_type_kept_before_a_suspension_keeps_its_meaning(int start) => Compare("InOperandsKeptAcrossASuspension", start);

    [Fact]
    public void The_field_is_an_object_read_back_through_a_lambda_of_the_same_signature_and_the_program_compiles_warning_free()
    {
        // SharedProgram builds with no diagnostic allowed: a warning in the generated code fails here.
        var generated = string.Join("\n", Program.Program.Run.GeneratedSources.Where(s => s.Key.Contains("CalledCopiedAndReassigned")).Select(s => s.Value));
        Assert.Matches(@"private object\? g; // local 'g' \(line \d+\); its type is a delegate type C# made for a lambda whose signature holds an anonymous type", generated);
        // The parameters are named as C# names those of the type it made (arg1, arg2, ...); the default value is part of the type.
        Assert.Contains("AsAnonymous(g, false ? Shape_Delegate((ref int arg1, int arg2 = 2) => new { A = default(int), Name = default(string)! }) : null!)", generated);
        Assert.DoesNotContain("private delegate", generated);
    }
}
