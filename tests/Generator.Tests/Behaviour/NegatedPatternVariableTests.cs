using System;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A variable a negated pattern declares, <c>o is not string s</c>, that lives in a field: C# assigns it when the test is false, so
/// the test is written <c>!(o is string s__1 &amp;&amp; Hoist(out s, s__1))</c> (was <c>o is not string s__1 &amp;&amp; Hoist(...)</c>, CS0165).
/// Against the direct call and the C# <c>async</c> twin, each run required to return.
/// </summary>
public sealed class NegatedPatternVariableTests
{
    private const string Coroutines = """
        [Coroutine]
        public static string Negated(object? value)
        {
            if (value is not string text)
            {
                return "none";
            }
            Yield.Sleep(1);
            if (value is not string { Length: > 1 } longer || Test("longer", longer.Length > 2))
            {
                return "short " + text;
            }
            Yield.Sleep(1);
            return text + " " + longer;
        }
        """;

    private static readonly SharedProgram Program =
        new("using System.Threading.Tasks;\n" + Programs.Static(
            Programs.TestTypes + LambdaCaptureHelpers.Logged + Coroutines + "\n" +
            Coroutines.Replace("[Coroutine]\npublic static string Negated(", "public static async Task<string> NegatedAsync(", StringComparison.Ordinal)
                .Replace("Yield.Sleep(1)", "await Task.Yield()", StringComparison.Ordinal)));

    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    public void A_negated_patterns_variable_that_lives_across_a_suspension_is_assigned_when_the_test_is_false(object? value) =>
        Assert.Null(AsyncTwin.Compare(Program, Programs.StaticType, "Negated", value).Exception);
}
