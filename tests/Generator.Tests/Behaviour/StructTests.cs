using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Instance coroutines of structs, against the C# <c>async</c> twin: as in an async method, the
/// state machine works on a copy of <c>this</c> taken when the coroutine is created, so the
/// coroutine sees its own changes across sleeps and the caller never sees them. (A direct call
/// changes the caller's variable; C# async does not, so the direct call is not the oracle there.)
/// </summary>
public sealed class StructTests
{
    private static readonly SharedProgram Program = new("""
        using System;
        using System.Threading.Tasks;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public partial struct Counter
        {
            public int Count;

            [Coroutine]
            public int Bump(int times)
            {
                for (int i = 0; i < times; i++)
                {
                    Count++;
                    Yield.Sleep(1);
                    Trace.Log($"inside: {Count}");
                }
                return Count;
            }

            public async Task<int> BumpAsync(int times)
            {
                for (int i = 0; i < times; i++)
                {
                    Count++;
                    await Task.Yield();
                    Trace.Log($"inside: {Count}");
                }
                return Count;
            }
        }

        public partial record struct Point(int X, int Y)
        {
            [Coroutine]
            public string Walk(int steps)
            {
                X += steps;
                Yield.Sleep(steps);
                return $"{this} {ToString().Length}";
            }

            public async Task<string> WalkAsync(int steps)
            {
                X += steps;
                await Task.Yield();
                return $"{this} {ToString().Length}";
            }
        }

        public static partial class Driver
        {
            [Coroutine]
            public static string Drive(int times)
            {
                var counter = new Counter { Count = 10 };
                int got = counter.Bump(times);
                Trace.Log($"the coroutine ended at {got}, the caller's counter is still {counter.Count}");
                var point = new Point(1, 2);
                string walked = point.Walk(3);
                return $"{walked} / caller's {point}";
            }

            public static async Task<string> DriveAsync(int times)
            {
                var counter = new Counter { Count = 10 };
                int got = await counter.BumpAsync(times);
                Trace.Log($"the coroutine ended at {got}, the caller's counter is still {counter.Count}");
                var point = new Point(1, 2);
                string walked = await point.WalkAsync(3);
                return $"{walked} / caller's {point}";
            }
        }
        """);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_struct_coroutine_sees_its_own_changes_across_sleeps(int times) =>
        AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = "Demo.Counter", MethodName = "Bump", Args = [times] });

    [Fact]
    public void A_record_struct_coroutine_works_on_its_copy() =>
        AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = "Demo.Point", MethodName = "Walk", Args = [2], CreateInstance = static t => System.Activator.CreateInstance(t, 5, 6)! });

    [Theory]
    [InlineData(2)]
    public void The_caller_does_not_see_the_changes_as_with_csharp_async(int times)
    {
        var result = AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = "Demo.Driver", MethodName = "Drive", Args = [times] }, alsoDirect: false);
        Assert.Contains(result.Lines, static l => l.EndsWith("the coroutine ended at 12, the caller's counter is still 10", System.StringComparison.Ordinal));
    }
}
