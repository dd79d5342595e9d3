using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A <c>switch</c> statement that suspends whose value is of an anonymous type, which no field can name: kept in an <c>object</c>
/// field, its labels (a pattern, a guard that suspends) test it read back through its shape. Against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class AnonymousTypeSwitchValueTests
{
    // Its C# async twin is made from its text (LambdaCaptureHelpers.WithAsyncTwin): the same body, compiled by C# itself.
    private const string Switched = """
        [Coroutine]
        public static string Switched(int count)
        {
            var text = "";
            for (int i = 0; i < count; i++)
            {
                switch (new { A = Index("a", i % 4), B = Next(i) > 1 })
                {
                    case { A: 0, B: false }:
                        Yield.Sleep(1);
                        text += "zero;";
                        break;
                    case { A: var a, B: true } when Next(a) > 1:
                        text += $"big {a};";
                        break;
                    case var other:
                        text += $"{other};";
                        break;
                }
            }
            return text;
        }
        """;

    private static readonly SharedProgram Program = LambdaCaptureHelpers.WithAsyncTwin("", Switched, "Switched");

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void A_switch_that_suspends_on_a_value_of_an_anonymous_type_tests_its_labels_as_csharp_does(int count) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Switched", count);
}
