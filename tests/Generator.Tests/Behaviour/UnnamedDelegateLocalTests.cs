using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A local whose type is the delegate type C# made for a lambda or a method group (<c>var f = (ref int y) =&gt; y;</c>:
/// a <c>ref</c>, <c>in</c> or <c>out</c> parameter, a default value, <c>params</c>, a return by reference) living
/// across a suspension: that type has no name, so the state machine declares a delegate type of the same signature and
/// keeps the local in a field of it. Each case runs against the direct call and the C# <c>async</c> twin
/// (<see cref="AsyncTwin"/>, the same body with <c>await Task.Yield()</c> for each sleep): calls, <c>var g = f;</c>,
/// <c>f = otherLambda;</c>, <c>+=</c>, comparisons, a method taking a <c>Delegate</c>, a generic <c>ref T</c>, a
/// closure in a loop, a method group, a generic method's type parameter. The program must compile warning-free.
/// </summary>
public sealed class UnnamedDelegateLocalTests
{
    private const string Helpers = """
        private static bool TryTwice(string text, out int value)
        {
            var ok = int.TryParse(text, out value);
            value *= 2;
            return ok;
        }

        private static string Describe(Delegate d) => $"{d.Method.GetParameters().Length} parameter(s), returns {d.Method.ReturnType.Name}";

        private static void Touch<T>(ref T value) where T : Delegate => Trace.Log($"touched {value.Method.GetParameters().Length}");

        """;

    // Each method is written once: its async twin is the same body with `await Task.Yield()` for each sleep.
    private const string Methods = """
        public static string CallsAndDefaults(int start)
        {
            var bump = (ref int total, int by = 3) => total += by;
            var sum = (params int[] values) => values.Sum();
            var twice = (in int v) => v * 2;
            var first = ref int (int[] items) => ref items[0];
            int total = start;
            bump(ref total);
            Yield.Sleep(1);
            bump(ref total, 10);
            var items = new[] { start, 7 };
            first(items) += 100;
            Yield.Sleep(1);
            first(items) += twice(in total);
            Trace.Log($"{total} {sum()} {sum(1, 2, total)} {twice(total)} {items[0]}");
            return $"{bump.Invoke(ref total)} {Describe(bump)} {Describe(first)}";
        }

        public static string CopiedReassignedAndCompared(int start)
        {
            var f = (ref int y) => y += 1;
            var g = f;
            var same = f == g;
            int n = start;
            Yield.Sleep(1);
            Trace.Log($"same {same} {f == g} {g.Equals(f)}");
            f(ref n);
            f = (ref int y) => y *= 10;
            Yield.Sleep(1);
            f(ref n);
            g(ref n);
            Trace.Log($"after {n} {f == g} {f.Equals(g)}");
            f += g;
            Touch(ref f);
            Yield.Sleep(1);
            f(ref n);
            Delegate kept = f;
            f = null!;
            Yield.Sleep(1);
            Trace.Log($"{n} {f is null} {kept.Method.GetParameters()[0].ParameterType.IsByRef} {kept.GetInvocationList().Length}");
            return Describe(g);
        }

        public static string MethodGroupAndConditional(string text, bool flag)
        {
            var parse = TryTwice;
            var choose = (ref int y) => y + 1;
            Yield.Sleep(1);
            choose = flag ? (ref int y) => y - 1 : choose;
            var ok = parse(text, out var value);
            var chosen = choose(ref value);
            Yield.Sleep(1);
            return $"{ok} {value} {chosen} {choose(ref chosen)}";
        }

        public static string ClosuresInALoop(int count)
        {
            var readers = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                var add = (ref int total, int by = 1) => total += by + i;
                int local = i * 10;
                readers.Add(() => add(ref local));
                Yield.Sleep(1);
                add(ref local, 5);
                Trace.Log($"iteration {i}: {local}");
            }
            return string.Join(",", readers.Select(r => r()));
        }

        public static string Generic<T>(T seed)
        {
            var keep = (ref T slot, int times = 2) => { Trace.Log($"{slot} x{times}"); return slot; };
            T held = seed;
            Yield.Sleep(1);
            var old = keep(ref held, 3);
            Yield.Sleep(1);
            return $"{old} {keep(ref held)}";
        }

        """;

