using System;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>Exceptions thrown by user code: same type, message and time, and a stack trace that points at the user's file.</summary>
public sealed class ExceptionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Exception_thrown_by_user_code_after_a_sleep(int failAt)
    {
        var result = Oracle.Compare(Programs.Static("""
            public sealed class WorkFailedException : Exception
            {
                public WorkFailedException(string message)
                    : base(message)
                {
                }
            }

            private static void Check(int step, int failAt)
            {
                if (step == failAt)
                {
                    throw new WorkFailedException($"step {step} failed at {Clock.Current.Now.TotalMilliseconds}ms");
                }
            }

            [Coroutine]
            public static int Run(int failAt)
            {
                Yield.Sleep(20);
                if (failAt == 1)
                {
                    throw new InvalidOperationException("boom after the first sleep");
                }
                for (int step = 2; step < 10; step++)
                {
                    Trace.Log($"step {step}");
                    Yield.Sleep(step);
                    Check(step, failAt);
                }
                return 0;
            }
            """), Programs.StaticType, "Run", failAt);

        Assert.StartsWith("threw: ", result.Original.Lines[^2]);
    }

    [Fact]
    public void Exception_before_the_first_sleep()
    {
        Oracle.Compare(Programs.Static("""
            [Coroutine]
            public static void Run(string? name)
            {
                Trace.Log("validating");
                ArgumentNullException.ThrowIfNull(name);
                Yield.Sleep(1);
            }
            """), Programs.StaticType, "Run", [null]);
    }

    private const string Workers = """
        using System;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public static partial class Workers
        {
            [Coroutine]
            public static int Fail(int steps)
            {
                for (int i = 0; i < steps; i++)
                {
                    Yield.Sleep(10);
                }
                Trace.Log("about to throw");
                throw new InvalidOperationException("failed on purpose");
            }
        }
        """;

    [Fact]
    public void Stack_trace_of_an_exception_in_the_state_machine_shows_the_users_file_and_line()
    {
        var test = new OracleCase { Sources = [("Workers.cs", Workers)], TypeName = "Demo.Workers", MethodName = "Fail", Args = [2] };

        var result = Oracle.Compare(test);

        Assert.Contains("Workers.cs:line 17", result.Original.Exception!.StackTrace); // the harness's own check: PDB loaded
        var stackTrace = result.StateMachine.Exception!.StackTrace;
        Assert.True(
            stackTrace?.Contains("Workers.cs:line 17", StringComparison.Ordinal) == true,
            $"The state machine's stack trace should point at Workers.cs line 18 (#line directives):{Environment.NewLine}{stackTrace}");
    }
}
