using System.Globalization;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// <c>[Coroutine]</c> local functions of top-level statements (issue 14, point 7): their state
/// machine and factory are members of the class the compiler makes of the statements
/// (<c>Program</c>, declared partial by the generator), as for a local function of a method that
/// captures nothing. One that captures the statements' locals is refused (COR0016): they are not a
/// coroutine, so no state machine holds them where the local function's could share them.
/// </summary>
public sealed class TopLevelLocalFunctionCoroutineTests
{
    private const string Source = """
        using System;
        using Coroutines;
        using Coroutines.Testing;

        Hooks.MakeCountdown = n => CountdownCoroutine(n);
        Hooks.MakeSum = (a, b) => SumCoroutine(a, b);
        Hooks.Direct = (a, b) => Countdown(a) + Sum(a, b); // a direct call runs it as plain code

        [Coroutine]
        static int Countdown(int n)
        {
            if (n == 0)
            {
                return 0;
            }
            Yield.Sleep(n);
            Trace.Log($"countdown {n}");
            return n + Countdown(n - 1);
        }

        [Coroutine]
        int Sum(int a, int b) // not static, but captures nothing
        {
            var first = Countdown(a);
            Yield.Sleep(1);
            return first + Countdown(b);
        }

        // The top-level statements run once per load of the program (the oracle loads it for each side), before the hooks are read.
        public static partial class Hooks
        {
            public static Func<int, Coroutine<int>> MakeCountdown = null!;
            public static Func<int, int, Coroutine<int>> MakeSum = null!;
            public static Func<int, int, int> Direct = null!;

            static Hooks() => typeof(Hooks).Assembly.EntryPoint!.Invoke(null, [Array.Empty<string>()]);

            [Coroutine]
            public static int Run(int n)
            {
                var countdown = MakeCountdown(n);
                Trace.Log("waiting");
                var sum = Yield.Await(MakeSum(n, 1));
                return Yield.Await(countdown) * 100 + sum;
            }
        }
        """;

    private static readonly CompiledProgram Program = ProgramRunner.Build(GeneratorHarness.Run(
        GeneratorHarness.CreateCompilation([new SourceFile(GeneratorHarness.DefaultPath, Source)])
            .WithOptions(GeneratorHarness.CompilationOptions.WithOutputKind(OutputKind.ConsoleApplication))));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Local_functions_of_top_level_statements_are_made_by_their_factories(int n)
    {
        Oracle.Compare(Program, new OracleCase { Sources = [new SourceFile(GeneratorHarness.DefaultPath, Source)], TypeName = "Hooks", MethodName = "Run", Args = [n] });
    }

    [Fact]
    public void A_local_function_capturing_a_local_of_top_level_statements_is_refused_with_what_to_write_instead()
    {
        var run = DiagnosticAssert.Fires("COR0016", DiagnosticSeverity.Error, """
            using Coroutines;

            int step = 2;
            var coroutine = WaitCoroutine();

            [Coroutine]
            void [|Wait|]()
            {
                Yield.Sleep(step);
            }
            """);
        Assert.Contains(
            "[Coroutine] is not supported on the local function 'Wait', which captures 'step' of the top-level statements (they are not a coroutine: only a coroutine's state machine can share its variables with the local function's): make 'Wait' static and pass 'step' as parameters",
            run.GeneratorDiagnostics.Select(static d => d.GetMessage(CultureInfo.InvariantCulture)));
    }
}
