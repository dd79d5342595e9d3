using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A <c>[Coroutine]</c> local function that uses local functions of its method that are not
/// coroutines (issue 14, point 7): static ones, and ones that capture the method's locals,
/// parameters or <c>this</c>, also through one another. Its state machine declares copies of them
/// (a local function holds no state; a copy reads and writes the captured variables where the
/// original does, <c>enclosing.count</c>), so a write by any of them is seen by all, as with C#'s
/// one closure. Against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class LocalFunctionCoroutineHelperTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        [Coroutine]
        public static string Counted(int n)
        {
            int count = n;
            string log = "";
            Yield.Sleep(1);
            var first = Add(2);
            Trace.Log($"after add: {count} {Next()}");
            var second = Add(1) + Plain(3);
            return $"{first} {second} {count} {log} {n}";

            static int Twice(int x) => x * 2;
            int Next() => ++count;
            void Note(string what) { log += what; n--; Next(); }

            [Coroutine]
            int Add(int times)
            {
                for (int i = 0; i < times; i++)
                {
                    Yield.Sleep(times);
                    Trace.Log($"add {i}: {Next()}");
                }
                Note($"[{times}]");
                Func<int> later = Next; // as a delegate too
                Yield.Sleep(1);
                return Twice(later()) + count;
            }

            [Coroutine]
            static int Plain(int times)
            {
                Yield.Sleep(times);
                return Twice(times);
            }
        }

        public static async Task<string> CountedAsync(int n)
        {
            int count = n;
            string log = "";
            await Task.Yield();
            var first = await Add(2);
            Trace.Log($"after add: {count} {Next()}");
            var second = await Add(1) + await Plain(3);
            return $"{first} {second} {count} {log} {n}";

            static int Twice(int x) => x * 2;
            int Next() => ++count;
            void Note(string what) { log += what; n--; Next(); }

            async Task<int> Add(int times)
            {
                for (int i = 0; i < times; i++)
                {
                    await Task.Yield();
                    Trace.Log($"add {i}: {Next()}");
                }
                Note($"[{times}]");
                Func<int> later = Next;
                await Task.Yield();
                return Twice(later()) + count;
            }

            static async Task<int> Plain(int times)
            {
                await Task.Yield();
                return Twice(times);
            }
        }

        public sealed partial class Meter
        {
            private int _reading = 100;

            [Coroutine]
            public string Run(int step)
            {
                int taken = 0;
                Take(step);
                Yield.Sleep(1);
                Take(step + 1);
                return $"{_reading} {taken} {Show()}";

                string Show() => $"<{_reading}/{taken}>";
                void Record(int by) { _reading -= by; taken++; }

                [Coroutine]
                void Take(int by)
                {
                    Yield.Sleep(by);
                    Record(by);
                    Trace.Log(Show());
                }
            }

            public async Task<string> RunAsync(int step)
            {
                int taken = 0;
                await Take(step);
                await Task.Yield();
                await Take(step + 1);
                return $"{_reading} {taken} {Show()}";

                string Show() => $"<{_reading}/{taken}>";
                void Record(int by) { _reading -= by; taken++; }

                async Task Take(int by)
                {
                    await Task.Yield();
                    Record(by);
                    Trace.Log(Show());
                }
            }
        }
        """));

    /// <summary>
    /// Static and capturing local functions of the method, one calling another, used by the
    /// method and by its local functions' coroutines (also as a delegate): every write of the
    /// captured variables is seen by all, across the suspensions of either.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Local_functions_of_the_method_that_capture_are_shared_with_its_coroutine_local_functions(int n) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Counted", n);

    /// <summary>In an instance coroutine: local functions that capture <c>this</c> and a local, used only by a coroutine local function (one of them by the method too).</summary>
    [Fact]
    public void Local_functions_that_capture_this_are_shared_with_a_coroutine_local_function() =>
        AsyncTwin.Compare(Program, "Demo.Program+Meter", "Run", 3);

    /// <summary>A copy would use a <c>[Coroutine]</c> local function as plain code (a delegate), through a declaration only the method's state machine keeps: COR0016 says where to use it instead.</summary>
    [Fact]
    public void One_using_a_local_function_that_calls_a_coroutine_local_function_is_refused()
    {
        var run = DiagnosticAssert.Fires("COR0016", DiagnosticSeverity.Error, Programs.Static("""
            [Coroutine]
            public static int Run(int n)
            {
                Yield.Sleep(1);
                return Add(2);

                int Direct() { Func<int, int> wait = Wait; return wait(n); } // runs it as plain code

                [Coroutine]
                static int Wait(int ms)
                {
                    Yield.Sleep(ms);
                    return ms;
                }

                [Coroutine]
                int [|Add|](int times)
                {
                    Yield.Sleep(times);
                    return Direct() * times;
                }
            }
            """));
        Assert.Contains(
            "[Coroutine] is not supported on the local function 'Add', which uses the local function 'Direct', which uses the [Coroutine] local function 'Wait' as plain code (through its declaration, which only the method's state machine keeps, out of reach of a copy of 'Direct'): use 'Wait' in 'Add' itself rather than in 'Direct'",
            run.GeneratorDiagnostics.Select(static d => d.GetMessage(CultureInfo.InvariantCulture)));
    }
}
