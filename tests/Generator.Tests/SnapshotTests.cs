using Coroutines.Generator.Tests.Behaviour;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// Snapshots of generated code (Snapshots/*.verified.cs next to this file). After a deliberate
/// change to the output, review the .received.cs files and run with UPDATE_SNAPSHOTS=1.
/// </summary>
/// <remarks>
/// One program per lowered form (<see cref="FormsSource"/>), so a reader can study how each is
/// rewritten: a try/finally around a sleep (a guarded finally that does not run while the body is
/// only suspending), a catch that sleeps (the handler moved after the try), a finally that sleeps
/// with a break out of the try (the finally flattened, the jump replayed after it), a using
/// statement, a foreach (enumerator in a field, disposed in a guarded finally) and a switch with
/// patterns (tests in order, pattern variables hoisted with <c>Hoist</c>).
/// </remarks>
public sealed class SnapshotTests
{
    [Fact]
    public void Readme_example()
    {
        var run = GeneratorHarness.Run(("Workers.cs", ReadmeExampleTests.Source));

        run.AssertNoErrorsOrWarnings();
        Snapshot.Verify(run.GeneratedSource("CountStateMachine.g.cs"), "Workers.Count");
    }

    /// <summary>The programs of the form snapshots, in one file.</summary>
    public const string FormsSource = """
        using System;
        using System.Collections.Generic;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public sealed class Connection : IDisposable
        {
            public void Send(string text) => Trace.Log($"send {text}");

            public void Dispose() => Trace.Log("connection closed");
        }

        public sealed record Order(string Item, int Quantity);

        public static partial class Forms
        {
            [Coroutine]
            public static void TryFinally(string name)
            {
                Trace.Log($"{name}: open");
                try
                {
                    Yield.Sleep(1000);
                    Trace.Log($"{name}: working");
                }
                finally
                {
                    Trace.Log($"{name}: closed");
                }
            }

            [Coroutine]
            public static int CatchSleep(int attempts)
            {
                try
                {
                    Yield.Sleep(10);
                    if (attempts > 2)
                        throw new TimeoutException($"gave up after {attempts}");
                }
                catch (TimeoutException e) when (e.Message.Length > 0)
                {
                    Trace.Log($"backing off: {e.Message}");
                    Yield.Sleep(100);
                    if (attempts > 3)
                        throw;
                }
                return attempts;
            }

            [Coroutine]
            public static int FinallySleepBreak(int limit)
            {
                int i = 0;
                while (true)
                {
                    try
                    {
                        i++;
                        if (i == limit)
                            break;
                        Trace.Log($"step {i}");
                    }
                    finally
                    {
                        Yield.Sleep(5);
                        Trace.Log($"cleaned up after {i}");
                    }
                }
                return i;
            }

            [Coroutine]
            public static void Using(string text)
            {
                using (var connection = new Connection())
                {
                    connection.Send(text);
                    Yield.Sleep(50);
                    connection.Send(text + " again");
                }
                Trace.Log("done");
            }

            [Coroutine]
            public static int ForEach(List<int> delays)
            {
                int total = 0;
                foreach (var delay in delays)
                {
                    Yield.Sleep(delay);
                    total += delay;
                }
                return total;
            }

            [Coroutine]
            public static string Switch(object message)
            {
                switch (message)
                {
                    case Order { Quantity: > 10 } big when big.Item.Length > 0:
                        Yield.Sleep(big.Quantity);
                        return $"bulk {big.Item}";
                    case Order(var item, var quantity):
                        Yield.Sleep(quantity);
                        return $"{quantity} x {item}";
                    case string text:
                        Yield.Sleep(1);
                        goto default;
                    default:
                        Yield.Sleep(2);
                        return "ignored";
                }
            }

            [Coroutine]
            public static int Call(int id)
            {
                var price = Fetch(id);
                try
                {
                    Notify($"price {price}");
                }
                catch (InvalidOperationException e)
                {
                    Trace.Log($"not notified: {e.Message}");
                }
                price = Fetch(price);
                return Fetch(price + 1);
            }

            [Coroutine]
            private static int Fetch(int id)
            {
                Yield.Sleep(10);
                return id * 2;
            }

            [Coroutine]
            private static void Notify(string text)
            {
                Yield.Sleep(5);
                if (text.Length > 8)
                    throw new InvalidOperationException($"too long: {text}");
                Trace.Log(text);
            }
        }
        """;

    [Theory]
    [InlineData("TryFinally")]
    [InlineData("CatchSleep")]
    [InlineData("FinallySleepBreak")]
    [InlineData("Using")]
    [InlineData("ForEach")]
    [InlineData("Switch")]
    [InlineData("Call")]
    public void Lowered_form(string method)
    {
        var run = GeneratorHarness.Run(("Forms.cs", FormsSource));

        run.AssertNoErrorsOrWarnings();
        Snapshot.Verify(run.GeneratedSource($".{method}StateMachine.g.cs"), $"Forms.{method}");
    }

    [Theory]
    [InlineData("TryFinally", "db")]
    [InlineData("CatchSleep", 1)]
    [InlineData("CatchSleep", 3)]
    [InlineData("CatchSleep", 4)]
    [InlineData("FinallySleepBreak", 3)]
    [InlineData("Using", "hello")]
    [InlineData("Switch", "text")]
    [InlineData("Switch", 42)]
    [InlineData("Call", 2)]
    [InlineData("Call", 2000)]
    public void Lowered_forms_run_like_the_original(string method, object argument)
    {
        Oracle.Compare(new OracleCase { Sources = [("Forms.cs", FormsSource)], TypeName = "Demo.Forms", MethodName = method, Args = [argument] });
    }

    [Fact]
    public void Lowered_foreach_runs_like_the_original()
    {
        Oracle.Compare(new OracleCase { Sources = [("Forms.cs", FormsSource)], TypeName = "Demo.Forms", MethodName = "ForEach", Args = [new System.Collections.Generic.List<int> { 3, 1, 4 }] });
    }
}
