using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A plain method that hides a virtual coroutine with <c>new</c> (or <c>new virtual</c>, overridden
/// below by a <c>[Coroutine]</c>): as in C#, a call through the base type runs the base coroutine
/// (the hiding method overrides nothing), a call through the hiding type runs the plain method; against
/// the direct call and the C# async twin.
/// </summary>
public sealed class HidingDispatchTests
{
    private static readonly SharedProgram Program = new("""
        using System;
        using System.Threading.Tasks;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public partial class Walker
        {
            [Coroutine]
            public virtual int Run(int laps)
            {
                Yield.Sleep(laps);
                Trace.Log($"walker {laps}");
                return laps * 2;
            }

            public virtual async Task<int> RunAsync(int laps)
            {
                await Task.Yield();
                Trace.Log($"walker {laps}");
                return laps * 2;
            }
        }

        public partial class Sitter : Walker
        {
            public new int Run(int laps)
            {
                Trace.Log($"sitter {laps}");
                return laps + 500;
            }

            public new Task<int> RunAsync(int laps)
            {
                Trace.Log($"sitter {laps}");
                return Task.FromResult(laps + 500);
            }
        }

        public partial class Stander : Walker
        {
            public new virtual int Run(int laps) => laps + 700;

            public new virtual Task<int> RunAsync(int laps) => Task.FromResult(laps + 700);
        }

        public partial class Jumper : Stander
        {
            [Coroutine]
            public override int Run(int laps)
            {
                Yield.Sleep(1);
                Trace.Log($"jumper {laps}");
                return laps * 9;
            }

            public override async Task<int> RunAsync(int laps)
            {
                await Task.Yield();
                Trace.Log($"jumper {laps}");
                return laps * 9;
            }
        }

        public static partial class Track
        {
            [Coroutine]
            public static string Race()
            {
                Walker hidden = new Sitter();
                var sitter = new Sitter();
                Walker below = new Jumper();
                return $"{hidden.Run(1)} {sitter.Run(2)} {below.Run(3)}";
            }

            public static async Task<string> RaceAsync()
            {
                Walker hidden = new Sitter();
                var sitter = new Sitter();
                Walker below = new Jumper();
                return $"{await hidden.RunAsync(1)} {await sitter.RunAsync(2)} {await below.RunAsync(3)}";
            }
        }
        """);

    [Fact]
    public void A_call_through_the_base_runs_the_base_coroutine_and_through_the_hiding_type_the_plain_method() =>
        AsyncTwin.Compare(Program, "Demo.Track", "Race");
}
