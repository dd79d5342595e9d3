using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests: Yield.Sleep inside try, catch (filters included) and finally blocks, nested
/// tries, <c>throw;</c> after a sleep, and jumps out of a try whose finally sleeps. Every path is
/// chosen by an argument, and every handler and finally logs, so the traces show which ran, in
/// which order, at what time, and how the method ended (result, or exception type and message).
/// </summary>
public sealed class ExceptionHandlingTests
{
    private static readonly SharedProgram Program = new(Programs.Static(Programs.TestTypes + """
        [Coroutine]
        public static string SleepInTry(int mode)
        {
            Trace.Log("start");
            try
            {
                Yield.Sleep(10);
                Trace.Log("after the first sleep");
                if (mode == 1)
                    throw new AppException("first", 1);
                Yield.Sleep(5);
                if (mode == 2)
                    throw new OtherException("second");
                if (mode == 3)
                    Fail(3);
                Trace.Log("try done");
            }
            catch (AppException e)
            {
                Trace.Log($"caught {e.Message} code {e.Code}");
            }
            Yield.Sleep(1);
            Trace.Log("after the try");
            return $"mode {mode}";
        }

        [Coroutine]
        public static int SleepInCatch(int mode)
        {
            int result = 0;
            try
            {
                Yield.Sleep(3);
                result = mode == 0 ? 10 : Fail(mode);
                Trace.Log("not reached when it fails");
            }
            catch (AppException e)
            {
                Trace.Log($"handler start: {e.Message}");
                Yield.Sleep(7);
                Trace.Log($"handler after a sleep: {e.Message}, code {e.Code}");
                result = e.Code * 100;
                if (mode == 2)
                    throw new OtherException($"from the handler after {result}");
                Yield.Sleep(1);
            }
            Trace.Log($"result {result}");
            return result;
        }

        [Coroutine]
        public static string CatchWithoutVariable(int mode)
        {
            try
            {
                Yield.Sleep(2);
                if (mode == 1) throw new AppException("typed");
                if (mode == 2) throw new OtherException("general");
                if (mode == 3) throw new System.IO.IOException("io");
            }
            catch (AppException)
            {
                Yield.Sleep(4);
                Trace.Log("AppException, no variable");
            }
            catch (System.IO.IOException)
            {
                Trace.Log("IOException: a handler that does not sleep");
            }
            catch
            {
                Trace.Log("general catch");
                Yield.Sleep(8);
                Trace.Log("general catch after a sleep");
            }
            return "done";
        }

        [Coroutine]
        public static string Filters(int mode)
        {
            int threshold = 5;
            Yield.Sleep(1);
            try
            {
                Yield.Sleep(2);
                if (mode == 0) return "no exception";
                throw new AppException($"code {mode}", mode);
            }
            catch (AppException e) when (e.Code > threshold)
            {
                Yield.Sleep(e.Code);
                Trace.Log($"big code {e.Code} (threshold {threshold})");
            }
            catch (AppException e) when (e.Code % 2 == 0)
            {
                Trace.Log($"even code {e.Code}");
                Yield.Sleep(3);
                threshold = e.Code;
            }
            catch (AppException e) when (e.Code == 3)
            {
                Trace.Log("code three: no sleep");
            }
            catch (Exception e) when (e.Message.EndsWith("1"))
            {
                Yield.Sleep(9);
                Trace.Log($"general filter: {e.GetType().Name} {e.Message}");
            }
            Trace.Log($"threshold now {threshold}");
            return "filtered";
        }

        private static bool Throwing(int code) => code == 4 ? throw new OtherException("filter threw") : true;

        [Coroutine]
        public static string FilterThatThrowsCountsAsFalse(int code)
        {
            try
            {
                try
                {
                    Yield.Sleep(1);
                    throw new AppException("inner", code);
                }
                catch (AppException e) when (Throwing(e.Code))
                {
                    Yield.Sleep(2);
                    Trace.Log($"inner handler {e.Code}");
                }
            }
            catch (AppException e)
            {
                Yield.Sleep(3);
                Trace.Log($"outer handler {e.Message}");
            }
            return "done";
        }

        [Coroutine]
        public static string FilterReadsLocalsChangedAcrossSleeps(int mode)
        {
            string wanted = "none";
            for (int round = 0; round < 3; round++)
            {
                wanted = round == mode ? "match" : "other";
                try
                {
                    Yield.Sleep(5);
                    throw new AppException(round == 1 ? "match" : "other", round);
                }
                catch (AppException e) when (e.Message == wanted)
                {
                    Yield.Sleep(1);
                    Trace.Log($"round {round}: filter matched {e.Message}");
                }
                catch (AppException e)
                {
                    Trace.Log($"round {round}: fallback {e.Message}");
                }
            }
            return wanted;
        }

        [Coroutine]
        public static int RethrowAfterSleep(int mode)
        {
            try
            {
                try
                {
                    Yield.Sleep(4);
                    Fail(mode);
                }
                catch (AppException e) when (e.Code != 2)
                {
                    Trace.Log($"inner catch {e.Message}");
                    Yield.Sleep(6);
                    Trace.Log("rethrowing");
                    throw;
                }
                finally
                {
                    Trace.Log("inner finally");
                }
            }
            catch (AppException e)
            {
                Trace.Log($"outer catch {e.Message}, same object code {e.Code}");
                Yield.Sleep(2);
                if (mode == 3)
                    throw;
            }
            return mode;
        }

        [Coroutine]
        public static void RethrowInNestedHandlers(int mode)
        {
            try
            {
                Yield.Sleep(1);
                throw new AppException("outer");
            }
            catch (AppException outer)
            {
                try
                {
                    Yield.Sleep(2);
                    throw new OtherException("inner", outer);
                }
                catch (OtherException inner)
                {
                    Yield.Sleep(3);
                    Trace.Log($"inner {inner.Message} wraps {inner.InnerException?.Message}");
                    if (mode == 1)
                        throw;
                }
                Yield.Sleep(4);
                Trace.Log($"back in the outer handler for {outer.Message}");
                if (mode == 2)
                    throw;
            }
        }

        [Coroutine]
        public static int SleepInFinally(int mode)
        {
            int value = 1;
            try
            {
                Trace.Log("try");
                value = 2;
                if (mode == 1)
                    throw new AppException("from the try");
                if (mode == 2)
                    return value * 10;
                Yield.Sleep(5);
                value = 3;
            }
            finally
            {
                Trace.Log($"finally sees {value}");
                Yield.Sleep(10);
                value = 4;
                Trace.Log("finally after its sleep");
                if (mode == 3)
                    throw new OtherException("from the finally");
            }
            Trace.Log("after the try");
            return value;
        }

        [Coroutine]
        public static int SleepInTryAndFinally(int mode)
        {
            int value = 0;
            try
            {
                Yield.Sleep(3);
                value = 5;
                if (mode == 1) Fail(1);
                if (mode == 2) return value;
                Yield.Sleep(4);
            }
            finally
            {
                Yield.Sleep(2);
                value++;
                Trace.Log($"finally, value {value}");
            }
            return value;
        }

        [Coroutine]
        public static string FinallyThrowReplacesThePendingException(int mode)
        {
            try
            {
                try
                {
                    Yield.Sleep(1);
                    throw new AppException("original");
                }
                finally
                {
                    Yield.Sleep(2);
                    if (mode == 1)
                        throw new OtherException("replacement");
                    Trace.Log("finally ends normally");
                }
            }
            catch (Exception e)
            {
                Trace.Log($"caught {e.GetType().Name}: {e.Message}");
            }
            return "ok";
        }

        [Coroutine]
        public static string TryCatchFinally(int mode)
        {
            string log = "";
            try
            {
                log += "t";
                Yield.Sleep(1);
                if (mode == 1) throw new AppException("caught one");
                if (mode == 2) throw new OtherException("escapes");
                if (mode == 3) return log + "-returned";
            }
            catch (AppException e)
            {
                log += "c";
                Yield.Sleep(2);
                Trace.Log($"catch {e.Message}");
                if (mode == 1) return log + "-from-catch";
            }
            finally
            {
                log += "f";
                Trace.Log($"finally with log {log}");
                Yield.Sleep(3);
                Trace.Log("finally done");
            }
            return log;
        }

        [Coroutine]
        public static string OnlyTheTrySleeps(int mode)
        {
            try
            {
                Yield.Sleep(1);
                if (mode == 1) throw new AppException("caught by the catch that does not sleep", 1);
                if (mode == 2) throw new OtherException("passes the catch");
                Trace.Log("try done");
            }
            catch (AppException e)
            {
                Trace.Log($"catch {e.Message}");
            }
            finally
            {
                Trace.Log("finally without a sleep");
            }
            return "ok";
        }

        [Coroutine]
        public static string CatchSleepsFinallyDoesNot(int mode)
        {
            try
            {
                Yield.Sleep(1);
                if (mode > 0) throw new AppException("boom", mode);
            }
            catch (AppException e) when (e.Code == 1)
            {
                Yield.Sleep(2);
                Trace.Log("handler");
            }
            finally
            {
                Trace.Log("finally without a sleep");
            }
            return "ok";
        }

        [Coroutine]
        public static void NestedTries(int mode)
        {
            try
            {
                Trace.Log("outer try");
                try
                {
                    Yield.Sleep(1);
                    Trace.Log("inner try");
                    if (mode == 1) throw new AppException("A");
                    if (mode == 2) throw new OtherException("B");
                    if (mode == 3) throw new InvalidOperationException("C");
                }
                catch (OtherException e)
                {
                    Yield.Sleep(2);
                    Trace.Log($"inner catch {e.Message}");
                }
                finally
                {
                    Trace.Log("inner finally");
                    Yield.Sleep(3);
                    Trace.Log("inner finally after its sleep");
                }
                Yield.Sleep(4);
                Trace.Log("between");
            }
            catch (AppException e)
            {
                Trace.Log($"outer catch {e.Message}");
                Yield.Sleep(5);
                try
                {
                    Yield.Sleep(6);
                    throw new OtherException("in the handler");
                }
                catch (OtherException inner)
                {
                    Trace.Log($"handler's own catch {inner.Message}");
                }
                finally
                {
                    Yield.Sleep(7);
                    Trace.Log("handler's own finally");
                }
            }
            finally
            {
                Trace.Log("outer finally");
                Yield.Sleep(8);
            }
            Trace.Log("end");
        }

        [Coroutine]
        public static string TryInFinallyInCatch(int mode)
        {
            try
            {
                Yield.Sleep(1);
                throw new AppException("first");
            }
            catch (AppException e)
            {
                try
                {
                    Yield.Sleep(2);
                }
                finally
                {
                    try
                    {
                        Yield.Sleep(3);
                        if (mode == 1)
                            throw new OtherException($"after {e.Message}");
                    }
                    catch (OtherException o) when (mode == 1)
                    {
                        Yield.Sleep(4);
                        Trace.Log($"deep catch {o.Message}");
                    }
                    Trace.Log("deep finally done");
                }
            }
            return "done";
        }

        [Coroutine]
        public static string JumpsOutOfATryWhoseFinallySleeps(int stopAt)
        {
            int i = 0;
            string path = "";
            while (true)
            {
                i++;
                try
                {
                    Trace.Log($"iteration {i}");
                    if (i == 1)
                        continue;
                    if (i == stopAt)
                        break;
                    if (i == 4 && stopAt == 6)
                        return path + "-returned";
                    if (i == 4 && stopAt == 7)
                        throw new AppException("thrown");
                    Yield.Sleep(1);
                    path += i;
                }
                finally
                {
                    Trace.Log($"finally {i}");
                    Yield.Sleep(10);
                    path += "f";
                    Trace.Log($"finally {i} done, path {path}");
                }
                Trace.Log($"end of iteration {i}");
            }
            Trace.Log("after the loop");
            return path;
        }

        [Coroutine]
        public static string BreakThroughTwoFinallies(int mode)
        {
            string path = "";
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    try
                    {
                        try
                        {
                            path += $"[{i}{j}]";
                            if (mode == 1 && j == 1) break;
                            if (mode == 2 && j == 1) continue;
                            if (mode == 3 && i == 1) return path;
                            if (mode == 4 && i == 2 && j == 2) throw new AppException(path);
                        }
                        finally
                        {
                            Yield.Sleep(1);
                            path += "i";
                        }
                        path += "m";
                    }
                    finally
                    {
                        Trace.Log($"outer finally {i}{j}");
                        Yield.Sleep(2);
                        path += "o";
                    }
                }
                Trace.Log($"end of i={i}: {path}");
            }
            return path;
        }

        [Coroutine]
        public static int ReturnValueIsTakenBeforeTheFinallyRuns(int mode)
        {
            int x = 1;
            try
            {
                Yield.Sleep(1);
                x = 10;
                return x;
            }
            finally
            {
                x = 20;
                Yield.Sleep(mode);
                Trace.Log($"finally set x to {x}");
            }
        }

        [Coroutine]
        public static int TryInALoopHandlesEachIteration(int count)
        {
            int handled = 0;
            for (int i = 0; i < count; i++)
            {
                try
                {
                    Yield.Sleep(i);
                    if (i % 2 == 1)
                        throw new AppException($"odd {i}", i);
                    if (i == 4)
                        continue;
                    Trace.Log($"even {i}");
                }
                catch (AppException e)
                {
                    Yield.Sleep(1);
                    handled += e.Code;
                    Trace.Log($"handled {e.Message}");
                    if (e.Code == 5)
                        break;
                    continue;
                }
                finally
                {
                    Trace.Log($"finally {i}");
                }
                Trace.Log($"after the try {i}");
            }
            return handled;
        }

        [Coroutine]
        public static string NegativeSleepInsideTryFinally(int delay)
        {
            try
            {
                Trace.Log("before");
                Yield.Sleep(delay);
                Trace.Log("after");
            }
            finally
            {
                Trace.Log("finally runs");
            }
            return "ok";
        }

        [Coroutine]
        public static string ThrowingDelayExpressionInsideACatch(int mode)
        {
            try
            {
                Yield.Sleep(1);
                Fail(1);
            }
            catch (AppException)
            {
                try
                {
                    Yield.Sleep(mode == 1 ? Fail(7) : 2);
                }
                finally
                {
                    Trace.Log("finally of the handler's try");
                }
            }
            return "ok";
        }

        [Coroutine]
        public static string RethrowFromACatchInsideAFinally(int mode)
        {
            string path = "";
            try
            {
                try
                {
                    Yield.Sleep(1);
                    if (mode == 1) throw new AppException("from the try");
                }
                finally
                {
                    try
                    {
                        Yield.Sleep(2);
                        throw new OtherException("inside the finally");
                    }
                    catch (OtherException e)
                    {
                        Yield.Sleep(3);
                        path += e.Message;
                        if (mode == 2)
                            throw;
                    }
                    path += "|finally done";
                }
            }
            catch (Exception e)
            {
                path += $"|outer caught {e.GetType().Name}: {e.Message}";
            }
            return path;
        }

        private static bool ThrowingFilter(AppException e) => e.Code == 2 ? throw new InvalidOperationException("the filter failed") : e.Code == 1;

        [Coroutine]
        public static string FilterOfASleepingHandlerThrows(int code)
        {
            try
            {
                try
                {
                    Yield.Sleep(1);
                    throw new AppException("x", code);
                }
                catch (AppException e) when (ThrowingFilter(e))
                {
                    Yield.Sleep(2);
                    Trace.Log($"handled code {e.Code}");
                }
            }
            catch (AppException e)
            {
                Yield.Sleep(3);
                Trace.Log($"outer handler: code {e.Code}");
            }
            return "done";
        }

        [Coroutine]
        public static int ContinueAfterASleepInACatch(int count)
        {
            int handled = 0;
            for (int i = 0; i < count; i++)
            {
                try
                {
                    Yield.Sleep(1);
                    if (i % 2 == 0) throw new AppException($"even {i}", i);
                    Trace.Log($"odd {i}");
                }
                catch (AppException e) when (e.Code < 4)
                {
                    Yield.Sleep(2);
                    handled++;
                    if (e.Code == 2) continue;
                    Trace.Log($"handled {e.Message}");
                }
                Trace.Log($"end of {i}");
            }
            return handled;
        }

        public static T Generic<T>(int code)
            where T : Exception
        {
            throw (T)Activator.CreateInstance(typeof(T), $"generic {code}", code)!;
        }

        [Coroutine]
        public static string CatchAGenericException<TException>(int code)
            where TException : Exception
        {
            try
            {
                Yield.Sleep(1);
                Generic<AppException>(code);
            }
            catch (TException e) when (e.Message.Length > 0)
            {
                Yield.Sleep(2);
                return $"caught {typeof(TException).Name}: {e.Message}";
            }
            return "not caught";
        }

        [Coroutine]
        public static string ExceptionVariableSurvivesSleeps(int mode)
        {
            Exception? remembered = null;
            try
            {
                Yield.Sleep(1);
                throw new AppException("remember me", mode);
            }
            catch (AppException e)
            {
                Yield.Sleep(2);
                remembered = e;
                Yield.Sleep(3);
                Trace.Log($"{e.Message} {e.Code}");
            }
            try
            {
                Yield.Sleep(4);
                throw new OtherException("second");
            }
            catch (OtherException e)
            {
                Yield.Sleep(5);
                Trace.Log($"{e.Message}, remembered {remembered?.Message}");
            }
            return remembered?.Message ?? "none";
        }
        """));

