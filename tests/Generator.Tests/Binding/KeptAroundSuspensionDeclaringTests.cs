using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Binding;

/// <summary>
/// A per-iteration lambda over an anonymous type assigned to an element of a span before or after a suspension of a statement that
/// declares a variable in an expression: kept in a block that keeps the environments, the variable the block's or the statement's
/// head's, whose environment is made before the store, or a field (a <c>lock</c> value's, see CaptureWalker) (Behaviour/LambdaInSuspendingConditionCaptureTests
/// and LambdaInSuspendingLockValueCaptureTests run them).
/// </summary>
public sealed class KeptAroundSuspensionDeclaringTests
{
    [Theory]
    [InlineData("var n = (Parsed(copy, out var k) && (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy + k)) is not null ? k : 0) + Fetch(k);\n later.Add(() => k);")]
    [InlineData("var n = Fetch(copy) + (Parsed(copy, out var k) && (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy + k)) is not null ? k : 0);\n Console.WriteLine(k);")]
    [InlineData("var n = 0;\n n += Fetch(copy) + (Parsed(copy, out var k) && (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is not null ? k : 0);\n later.Add(() => k);")]
    [InlineData("var n = Fetch(Parsed(copy, out var k) && (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy + k)) is not null ? k : 0) + k;")]
    [InlineData("if (Fetch(copy) + (Parsed(copy, out var k) ? 0 : 1) > 0 && (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy + k)) is null) Console.WriteLine(copy);\n later.Add(() => k);")]
    [InlineData("while (Parsed(copy, out var k) && (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy)) is null && Fetch(k) > 5) later.Add(() => k);")]
    [InlineData("do copy++; while (Fetch(copy) + (Parsed(copy, out var k) ? 0 : 1) > 5 && (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy + k)) is null);")]
    [InlineData("for (var m = (Parsed(copy, out var k) && (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy + k)) is null ? 1 : 2) + Fetch(copy); m < 1; m++) later.Add(() => k + m);")]
    [InlineData("if (copy > 5) return Fetch(copy) + (Parsed(copy, out var k) && (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy + k)) is null ? 0 : 1);")]
    [InlineData("switch (Fetch(copy) + (Parsed(copy, out var k) && (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy + k)) is null ? 0 : 1)) { default: later.Add(() => k); break; }")]
    [InlineData("foreach (var e in Fetch(copy) + (Parsed(copy, out var k) ? 0 : 1) > 0 && (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy + k)) is null ? new[] { k } : new int[0]) later.Add(() => e + k);")]
    [InlineData("lock (Fetch(copy) + (Parsed(copy, out var k) ? 0 : 1) > 0 && (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy + k)) is null ? later : new object()) later.Add(() => k);")]
    [InlineData("using (Fetch(copy) + (Parsed(copy, out var k) ? 0 : 1) > 0 && (slots.AsSpan()[0] = x => Console.WriteLine(x.A + copy + k)) is null ? new System.IO.MemoryStream() : null) later.Add(() => k);")]
    public void Such_a_lambda_in_a_statement_whose_variables_are_its_blocks_or_its_heads_is_kept(string statement)
    {
        var bound = Passes.Bind(KeptAroundSuspensionTests.Program(statement), "Run");

        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        Assert.Equal("copy", Assert.Single(bound.Captures!.Closures!.KeptBeforeSuspension).Value);
    }
}
