using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests for labels and <c>goto</c> beside suspensions, each against the direct call and
/// against its C# <c>async</c> twin (<see cref="AsyncTwin"/>): a backward <c>goto</c> over a
/// sleep, a forward one out of a loop, a label on a statement that sleeps, sibling blocks with
/// labels of the same name, <c>goto</c> out of a try whose finally sleeps (the finally runs
/// first), and <c>goto case</c> / <c>goto default</c> in a switch whose sections sleep.
/// </summary>
public sealed class GotoTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        [Coroutine]
        public static int Retry(int failures)
        {
            int attempts = 0;
        again:
            attempts++;
            Trace.Log($"attempt {attempts}");
            Yield.Sleep(10);
            if (attempts <= failures)
                goto again;
            return attempts;
        }

        public static async Task<int> RetryAsync(int failures)
        {
            int attempts = 0;
        again:
            attempts++;
            Trace.Log($"attempt {attempts}");
            await Task.Yield();
            if (attempts <= failures)
                goto again;
            return attempts;
        }

        [Coroutine]
        public static string ForwardOutOfLoops(int stopAt)
        {
            string seen = "";
            for (int i = 0; i < 4; i++)
            {
                for (int j = 0; j < 4; j++)
                {
                    Yield.Sleep(1);
                    seen += $"{i}{j} ";
                    if (i * 4 + j == stopAt)
                        goto done;
                }
            }
            seen += "finished ";
        done:
            Trace.Log("done");
            return seen;
        }

        public static async Task<string> ForwardOutOfLoopsAsync(int stopAt)
        {
            string seen = "";
            for (int i = 0; i < 4; i++)
            {
                for (int j = 0; j < 4; j++)
                {
                    await Task.Yield();
                    seen += $"{i}{j} ";
                    if (i * 4 + j == stopAt)
                        goto done;
                }
            }
            seen += "finished ";
        done:
            Trace.Log("done");
            return seen;
        }

        [Coroutine]
        public static int LabelOnASleepAndSiblingBlocks(int rounds)
        {
            int total = 0;
            {
                int n = 0;
            step:
                Yield.Sleep(2);
                total += ++n;
                if (n < rounds) goto step;
            }
            {
                int n = 10;
            step:
                if (n > 10 + rounds) goto out2;
                Yield.Sleep(3);
                total += n++;
                goto step;
            out2:
                Trace.Log($"second block left at {n}");
            }
            return total;
        }

        public static async Task<int> LabelOnASleepAndSiblingBlocksAsync(int rounds)
        {
            int total = 0;
            {
                int n = 0;
            step:
                await Task.Yield();
                total += ++n;
                if (n < rounds) goto step;
            }
            {
                int n = 10;
            step:
                if (n > 10 + rounds) goto out2;
                await Task.Yield();
                total += n++;
                goto step;
            out2:
                Trace.Log($"second block left at {n}");
            }
            return total;
        }

        [Coroutine]
        public static string OutOfATryWhoseFinallySleeps(int mode)
        {
            string log = "";
            int round = 0;
        top:
            round++;
            try
            {
                log += $"try{round} ";
                Yield.Sleep(1);
                if (mode == 1 && round < 3)
                    goto top;
                if (mode == 2)
                {
                    try
                    {
                        if (round == 1) goto top;
                        goto end;
                    }
                    finally
                    {
                        log += "inner ";
                    }
                }
            }
            finally
            {
                Yield.Sleep(5);
                log += $"finally{round} ";
            }
            log += "after ";
        end:
            return log;
        }

        public static async Task<string> OutOfATryWhoseFinallySleepsAsync(int mode)
        {
            string log = "";
            int round = 0;
        top:
            round++;
            try
            {
                log += $"try{round} ";
                await Task.Yield();
                if (mode == 1 && round < 3)
                    goto top;
                if (mode == 2)
                {
                    try
                    {
                        if (round == 1) goto top;
                        goto end;
                    }
                    finally
                    {
                        log += "inner ";
                    }
                }
            }
            finally
            {
                await Task.Yield();
                log += $"finally{round} ";
            }
            log += "after ";
        end:
            return log;
        }

        [Coroutine]
        public static string GotoCaseAcrossSleeps(int start)
        {
            string log = "";
            switch (start)
            {
                case 1:
                    log += "one ";
                    Yield.Sleep(1);
                    goto case 3;
                case 2:
                    log += "two ";
                    goto default;
                case 3:
                    Yield.Sleep(2);
                    log += "three ";
                    goto case 2;
                default:
                    Yield.Sleep(3);
                    log += "default ";
                    break;
            }
            return log;
        }

        public static async Task<string> GotoCaseAcrossSleepsAsync(int start)
        {
            string log = "";
            switch (start)
            {
                case 1:
                    log += "one ";
                    await Task.Yield();
                    goto case 3;
                case 2:
                    log += "two ";
                    goto default;
                case 3:
                    await Task.Yield();
                    log += "three ";
                    goto case 2;
                default:
                    await Task.Yield();
                    log += "default ";
                    break;
            }
            return log;
        }
        """));

    private static void Compare(string method, params object?[] args) => AsyncTwin.Compare(Program, Programs.StaticType, method, args);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_backward_goto_over_a_sleep_repeats_it(int failures) => Compare("Retry", failures);

    [Theory]
    [InlineData(5)]
    [InlineData(100)]
    public void A_forward_goto_leaves_two_loops_that_sleep(int stopAt) => Compare("ForwardOutOfLoops", stopAt);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_label_on_a_sleep_and_same_named_labels_in_sibling_blocks(int rounds) => Compare("LabelOnASleepAndSiblingBlocks", rounds);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_goto_out_of_a_try_runs_its_sleeping_finally_first(int mode) => Compare("OutOfATryWhoseFinallySleeps", mode);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Goto_case_and_goto_default_between_sections_that_sleep(int start) => Compare("GotoCaseAcrossSleeps", start);
}
