using System;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering;

/// <summary>
/// COR0034 (Lowering/BodyLowerer.Saveability): in a saveable coroutine, a value the state machine
/// keeps in a field that is not a local (an operand C# evaluates before a suspension, a receiver, an
/// old value, the resource of a using without a variable, a switch's value) is saved like a local,
/// so a type a snapshot cannot save is refused at the expression, naming the suspension.
/// </summary>
public sealed class SaveableTemporaryTests
{
    private static string Program(string body, string saveable = "Saveable = true") => $$"""
        {{Programs.Usings}}
        using System.IO;
        using System.Linq;
        using System.Threading.Tasks;

        namespace Demo;

        public static partial class Program
        {
            [Coroutine(Saveable = true)]
            public static int Wait(int ms)
            {
                Yield.Sleep(ms);
                return ms;
            }

            private static Action MakeAction() => () => { };
            private static Task<int> MakeTask() => Task.FromResult(1);
            private static TextWriter MakeWriter() => new StringWriter();
            private static object MakeObject() => 1;
            private static void Use(Action a, int n) => a();
            private static void UseTask(Task<int> t, int n) { }

            [Coroutine({{saveable}})]
            public static void Run(int n)
            {
        {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("Use([|MakeAction()|], Wait(1));", "MakeAction()", "a delegate")]
    [InlineData("UseTask([|MakeTask()|], Wait(1));", "MakeTask()", "a Task")]
    [InlineData("[|MakeWriter()|].Write(Wait(1));", "MakeWriter()", "a TextWriter")]
    [InlineData("using ([|MakeWriter()|]) { Yield.Sleep(1); }", "MakeWriter()", "a TextWriter")]
    [InlineData("switch ([|MakeObject()|]) { case int: Yield.Sleep(1); break; }", "MakeObject()", "an 'object'")]
    [InlineData("var q = (from a in new[] { 1, 2 } let b = a * n [|join c in new[] { Wait(1) } on b equals c|] select a + c).Count();", "join c in new[] { Wait(1) } on b equals c", "anonymous type")]
    public void COR0034_a_kept_value_whose_type_cannot_be_saved(string body, string expression, string why)
    {
        var run = DiagnosticAssert.Fires("COR0034", DiagnosticSeverity.Error, Program(body));
        var message = Assert.Single(run.DiagnosticsById("COR0034")).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(message.StartsWith($"The value of '{expression}' in saveable coroutine 'Run' is kept in a field across the suspension `", StringComparison.Ordinal), message);
        Assert.Contains(why, message, StringComparison.Ordinal);
        Assert.Contains("in a statement of its own before this one", message, StringComparison.Ordinal);
    }

    [Fact]
    public void COR0034_names_the_suspension_the_value_lives_across_and_its_line()
    {
        var run = DiagnosticAssert.Fires("COR0034", DiagnosticSeverity.Error, Program("Use([|MakeAction()|], Wait(2));"));
        var message = Assert.Single(run.DiagnosticsById("COR0034")).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("across the suspension `Wait(2)` (line 30)", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Use(MakeAction(), Wait(1));", "")] // not saveable
    [InlineData("Use(MakeAction(), Wait(1));", "Saveable = false")]
    [InlineData("var w = Wait(1); Use(MakeAction(), w);", "Saveable = true")] // evaluated after the suspension
    [InlineData("Console.WriteLine(string.Concat(n.ToString(), Wait(1).ToString()));", "Saveable = true")] // a string kept: saveable
    [InlineData("Yield.Await(MakeTask());", "Saveable = true")] // the argument of Yield.Await: the runtime keeps it while it waits
    [InlineData("Yield.WaitUntil(() => n > 0);", "Saveable = true")] // the condition: Save refuses while it waits, it is cleared once read
    public void COR0034_does_not_fire_for_saveable_values_values_not_kept_and_the_arguments_of_suspension_points(string body, string saveable)
    {
        DiagnosticAssert.DoesNotFire(Program(body, saveable), "COR0034", "COR0030");
    }
}
