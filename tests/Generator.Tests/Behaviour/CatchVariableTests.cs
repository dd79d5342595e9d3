using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Oracle tests for a catch variable, its <c>when</c> filter and <c>throw;</c> when the handler
/// suspends: the filter may assign the variable, and the handler must see that value; the handler
/// may assign it too, and <c>throw;</c> still rethrows the exception that was caught, as in C#.
/// </summary>
public sealed class CatchVariableTests
{
    private static readonly SharedProgram Program = new(Programs.Static(Programs.TestTypes + """
        [Coroutine]
        public static string FilterAssignsTheVariable(int mode)
        {
            try
            {
                Yield.Sleep(1);
                throw new AppException("original", mode);
            }
            catch (Exception ex) when ((ex = new Exception("hello")) != null)
            {
                Trace.Log($"handler sees {ex.Message}");
                Yield.Sleep(2);
                Trace.Log($"after a sleep the handler sees {ex.Message}");
                if (mode == 1)
                    throw;
                if (mode == 2)
                    throw ex;
                return ex.Message;
            }
        }

        [Coroutine]
        public static string FilterAssignsThenRejects(int mode)
        {
            try
            {
                try
                {
                    Yield.Sleep(1);
                    throw new AppException("original", mode);
                }
                catch (AppException first) when ((first = new AppException("replaced", 9)).Code == mode)
                {
                    Yield.Sleep(2);
                    return $"first sees {first.Message} {first.Code}";
                }
                catch (AppException second) when (second.Message == "original")
                {
                    Trace.Log($"second sees {second.Message} {second.Code}");
                    Yield.Sleep(3);
                    return $"second sees {second.Message} {second.Code}";
                }
            }
            catch (Exception outer)
            {
                Yield.Sleep(4);
                return $"outer sees {outer.Message}";
            }
        }

        [Coroutine]
        public static string HandlerAssignsTheVariableThenRethrows(int mode)
        {
            try
            {
                try
                {
                    Yield.Sleep(1);
                    throw new AppException("original", mode);
                }
                catch (AppException ex) when (ex.Code >= 0)
                {
                    ex = new AppException("assigned in the handler", 7);
                    Yield.Sleep(2);
                    Trace.Log($"handler sees {ex.Message}");
                    if (mode == 0)
                        throw;
                    try
                    {
                        Yield.Sleep(3);
                        throw new OtherException("inner");
                    }
                    catch (OtherException inner) when ((inner = new OtherException("inner replaced")) != null)
                    {
                        Yield.Sleep(4);
                        Trace.Log($"inner handler sees {inner.Message}");
                        if (mode == 1)
                            throw;
                    }
                    Trace.Log($"after the inner try: {ex.Message}");
                    throw;
                }
            }
            catch (Exception caught)
            {
                return $"{caught.GetType().Name}: {caught.Message}";
            }
        }

        [Coroutine]
        public static int FilterAssignsInALoop(int count)
        {
            int total = 0;
            for (int i = 0; i < count; i++)
            {
                try
                {
                    Yield.Sleep(1);
                    throw new AppException("loop", i);
                }
                catch (AppException ex) when ((ex = new AppException("filter", ex.Code * 10)).Code % 20 == 0)
                {
                    Yield.Sleep(1);
                    total += ex.Code;
                    Trace.Log($"{i}: {ex.Message} {ex.Code}");
                }
                catch (AppException ex)
                {
                    Yield.Sleep(1);
                    Trace.Log($"{i}: unfiltered {ex.Message} {ex.Code}");
                }
            }
            return total;
        }
        """));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_filter_that_assigns_the_catch_variable_is_seen_by_a_suspending_handler(int mode)
    {
        var result = Program.Compare(Programs.StaticType, "FilterAssignsTheVariable", mode);
        Assert.Contains(result.StateMachine.Lines, static line => line.Contains("after a sleep the handler sees hello"));
    }

    /// <summary>
    /// The same handler as a C# <c>async</c> method, an <c>await</c> in place of each sleep: the
    /// compiler's own lowering of a suspending catch agrees on what the handler sees and on how
    /// the method ends (the exception's type aside: the program's AppException is its own class).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_csharp_async_method_with_the_same_filter_agrees(int mode)
    {
        var seen = new List<string>();
        string expected;
        try
        {
            expected = "returned: " + await FilterAssignsTheVariableAsync(mode, seen);
        }
        catch (Exception e)
        {
            expected = "threw: " + e.Message;
        }

        var lines = Program.Compare(Programs.StaticType, "FilterAssignsTheVariable", mode).StateMachine.Lines;
        var handler = lines.Where(static l => l.Contains("handler sees", StringComparison.Ordinal)).Select(static l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
        var outcome = lines.Single(static l => l.StartsWith("returned: ", StringComparison.Ordinal) || l.StartsWith("threw: ", StringComparison.Ordinal));
        if (outcome.StartsWith("threw: ", StringComparison.Ordinal))
        {
            outcome = "threw: " + outcome[(outcome.LastIndexOf(": ", StringComparison.Ordinal) + 2)..];
        }
        Assert.Equal(seen, handler);
        Assert.Equal(expected, outcome);
    }

    private static async Task<string> FilterAssignsTheVariableAsync(int mode, List<string> seen)
    {
        try
        {
            await Task.Yield();
            throw new InvalidOperationException("original");
        }
        catch (Exception ex) when ((ex = new Exception("hello")) != null)
        {
            seen.Add($"handler sees {ex.Message}");
            await Task.Yield();
            seen.Add($"after a sleep the handler sees {ex.Message}");
            if (mode == 1)
                throw;
            if (mode == 2)
#pragma warning disable CA2200 // `throw ex` is the behaviour under test: it throws the filter's exception
                throw ex;
#pragma warning restore CA2200
            return ex.Message;
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void A_filter_that_assigns_its_variable_and_rejects_leaves_the_next_catch_the_original(int mode) =>
        Program.Compare(Programs.StaticType, "FilterAssignsThenRejects", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Rethrow_after_the_variable_was_assigned_rethrows_the_caught_exception(int mode) =>
        Program.Compare(Programs.StaticType, "HandlerAssignsTheVariableThenRethrows", mode);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_filter_assigning_its_variable_in_a_loop(int count) =>
        Program.Compare(Programs.StaticType, "FilterAssignsInALoop", count);
}
