using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Closures with C#'s scoping across sleeps, against the direct call and the C# <c>async</c> twin
/// (<see cref="AsyncTwin"/>; each coroutine below has one, an <c>await</c> for each sleep): a
/// local of a loop body, a foreach variable (also deconstructed), a catch variable and a switch
/// local inside a loop are new variables in each iteration even when the iteration sleeps; a
/// <c>for</c> variable is one variable per run of its loop; a block entered again through a
/// <c>goto</c> has new variables; a local function called in the iteration sees that iteration's.
/// </summary>
public sealed class ClosureScopeTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """

        [Coroutine]
        public static string CopyInsideALoop(int count)
        {
            var readers = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i * 10;
                readers.Add(() => copy);
                Action bump = () => copy += 100;
                Yield.Sleep(1);
                copy++;
                if (i == 1)
                    bump();
                Trace.Log($"iteration {i} sees {copy}");
            }
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
        }

        [Coroutine]
        public static string ForEachVariable(string names)
        {
            var greetings = new List<Func<string>>();
            foreach (var name in names.Split(','))
            {
                greetings.Add(() => $"hello {name}");
                Yield.Sleep(2);
                Trace.Log(greetings[greetings.Count - 1]());
            }
            foreach (var (first, second) in new[] { ("a", 1), ("b", 2) })
            {
                greetings.Add(() => first + second);
                Yield.Sleep(1);
            }
            string all = "";
            foreach (var greet in greetings)
                all += greet() + "; ";
            return all;
        }

        [Coroutine]
        public static string ForVariablesOfANestedLoop(int rounds)
        {
            var readers = new List<Func<string>>();
            for (int round = 0; round < rounds; round++)
            {
                for (int i = 0; i < 2; i++)
                {
                    readers.Add(() => $"{round}.{i}");
                    Yield.Sleep(1);
                }
            }
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
        }

        [Coroutine]
        public static string LocalFunctionAndNestedLambdas(int count)
        {
            var makers = new List<Func<Func<int>>>();
            var kept = new List<Func<int>>();
            int k = 0;
            int total = 0;
            while (k < count)
            {
                int local = k + 1;
                int Twice() => local * 2;
                Func<int> Keep() => () => local * 100;
                makers.Add(() => () => local + total);
                kept.Add(Keep());
                Yield.Sleep(1);
                total += Twice();
                local += 10;
                Trace.Log($"twice {Twice()} total {total}");
                k++;
            }
            string seen = "";
            foreach (var make in makers)
                seen += make()() + " ";
            foreach (var keep in kept)
                seen += keep() + " ";
            return seen;
        }

        [Coroutine]
        public static string CatchAndSwitchInALoop(int count)
        {
            var readers = new List<Func<string>>();
            for (int i = 0; i < count; i++)
            {
                try
                {
                    Yield.Sleep(1);
                    throw new AppException($"failure {i}", i);
                }
                catch (AppException e)
                {
                    readers.Add(() => e.Message);
                    Yield.Sleep(1);
                }
                switch (i % 2)
                {
                    case 0:
                        string even = $"even {i}";
                        readers.Add(() => even);
                        Yield.Sleep(1);
                        even += "!";
                        break;
                    default:
                        Yield.Sleep(2);
                        break;
                }
            }
            string seen = "";
            foreach (var read in readers)
                seen += read() + " | ";
            return seen;
        }

        [Coroutine]
        public static string BlockEnteredAgainByGoto(int count)
        {
            var readers = new List<Func<int>>();
            int n = 0;
        again:
            {
                int value = n * 3;
                readers.Add(() => value);
                Yield.Sleep(1);
                value++;
            }
            n++;
            if (n < count)
                goto again;
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
        }

        [Coroutine]
        private static int Next(int x)
        {
            Yield.Sleep(1);
            Trace.Log($"next {x}");
            return x;
        }

        [Coroutine]
        public static string ForVariableWithASuspendingCondition(int rounds)
        {
            var readers = new List<Func<int>>();
            for (int r = 0; r < rounds; r++)
            {
                for (int i = 0; i < 3 && Next(i) != 2; i++)
                {
                    readers.Add(() => (i * 10) + r);
                    Yield.Sleep(1);
                }
            }
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
        }

        private static async Task<int> NextAsync(int x)
        {
            await Task.Yield();
            Trace.Log($"next {x}");
            return x;
        }

        public static async Task<string> ForVariableWithASuspendingConditionAsync(int rounds)
        {
            var readers = new List<Func<int>>();
            for (int r = 0; r < rounds; r++)
            {
                for (int i = 0; i < 3 && await NextAsync(i) != 2; i++)
                {
                    readers.Add(() => (i * 10) + r);
                    await Task.Yield();
                }
            }
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
        }

        public static async Task<string> CopyInsideALoopAsync(int count)
        {
            var readers = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i * 10;
                readers.Add(() => copy);
                Action bump = () => copy += 100;
                await Task.Yield();
                copy++;
                if (i == 1)
                    bump();
                Trace.Log($"iteration {i} sees {copy}");
            }
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
        }

        public static async Task<string> ForEachVariableAsync(string names)
        {
            var greetings = new List<Func<string>>();
            foreach (var name in names.Split(','))
            {
                greetings.Add(() => $"hello {name}");
                await Task.Yield();
                Trace.Log(greetings[greetings.Count - 1]());
            }
            foreach (var (first, second) in new[] { ("a", 1), ("b", 2) })
            {
                greetings.Add(() => first + second);
                await Task.Yield();
            }
            string all = "";
            foreach (var greet in greetings)
                all += greet() + "; ";
            return all;
        }

        public static async Task<string> ForVariablesOfANestedLoopAsync(int rounds)
        {
            var readers = new List<Func<string>>();
            for (int round = 0; round < rounds; round++)
            {
                for (int i = 0; i < 2; i++)
                {
                    readers.Add(() => $"{round}.{i}");
                    await Task.Yield();
                }
            }
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
        }

        public static async Task<string> LocalFunctionAndNestedLambdasAsync(int count)
        {
            var makers = new List<Func<Func<int>>>();
            var kept = new List<Func<int>>();
            int k = 0;
            int total = 0;
            while (k < count)
            {
                int local = k + 1;
                int Twice() => local * 2;
                Func<int> Keep() => () => local * 100;
                makers.Add(() => () => local + total);
                kept.Add(Keep());
                await Task.Yield();
                total += Twice();
                local += 10;
                Trace.Log($"twice {Twice()} total {total}");
                k++;
            }
            string seen = "";
            foreach (var make in makers)
                seen += make()() + " ";
            foreach (var keep in kept)
                seen += keep() + " ";
            return seen;
        }

        public static async Task<string> CatchAndSwitchInALoopAsync(int count)
        {
            var readers = new List<Func<string>>();
            for (int i = 0; i < count; i++)
            {
                try
                {
                    await Task.Yield();
                    throw new AppException($"failure {i}", i);
                }
                catch (AppException e)
                {
                    readers.Add(() => e.Message);
                    await Task.Yield();
                }
                switch (i % 2)
                {
                    case 0:
                        string even = $"even {i}";
                        readers.Add(() => even);
                        await Task.Yield();
                        even += "!";
                        break;
                    default:
                        await Task.Yield();
                        break;
                }
            }
            string seen = "";
            foreach (var read in readers)
                seen += read() + " | ";
            return seen;
        }

        public static async Task<string> BlockEnteredAgainByGotoAsync(int count)
        {
            var readers = new List<Func<int>>();
            int n = 0;
        again:
            {
                int value = n * 3;
                readers.Add(() => value);
                await Task.Yield();
                value++;
            }
            n++;
            if (n < count)
                goto again;
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
        }
        """));

    private static void Compare(string method, params object?[] args) => AsyncTwin.Compare(Program, Programs.StaticType, method, args);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Each_iteration_of_a_loop_that_sleeps_has_its_own_copy(int count) => Compare("CopyInsideALoop", count);

    [Fact]
    public void Each_iteration_of_a_foreach_that_sleeps_has_its_own_variable() => Compare("ForEachVariable", "ada,bob,cy");

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_for_variable_is_one_per_run_of_its_loop_and_a_nested_loop_runs_again(int rounds) => Compare("ForVariablesOfANestedLoop", rounds);

    [Theory]
    [InlineData(3)]
    public void A_local_function_reads_the_current_iteration_and_lambdas_made_in_it_or_nested_keep_theirs(int count) => Compare("LocalFunctionAndNestedLambdas", count);

    [Theory]
    [InlineData(3)]
    public void Catch_variables_and_switch_locals_in_a_loop_are_fresh_each_iteration(int count) => Compare("CatchAndSwitchInALoop", count);

    [Theory]
    [InlineData(3)]
    public void A_block_entered_again_by_a_goto_has_fresh_variables(int count) => Compare("BlockEnteredAgainByGoto", count);

    /// <summary>
    /// A <c>for</c> loop run again (here by an outer loop) whose condition suspends: its variable is
    /// new on each run of the loop. (Found by the random programs: the spilled condition's loop lost
    /// its new closure environment, and the first closure made hit a null one.)
    /// </summary>
    [Theory]
    [InlineData(2)]
    public void A_for_variable_is_new_on_each_run_of_a_loop_whose_condition_suspends(int rounds) => Compare("ForVariableWithASuspendingCondition", rounds);
}
