using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Binding;

/// <summary>
/// A per-iteration lambda over an anonymous type assigned through a ref local or to an element of a span in an argument of a
/// suspension point or of a coroutine's call through <c>?.</c>, or after a suspension of its statement: made in a block that keeps
/// the environments (Behaviour/LambdaThroughRefAroundSuspensionCaptureTests and LambdaThroughRefAfterSuspensionInStatementsCaptureTests run them); a ref local or a span variable used after
/// the suspension stays refused, as C# refuses it.
/// </summary>
public sealed class KeptAroundSuspensionTests
{
    /// <summary>A loop that suspends, with <c>slots</c>, an array of lambdas over an anonymous type, and <c>Parsed</c>, which declares a variable.</summary>
    internal static string Program(string statement) => Passes.Program($$"""
                    static Action<T>[] Slots<T>(T sample) => new Action<T>[1];
                    static bool Parsed(int value, out int parsed)
                    {
                        parsed = value;
                        return true;
                    }
                    [Coroutine]
                    static int Fetch(int x)
                    {
                        Yield.Sleep(1);
                        return x;
                    }
                    var rows = new[] { new { A = 1 } };
                    var slots = Slots(rows[0]);
                    var later = new List<Func<int>>();
                    for (int i = 0; i < 2; i++)
                    {
                        int copy = i;
                        {{statement}}
                        Yield.Sleep(1);
                    }
                    return 0;
            """, returnType: "int");

    [Theory]
    [InlineData("ref var slot = ref slots[0];\n Yield.Sleep((slot = x => Console.WriteLine(x.A + copy)) is null ? 1 : 2);")]
    [InlineData("var n = Fetch(copy) + ((slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1);")]
    [InlineData("var n = 0;\n n = Fetch(copy) + ((slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1) + Fetch(n);")]
    [InlineData("Yield.Sleep(Fetch(copy) + ((slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1));")]
    [InlineData("if (Fetch(copy) > 0 && (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null) Console.WriteLine(copy);")]
    [InlineData("while (Fetch(copy) > 5 && (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null) copy++;")]
    [InlineData("if (copy > 5) return Fetch(copy) + ((slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1);")]
    [InlineData("var n = 0;\n n += Fetch(copy) + ((slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1);")]
    [InlineData("switch (Fetch(copy) + ((slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1)) { default: break; }")]
    [InlineData("for (var k = 0; k < 1; k += Fetch(k) + ((slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 1 : 2)) Console.WriteLine(k);")]
    [InlineData("for (var k = Fetch(copy) + ((slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 1 : 2); k < 1; k++) Console.WriteLine(k);")]
    [InlineData("int? n = null;\n n ??= Fetch(copy) + ((slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1);")]
    [InlineData("Console.Out?.WriteLine(Fetch(copy) + ((slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1));")]
    [InlineData("using (Fetch(copy) + ((slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1) > 0 ? new System.IO.MemoryStream() : null) Console.WriteLine(copy);")]
    [InlineData("using var stream = Fetch(copy) + ((slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1) > 0 ? new System.IO.MemoryStream() : null;\n Console.WriteLine(copy);")]
    [InlineData("Console.Out?.WriteLine(\"{0} {1}\", Fetch(copy), (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1);")]
    [InlineData("var values = new[] { Fetch(copy), (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1 }.AsSpan();\n Console.WriteLine(values.Length);")]
    [InlineData("var cells = new int[2];\n ref int cell = ref cells[Fetch(copy) + ((cells = new int[3]) is null ? 0 : 1) + ((slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1)];\n Console.WriteLine(cell);")]
    [InlineData("var cells = new int[2];\n ref int cell = ref cells[Fetch(copy) + ((slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1)];\n Console.WriteLine(cell);")]
    [InlineData("ReadOnlySpan<int> first = new[] { Fetch(copy) }, second = new[] { copy, (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1 };\n Console.WriteLine(first.Length + second.Length);")]
    // One of several whose value holds a collection expression of a span type: the collection kept in a local before the block (Behaviour/LambdaThroughRefInSeveralCollectionLocalsCaptureTests runs it).
    [InlineData("static ReadOnlySpan<int> Sum(ReadOnlySpan<int> values, int k) => values;\n ReadOnlySpan<int> first = [Fetch(copy)], second = Sum([copy, 2], (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1);\n Console.WriteLine(first.Length + second.Length);")]
    [InlineData("int[] ns = { Fetch(copy) + ((slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1) };\n Console.WriteLine(ns[0]);")]
    [InlineData("int k;\n for (k = Fetch(copy) + ((slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1); k < 1; k++) Console.WriteLine(k);")]
    [InlineData("for (var k = 0; k < Fetch(copy); k += (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? 1 : 2) Console.WriteLine(k);")]
    // A value whose type holds an anonymous type: kept in an object field, read back through its shape (Behaviour/LambdaThroughRefAfterResumeUnnamedTypeCaptureTests runs them, and a ref struct C# converts there).
    [InlineData("switch (new { A = Fetch(copy), B = (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null }) { case { A: 0 }: break; }")]
    [InlineData("foreach (var row in Fetch(copy) > 0 && (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null ? rows : rows) Console.WriteLine(row.A);")]
    [InlineData("var text = \"\";\n text += new { A = Fetch(copy), B = (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null };")]
    public void Such_a_lambda_in_an_argument_of_a_suspension_point_or_after_a_suspension_is_kept(string statement)
    {
        var bound = Passes.Bind(Program(statement), "Run");

        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        Assert.Equal("copy", Assert.Single(bound.Captures!.Closures!.KeptBeforeSuspension).Value);
    }

    [Theory]
    // C# refuses them too: CS9217 (a ref local used after an await), CS4007 (a span variable used after an await).
    [InlineData("ref var slot = ref slots[0];\n var n = Fetch(copy) + ((slot = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1);", "slot")]
    [InlineData("var span = slots.AsSpan();\n Yield.Sleep(Fetch(copy) + ((span[0] = x => Console.WriteLine(x.A + copy)) is null ? 0 : 1));", "span")]
    public void A_ref_local_or_a_span_variable_used_after_the_suspension_is_refused_as_csharp_refuses_it(string statement, string variable)
    {
        var bound = Passes.Bind(Program(statement), "Run");

        var diagnostic = Assert.Single(bound.Diagnostics);
        Assert.Equal("COR0009", diagnostic.Id);
        Assert.Equal(variable, diagnostic.Arguments[0]);
    }
}