    // A type parameter of the class around the coroutine in the signature: the declared type, nested in the state machine, sees it.
    private const string Swap = """
        public static string Swap(T first, T second)
        {
            var swap = (ref T a, ref T b) => { (a, b) = (b, a); return $"{a}/{b}"; };
            var x = first;
            var y = second;
            Yield.Sleep(1);
            var once = swap(ref x, ref y);
            Yield.Sleep(1);
            return $"{once} {swap(ref x, ref y)}";
        }

        """;

    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(
        Helpers + Coroutines(Methods) + Twins(Methods) + "public static partial class Shelf<T>\n{\n" + Coroutines(Swap) + Twins(Swap) + "}\n"));

    private static string Coroutines(string methods) => methods.Replace("public static string ", "[Coroutine]\npublic static string ");

    private static string Twins(string methods) =>
        methods.Replace("Yield.Sleep(1);", "await Task.Yield();")
            .Replace("public static string CallsAndDefaults(", "public static async Task<string> CallsAndDefaultsAsync(")
            .Replace("public static string CopiedReassignedAndCompared(", "public static async Task<string> CopiedReassignedAndComparedAsync(")
            .Replace("public static string MethodGroupAndConditional(", "public static async Task<string> MethodGroupAndConditionalAsync(")
            .Replace("public static string ClosuresInALoop(", "public static async Task<string> ClosuresInALoopAsync(")
            .Replace("public static string Generic<T>(", "public static async Task<string> GenericAsync<T>(")
            .Replace("public static string Swap(", "public static async Task<string> SwapAsync(");

    private static void Compare(string method, params object?[] args) => AsyncTwin.Compare(Program, Programs.StaticType, method, args);

    [Theory]
    [InlineData(1)]
    [InlineData(-4)]
    public void Calls_with_ref_in_params_defaults_and_a_ref_return_keep_their_meaning(int start) => Compare("CallsAndDefaults", start);

    [Theory]
    [InlineData(2)]
    public void Copies_reassignments_combinations_and_comparisons_keep_their_meaning(int start) => Compare("CopiedReassignedAndCompared", start);

    [Theory]
    [InlineData("21", true)]
    [InlineData("x", false)]
    public void A_method_group_and_a_conditional_of_lambdas_convert_to_the_declared_type(string text, bool flag) => Compare("MethodGroupAndConditional", text, flag);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_closure_in_a_loop_captures_a_fresh_delegate_each_iteration(int count) => Compare("ClosuresInALoop", count);

    [Fact]
    public void A_generic_methods_type_parameter_is_in_the_declared_type() =>
        AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = Programs.StaticType, MethodName = "Generic", MethodTypeArguments = [typeof(string)], Args = ["seed"] });

    [Theory]
    [InlineData("left", "right")]
    public void A_type_parameter_of_the_class_around_the_coroutine_is_in_the_declared_type(string first, string second) =>
        AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = Programs.StaticType + "+Shelf`1", MethodName = "Swap", TypeArguments = [typeof(string)], Args = [first, second] });

    [Fact]
    public void The_declared_delegate_types_repeat_the_signatures_and_the_program_compiles_warning_free()
    {
        // SharedProgram builds with no diagnostic allowed: a warning in the generated code fails here.
        var generated = string.Join("\n", Program.Program.Run.GeneratedSources.Where(s => s.Key.Contains("CallsAndDefaults")).Select(s => s.Value));
        // The parameters are named as C# names those of the type it made (arg1, arg2, ...): a named argument means the same.
        Assert.Contains("private delegate int Delegate_bump(ref int arg1, int arg2 = 3);", generated);
        Assert.Contains("private delegate int Delegate_sum(params int[] arg);", generated);
        Assert.Contains("private delegate int Delegate_twice(in int arg);", generated);
        Assert.Contains("private delegate ref int Delegate_first(int[] arg);", generated);
        Assert.Contains("private Delegate_bump? bump", generated);
    }
}
