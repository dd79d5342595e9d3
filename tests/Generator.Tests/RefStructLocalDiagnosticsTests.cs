using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// Locals of a ref struct type (<c>Span&lt;int&gt;</c>) in blocks and loop bodies that suspend (Behaviour/RefStructLocalTests runs
/// the accepted ones): each case is compiled both ways, the coroutine by the generator and its <c>async</c> twin by the compiler
/// (CS4007 when the local would live across an await). COR0009 fires exactly when the compiler refuses the twin, and then names
/// the suspension and the use.
/// </summary>
public sealed class RefStructLocalDiagnosticsTests
{
    private static string Program(string body) => Programs.Static($$"""
                private static void Log(int x) { }

                [Coroutine]
                private static int F(int x)
                {
                    Yield.Sleep(1);
                    return x;
                }

                private static async System.Threading.Tasks.Task<int> FAsync(int x)
                {
                    await System.Threading.Tasks.Task.Yield();
                    return x;
                }

                [Coroutine]
                public static int Run()
                {
                    int t = 0;
                    {{body}}
                    return t;
                }

                public static async System.Threading.Tasks.Task<int> RunAsync()
                {
                    int t = 0;
                    {{body.Replace("F(", "await FAsync(")}}
                    return t;
                }
            """);

    [Theory]
    // accepted by C# async: no use of the local after a suspension it would live across
    [InlineData("for (int i = 0; i < 3; i++) { Span<int> s = stackalloc int[2]; s[0] = i; Log(s[0]); F(1); t += i; }", false)]
    [InlineData("foreach (var i in new[] { 1, 2 }) { Span<int> s = stackalloc int[2]; s[0] = i; t += F(s[0]); }", false)]
    [InlineData("while (t < 3) { F(1); Span<int> s = stackalloc int[2]; s[0] = t; Log(s[0]); t++; }", false)]
    [InlineData("do { ReadOnlySpan<char> s = \"abc\".AsSpan(t); Log(s.Length + F(t)); t++; } while (t < 3);", false)]
    [InlineData("Span<int> s = stackalloc int[2]; s[0] = 1; Log(s[0]); F(1);", false)]
    [InlineData("for (int i = 0; i < 3; i++) { Span<int> s = stackalloc int[2]; if (i > 0) { Log(s[0]); F(1); } }", false)]
    [InlineData("for (int i = 0; i < 3; i++) { Span<int> s = stackalloc int[2]; t += s.Length; if (F(i) > 0) { Log(t); } }", false)]
    [InlineData("for (int i = 0; i < 3; i++) { switch (i) { case 0: Span<int> s = stackalloc int[1]; Log(s.Length); F(1); break; default: F(2); break; } }", false)]
    [InlineData("for (int i = 0; i < 3; i++) { Span<int> s = stackalloc int[2]; Log(s[0]); F(1); s = stackalloc int[3]; Log(s.Length); }", false)]
    [InlineData("Span<int> s = stackalloc int[2]; Log(s[0]); F(1); if (t > 0) { s = stackalloc int[3]; } else { s = default; } Log(s.Length);", false)]
    // a suspension in a stackalloc's size or elements: spilled before the declaration, which C# async accepts
    [InlineData("for (int i = 0; i < 2; i++) { Span<int> s = stackalloc int[F(2)]; s[0] = i; Log(s.Length); }", false)]
    [InlineData("Span<int> s = stackalloc int[F(1) + t]; s[0] = 1; Log(s[0] + F(2));", false)]
    [InlineData("Span<int> s = t > 0 ? stackalloc int[F(t)] : stackalloc int[2] { F(1), 2 }; Log(s.Length);", false)]
    // refused by C# async too (CS4007)
    [InlineData("Span<int> s = stackalloc int[2]; Log(s[0]); F(1); if (t > 0) { s = stackalloc int[3]; } Log(s.Length);", true)]
    [InlineData("for (int i = 0; i < 3; i++) { Span<int> s = stackalloc int[2]; s[0] = i; F(1); Log(s[0]); }", true)]
    [InlineData("for (int i = 0; i < 3; i++) { Span<int> s = stackalloc int[2]; for (int j = 0; j < 2; j++) { Log(s[j]); F(1); } }", true)]
    [InlineData("for (Span<int> s = stackalloc int[2]; t < 3; t++) { Log(s[0]); F(1); }", true)]
    [InlineData("Span<int> s = stackalloc int[2]; F(1); Log(s[0]);", true)]
    [InlineData("Span<int> s = stackalloc int[F(2)]; F(1); Log(s[0]);", true)]
    [InlineData("while (t < 2) { Span<int> s = stackalloc int[F(2)]; s[0] = t; t += F(s[1]) + s[0]; }", true)]
    public void COR0009_exactly_when_csharp_async_refuses_the_twin(string body, bool refused)
    {
        if (DiagnosticAssert.Cor0009ExactlyWhenTheTwinIsRefused(Program(body), refused, "CS4007") is not { } message)
        {
            return;
        }
        Assert.StartsWith("Local 's' cannot be kept in a field across a suspension: its type 'System.Span<int>' is a ref struct, which cannot be stored in a field, and it would live across 'F(", message);
        Assert.Contains("C# refuses a ref struct local that lives across an await too (CS4007). Use 's' only before 'F(", message);
        Assert.DoesNotContain("Declare it inside a block", message);
    }
}
