using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Issue 14, a per-iteration lambda (over an anonymous type, capturing a variable of a loop that suspends) assigned through a ref local or to
/// a span's element in an argument of a suspension point one of whose arguments' types holds an anonymous type
/// (<c>var got = Yield.Await(Made((slot = x =&gt; ...) is null ? rows[1] : rows[0], copy));</c>, its value a <c>Coroutine&lt;...&gt;</c> of the
/// anonymous type): the point's arguments are stored before it in C#'s order, that one in a block that keeps the environments, in an <c>object</c>
/// field read back through its shape, a named one as <c>handle: AsAnonymous(...)</c> (so is such an argument without a lambda, which the result method reads again after the resume: was a field
/// whose type named the anonymous type, which does not compile). Each run must return, the same as the C# async twin (an await of the task its twin makes).
/// </summary>
public sealed class LambdaInAnonymousSuspensionArgumentCaptureTests
{
    private const string Helpers = """
        [Coroutine]
        private static T Echo<T>(T row, int tag)
        {
            Trace.Log($"echo {tag}");
            Yield.Sleep(1);
            return row;
        }

        private static Coroutine<T> Made<T>(T row, int tag)
        {
            Trace.Log($"made {tag}");
            return EchoCoroutine(row, tag);
        }

        private static async Task<T> MadeAsync<T>(T row, int tag)
        {
            Trace.Log($"made {tag}");
            Trace.Log($"echo {tag}");
            await Task.Yield();
            return row;
        }

        private static Func<T, int>[] SlotsOf<T>(T sample) => new Func<T, int>[3];

        """;

    // The coroutine; its C# async twin is made from its text (a sleep becomes `await Task.Yield()`, an await of Made an await of MadeAsync).
    private const string Coroutine = """
        [Coroutine]
        public static string Awaited(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = SlotsOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                ref var slot = ref slots[i % 2];
                var got = Yield.Await(Made((slot = x => x.A * 5 + copy) is null ? rows[1] : rows[Index("row", copy % 2)], copy));
                Trace.Log($"got {got.A}");
                var span = slots.AsSpan();
                // After another argument of the call that makes the coroutine, in C#'s order.
                var other = Yield.Await(Made(Test("first", copy % 3 == 0) ? rows[0] : rows[1], Index("tag", copy) + ((span[2] = x => x.A * 3 + copy) is null ? 0 : 1)));
                // A named argument.
                var third = Yield.Await(handle: Made((slots.AsSpan()[1] = x => x.A * 7 + copy) is null ? rows[0] : rows[1], copy + 1));
                Trace.Log($"third {third.A}");
                later.Add(() => got.A * 10 + other.A + copy);
                // Several iterations run before a suspension: each lambda keeps its own iteration's variables.
                if (i % 3 == 1)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(slots.Where(f => f is not null).Select(f => f(rows[1]))));
        }
        """;

    // Without a lambda: the argument its result method reads again after the resume, kept the same way.
    private const string Plain = """
        [Coroutine]
        public static string Plain(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var total = 0;
            for (int i = 0; i < count; i++)
            {
                var got = Yield.Await(Made(rows[i % 2], Index("tag", i)));
                // A named argument, read back the same way.
                var named = Yield.Await(handle: Made(rows[(i + 1) % 2], Index("named", i)));
                total = total * 100 + got.A * 10 + named.A;
            }
            return total.ToString();
        }
        """;

    private static readonly SharedProgram Program = ProgramOf(Coroutine, "Awaited");
    private static readonly SharedProgram PlainProgram = ProgramOf(Plain, "Plain");

    private static SharedProgram ProgramOf(string coroutine, string name) =>
        LambdaCaptureHelpers.WithAsyncTwin(Helpers, coroutine, name, ("Yield.Await(Made(", "(await MadeAsync("), ("Yield.Await(handle: Made(", "(await MadeAsync("));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_lambda_assigned_through_a_ref_local_or_to_a_span_element_in_an_argument_of_an_awaited_coroutine_of_an_anonymous_type_keeps_each_iterations_variable(int count) =>
        Assert.Null(AsyncTwin.Compare(Program, Programs.StaticType, "Awaited", count).Exception);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void An_awaited_coroutine_of_an_anonymous_type_is_kept_for_its_result_in_an_object_field(int count) =>
        Assert.Null(AsyncTwin.Compare(PlainProgram, Programs.StaticType, "Plain", count).Exception);
}
