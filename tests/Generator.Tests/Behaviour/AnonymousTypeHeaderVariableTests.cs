using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Locals of anonymous types (and of types that hold them) declared in a statement header and living across
/// suspensions, against the direct call and the C# <c>async</c> twin (<see cref="AsyncTwin"/>): a <c>for</c> loop's
/// variables (an anonymous object reassigned by the incrementor, a tuple changed in place), and <c>using</c>
/// variables of a class or a struct that holds one (a statement, a declaration, a null resource; a struct's methods and
/// Dispose called on the variable itself, as C# does), disposed when C# disposes them.
/// </summary>
public sealed class AnonymousTypeHeaderVariableTests
{
    private const string Body = """
            var log = new List<string>();
            for (var item = new { A = start, Name = "x" }; item.A < start + 3; item = new { A = item.A + 1, Name = item.Name + "y" })
            {
                SUSPEND;
                log.Add($"{item}");
            }
            for (var pair = (Item: new { B = "b" }, N: start); pair.N < start + 2; pair.N++)
            {
                SUSPEND;
                log.Add($"{pair}");
            }
            using (var holder = Hold(new { C = start }, "statement"))
            {
                SUSPEND;
                log.Add($"{holder.Value}");
            }
            using (var none = start > 1 ? null : Hold(new { D = 1 }, "maybe"))
            {
                SUSPEND;
                log.Add($"{none?.Value}");
            }
            using (var e = new[] { new { F = start }, new { F = start + 1 } }.ToList().GetEnumerator())
            {
                while (e.MoveNext())
                {
                    SUSPEND;
                    log.Add($"{e.Current}");
                }
            }
            using (var counter = Count(new { G = start }))
            {
                counter.Bump();
                SUSPEND;
                counter.Bump();
                log.Add($"{counter.N}");
            }
            using var declared = Hold(new[] { new { E = start } }, "declaration");
            SUSPEND;
            log.Add($"{declared.Value[0]}");
            SUSPEND;
            Trace.Log("end of the body");
            return string.Join(" ", log);
        """;

    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + $$"""
        public sealed class Holder<T> : IDisposable
        {
            private readonly string _name;

            public Holder(T value, string name)
            {
                Value = value;
                _name = name;
            }

            public T Value { get; }

            public void Dispose() => Trace.Log($"dispose {_name} {Value}");
        }

        /// <summary>A struct resource: C# calls its methods, and Dispose, on the using variable itself.</summary>
        public struct Counter<T> : IDisposable
        {
            public Counter(T value)
            {
                Value = value;
                N = 0;
            }

            public T Value;
            public int N;

            public void Bump() => N++;

            public void Dispose() => Trace.Log($"dispose counter {Value} after {N} bumps");
        }

        private static Counter<T> Count<T>(T value) => new(value);

        private static Holder<T> Hold<T>(T value, string name)
        {
            Trace.Log($"hold {name}");
            return new Holder<T>(value, name);
        }

        [Coroutine]
        public static string HeaderVariables(int start)
        {
        {{Body.Replace("SUSPEND", "Yield.Sleep(1)")}}
        }

        public static async Task<string> HeaderVariablesAsync(int start)
        {
        {{Body.Replace("SUSPEND", "await Task.Yield()")}}
        }
        """));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Locals_of_anonymous_types_declared_in_for_and_using_headers_across_suspensions(int start) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "HeaderVariables", start);
}
