using System;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type that captures a per-iteration variable of a loop that suspends, assigned to an element of a span made after
/// the first suspension of a <c>for</c> initializer, declaration or incrementor, of a <c>??=</c>, of an argument of the call of a <c>?.</c> statement or of a <c>using</c> statement's or declaration's resource (C# refuses a span variable used after the
/// resume, CS4007; one made after it is fine): stored after the resume in a block that keeps the environments.
/// Against the direct call and the C# <c>async</c> twin, each run required to return a value.
/// </summary>
public sealed class LambdaThroughRefAroundSuspensionInHeadersCaptureTests
{
    private const string Helpers = """
        public sealed class Holder
        {
            public void Take(int first, int value, int last) => Trace.Log($"takes {first} {value} {last}");
        }

        public sealed class Resource(int id) : IDisposable
        {
            public int Id => id;

            public void Dispose() => Trace.Log($"disposes {id}");
        }

        """;

    // Each coroutine's C# async twin is made from its text (a call of Next an await of NextAsync): the same body, compiled by C# itself.
    private const string Coroutines = """
        [Coroutine]
        public static string InForHeaders(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var made = Readers(rows[0]).ToList();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // A for's initializer and incrementor: the value of the compound assignment after its suspension.
                var k = 0;
                for (k += Next(copy) + ((slots.AsSpan()[0] = x => x.A * 3 + copy) is null ? 0 : 1); k < copy + 4; k += Next(k) + ((slots.AsSpan()[1] = x => x.A * 5 + copy + k) is null ? 1 : 2))
                {
                    made.Add(slots[0]!);
                    made.Add(slots[1]!);
                }
                made.Add(slots[1]!);
                // A for's declaration, and a ??= as its incrementor.
                for (var m = Next(copy) + ((slots.AsSpan()[2] = x => x.A * 7 + copy) is null ? 0 : 1); m < copy + 3; m++)
                {
                    made.Add(slots[2]!);
                }
                for (int? n = null; n is null; n ??= Next(copy) + ((slots.AsSpan()[1] = x => x.A * 9 + copy) is null ? 0 : 1))
                {
                    Trace.Log($"for ??= {copy}");
                }
                made.Add(slots[1]!);
                // A ??= statement: its value after the suspension, when the target is null.
                int? maybe = copy % 2 == 0 ? null : copy;
                maybe ??= Next(copy) + ((slots.AsSpan()[0] = x => x.A * 11 + copy) is null ? 0 : 4);
                made.Add(slots[0]!);
                Trace.Log($"??= {maybe}");
                // A ?. statement: the argument of its call after the suspension, when the receiver is not null.
                var holder = copy % 3 == 1 ? null : new Holder();
                holder?.Take(copy, Next(copy) + ((slots.AsSpan()[2] = x => x.A * 13 + copy) is null ? 0 : 2), slots[2] is null ? -1 : 1);
                made.Add(slots[2]!);
                // A using statement's resource, declared or not: acquired after the resume, disposed after the body.
                using (Next(copy) % 2 == 0 && (slots.AsSpan()[0] = x => x.A * 15 + copy) is not null ? new Resource(copy) : null)
                {
                    made.Add(slots[0]!);
                }
                using (var resource = new Resource(Next(copy) + ((slots.AsSpan()[1] = x => x.A * 17 + copy) is null ? 0 : 10)))
                {
                    Trace.Log($"using {resource.Id} {slots[1]!(rows[0])}");
                }
                made.Add(slots[1]!);
                {
                    // A declaration of a using local: disposed at the end of its block.
                    using var declared = new Resource(Next(copy) + ((slots.AsSpan()[2] = x => x.A * 19 + copy) is null ? 0 : 20));
                    Trace.Log($"using {declared.Id} {slots[2]!(rows[0])}");
                    made.Add(slots[2]!);
                }
                copy += 100;
            }
            return string.Join(",", made.Where(f => f is not null).Select(f => f!(rows[1])));
        }
        """;

    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(
        Programs.TestTypes + Programs.NextAndItsAsyncTwin + LambdaCaptureHelpers.Logged +
        "private static Func<T, int>[] Readers<T>(T sample) => new Func<T, int>[3];\n\n" + Helpers + Coroutines + "\n" + LambdaCaptureHelpers.AsyncTwinOf(Coroutines, new[] { "InForHeaders" })));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_lambda_assigned_to_an_element_of_a_span_made_after_the_first_suspension_of_a_for_header_a_coalescing_assignment_a_null_conditional_call_or_a_using_resource_keeps_each_iterations_variable(int count) =>
        Compared("InForHeaders", count);

    /// <summary>Compares with the C# async twin and requires a returned value (a throw in both would leave the rest of the run unchecked).</summary>
    private static void Compared(string method, params object?[] args) =>
        Assert.Null(AsyncTwin.Compare(Program, Programs.StaticType, method, args).Exception);
}
