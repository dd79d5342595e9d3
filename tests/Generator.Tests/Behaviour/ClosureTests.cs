using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests: lambdas and local functions that capture locals living across sleeps (which the
/// state machine keeps in fields) see the same variables as in the original: writes through the
/// closure are seen after a sleep and the other way round, a for-loop header variable is one
/// variable for the whole loop, and a local of a loop that does not suspend is fresh each
/// iteration (ClosureScopeTests: a local of a loop that suspends, each iteration its own).
/// </summary>
public sealed class ClosureTests
{
    private static readonly SharedProgram Program = new(Programs.Static(Programs.TestTypes + """
        [Coroutine]
        public static int SharedVariable(int start)
        {
            int counter = start;
            Func<int> read = () => counter;
            Action bump = () => counter += 10;
            Yield.Sleep(1);
            counter++;
            Trace.Log($"read after a sleep: {read()}");
            bump();
            Yield.Sleep(2);
            Trace.Log($"counter after bump and a sleep: {counter}");
            return read();
        }

        [Coroutine]
        public static string LocalFunctions(string name)
        {
            int calls = 0;
            string Greet(string greeting)
            {
                calls++;
                return $"{greeting}, {name} ({calls})";
            }
            Trace.Log(Greet("hello"));
            Yield.Sleep(5);
            name = name.ToUpperInvariant();
            Trace.Log(Greet("again"));
            Yield.Sleep(1);
            return $"{calls} calls";
        }

        [Coroutine]
        public static string ForHeaderVariable(int count)
        {
            var readers = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                readers.Add(() => i);
                Yield.Sleep(1);
            }
            string seen = "";
            foreach (var read in readers)
            {
                seen += read();
            }
            return seen;
        }

        [Coroutine]
        public static string LoopWithoutASleep(int count)
        {
            var readers = new List<Func<int>>();
            Yield.Sleep(1);
            for (int i = 0; i < count; i++)
            {
                int copy = i * 10;
                readers.Add(() => copy);
            }
            Yield.Sleep(1);
            string seen = "";
            foreach (var read in readers)
            {
                seen += read() + " ";
            }
            return seen;
        }

        [Coroutine]
        public static string CapturedCatchAndPatternVariables(object value)
        {
            string result = "";
            try
            {
                Yield.Sleep(1);
                throw new AppException("captured", 7);
            }
            catch (AppException e)
            {
                Func<string> describe = () => $"{e.Message} {e.Code}";
                Yield.Sleep(2);
                result += describe();
            }
            if (value is string text)
            {
                Func<int> length = () => text.Length;
                Yield.Sleep(3);
                text += "!";
                result += $" {length()}";
            }
            return result;
        }
        """));

    private static void Compare(string method, params object?[] args) => Program.Compare(Programs.StaticType, method, args);

    [Fact]
    public void A_lambda_and_the_method_share_a_local_across_sleeps() => Compare("SharedVariable", 3);

    [Fact]
    public void A_local_function_reads_a_parameter_changed_across_a_sleep() => Compare("LocalFunctions", "ada");

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_for_loop_header_variable_is_one_variable_for_the_whole_loop(int count) => Compare("ForHeaderVariable", count);

    [Fact]
    public void A_local_of_a_loop_that_does_not_sleep_is_fresh_each_iteration() => Compare("LoopWithoutASleep", 3);

    [Theory]
    [InlineData("abc")]
    [InlineData(5)]
    public void Closures_over_a_catch_variable_and_a_pattern_variable(object value) => Compare("CapturedCatchAndPatternVariables", value);
}