    private static void Compare(string method, params object?[] args) => Program.Compare(Programs.StaticType, method, args);

    /// <summary>
    /// C# runs exception filters in a first pass, before any finally block on the way: an outer
    /// filter sees the values of locals from before the inner finally ran. A finally that sleeps is
    /// flattened (the exception caught, the finally run, the exception rethrown), so the outer
    /// filter runs after it, as in async methods with an await in a finally: COR0019 says so.
    /// </summary>
    [Fact]
    public void An_outer_filter_around_an_inner_finally_that_sleeps_is_reported()
    {
        var run = GeneratorHarness.Run(("Test.cs", Programs.Static(Programs.TestTypes + """
        private static bool Filter(string what, bool result)
        {
            Trace.Log($"filter {what}: {result}");
            return result;
        }

        [Coroutine]
        public static string FilterOrder(int mode)
        {
            int stage = 0;
            try
            {
                try
                {
                    Yield.Sleep(1);
                    stage = 1;
                    throw new AppException("inner", mode);
                }
                finally
                {
                    Trace.Log($"inner finally sees stage {stage}");
                    stage = 2;
                    Yield.Sleep(2);
                }
            }
            catch (AppException e) when (Filter($"stage {stage}, code {e.Code}", stage == 1 || e.Code == 1))
            {
                Trace.Log($"caught with stage {stage}");
            }
            return $"stage {stage}";
        }
        """)));
        var warnings = run.DiagnosticsById("COR0019");
        Assert.Single(warnings);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, warnings[0].Severity);
    }

    private static void CompareAlone(string members, string method, params object?[] args) =>
        Oracle.Compare(Programs.Static(Programs.TestTypes + members), Programs.StaticType, method, args);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sleep_inside_a_try_with_a_catch(int mode) => Compare("SleepInTry", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Sleep_inside_a_catch_handler(int mode) => Compare("SleepInCatch", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Catch_clauses_without_a_variable_and_a_general_catch(int mode) => Compare("CatchWithoutVariable", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(11)]
    public void Exception_filters_choose_the_handler(int mode) => Compare("Filters", mode);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_filter_that_throws_counts_as_false(int code) => Compare("FilterThatThrowsCountsAsFalse", code);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_filter_reads_locals_that_changed_across_sleeps(int mode) => Compare("FilterReadsLocalsChangedAcrossSleeps", mode);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Rethrow_after_a_sleep_in_a_catch(int mode) => Compare("RethrowAfterSleep", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Rethrow_from_nested_handlers_rethrows_each_ones_own_exception(int mode) => Compare("RethrowInNestedHandlers", mode);

    /// <summary>Its own program: the end of the generated step must not be reachable when the method's end is not.</summary>
    [Fact]
    public void A_handler_that_sleeps_then_throws_a_new_exception() => CompareAlone("""
        [Coroutine]
        public static string WrapAndThrow(int mode)
        {
            try
            {
                Yield.Sleep(2);
                Fail(mode);
                return "unreachable";
            }
            catch (AppException e)
            {
                Yield.Sleep(3);
                throw new OtherException($"wrapped: {e.Message}", e);
            }
        }
        """, "WrapAndThrow", 6);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sleep_inside_a_finally(int mode) => Compare("SleepInFinally", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Sleeps_in_both_the_try_and_its_finally(int mode) => Compare("SleepInTryAndFinally", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void An_exception_thrown_by_a_sleeping_finally_replaces_the_pending_one(int mode) => Compare("FinallyThrowReplacesThePendingException", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Try_catch_finally_all_sleeping(int mode) => Compare("TryCatchFinally", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_try_that_sleeps_with_a_catch_and_a_finally_that_do_not(int mode) => Compare("OnlyTheTrySleeps", mode);

    /// <summary>Its own program: a jump in a catch that does not sleep, out of a try whose finally sleeps.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Continue_from_a_catch_that_does_not_sleep_through_a_finally_that_does(int n) => CompareAlone("""
        [Coroutine]
        public static int ContinueFromKeptCatch(int n)
        {
            int handled = 0;
            for (int i = 0; i < n; i++)
            {
                try
                {
                    Yield.Sleep(1);
                    throw new AppException("x", i);
                }
                catch (AppException e)
                {
                    if (e.Code == 0) continue;
                    handled++;
                    if (e.Code == 2) return -handled;
                }
                finally
                {
                    Yield.Sleep(2);
                    Trace.Log($"finally {i}");
                }
                Trace.Log($"after the try {i}");
            }
            return handled;
        }
        """, "ContinueFromKeptCatch", n);

    /// <summary>Its own program: a break in a catch that does not sleep, in a do loop that does.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Break_from_a_catch_that_does_not_sleep_in_a_do_loop(int n) => CompareAlone("""
        [Coroutine]
        public static int BreakFromKeptCatchInDo(int n)
        {
            int i = 0;
            do
            {
                i++;
                try
                {
                    Yield.Sleep(1);
                    if (i == 2) throw new AppException("x");
                }
                catch (AppException)
                {
                    Trace.Log("breaking");
                    if (n > 0) break;
                }
                Trace.Log($"end of round {i}");
            }
            while (i < n);
            return i;
        }
        """, "BreakFromKeptCatchInDo", n);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_catch_that_sleeps_with_a_finally_that_does_not(int mode) => Compare("CatchSleepsFinallyDoesNot", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Nested_tries_with_sleeps_at_every_level(int mode) => Compare("NestedTries", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_try_inside_a_finally_inside_a_catch(int mode) => Compare("TryInFinallyInCatch", mode);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(7)]
    public void Continue_break_return_and_throw_out_of_a_try_whose_finally_sleeps(int stopAt) => Compare("JumpsOutOfATryWhoseFinallySleeps", stopAt);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Jumps_through_two_sleeping_finallies(int mode) => Compare("BreakThroughTwoFinallies", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void The_return_value_is_taken_before_the_finally_runs(int mode) => Compare("ReturnValueIsTakenBeforeTheFinallyRuns", mode);

    /// <summary>Its own program: every path returns or throws, so the method's end is unreachable.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Return_from_a_catch_whose_finally_sleeps(int mode) => CompareAlone("""
        [Coroutine]
        public static string ReturnFromCatchWithSleepingFinally(int mode)
        {
            try
            {
                Yield.Sleep(1);
                Fail(mode);
                return "try";
            }
            catch (AppException e) when (e.Code == 1)
            {
                Yield.Sleep(2);
                return "catch";
            }
            finally
            {
                Trace.Log("finally");
                Yield.Sleep(3);
                Trace.Log("finally after a sleep");
            }
        }
        """, "ReturnFromCatchWithSleepingFinally", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(8)]
    public void A_try_in_a_loop_handles_each_iteration(int count) => Compare("TryInALoopHandlesEachIteration", count);

    [Theory]
    [InlineData(5)]
    [InlineData(-1)]
    public void A_sleep_whose_delay_is_invalid_still_runs_the_enclosing_finally(int delay) => Compare("NegativeSleepInsideTryFinally", delay);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_delay_expression_that_throws_inside_a_handler_runs_the_finally(int mode) => Compare("ThrowingDelayExpressionInsideACatch", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Rethrow_from_a_catch_inside_a_finally(int mode) => Compare("RethrowFromACatchInsideAFinally", mode);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_filter_of_a_sleeping_handler_that_throws_counts_as_false(int code) => Compare("FilterOfASleepingHandlerThrows", code);

    [Theory]
    [InlineData(6)]
    public void Continue_after_a_sleep_in_a_catch(int count) => Compare("ContinueAfterASleepInACatch", count);

    [Fact]
    public void Catch_of_a_type_parameter()
    {
        Program.Compare(new OracleCase
        {
            Sources = Program.Sources,
            TypeName = Programs.StaticType,
            MethodName = "CatchAGenericException",
            MethodTypeArguments = [typeof(System.Exception)],
            Args = [3],
        });
    }

    [Theory]
    [InlineData(3)]
    public void Exception_variables_survive_sleeps(int mode) => Compare("ExceptionVariableSurvivesSleeps", mode);
}
