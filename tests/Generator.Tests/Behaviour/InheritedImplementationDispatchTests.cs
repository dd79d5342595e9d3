using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// An interface's [Coroutine] method implemented by a coroutine inherited from a base class
/// (<c>class D : B, IRunner</c>): when the base method is virtual (its factory returns the coroutine
/// type, and so implements the interface's), when the base class implements the interface itself, or,
/// the base method not virtual, when the class is partial (the generator implements the interface's
/// factory there by a call of the inherited one; also nested in a generic class), a call through the
/// interface runs the base's state machine (or an override's); against the direct call and the C# async
/// twin. In a class that is not partial, a non-virtual one is COR0016 (InheritedImplementationTests).
/// </summary>
public sealed class InheritedImplementationDispatchTests
{
    private static readonly SharedProgram Program = new("""
        using System;
        using System.Threading.Tasks;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public partial interface IRunner
        {
            [Coroutine]
            int Run(int laps);

            Task<int> RunAsync(int laps);
        }

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

        public partial class Hiker : Walker, IRunner
        {
        }

        public partial class Climber : Hiker
        {
            [Coroutine]
            public override int Run(int laps)
            {
                Yield.Sleep(1);
                Trace.Log($"climber {laps}");
                return laps * 3;
            }

            public override async Task<int> RunAsync(int laps)
            {
                await Task.Yield();
                Trace.Log($"climber {laps}");
                return laps * 3;
            }
        }

        public partial class Strider
        {
            [Coroutine]
            public int Run(int laps)
            {
                Yield.Sleep(laps);
                Trace.Log($"strider {laps}");
                return laps + 40;
            }

            public async Task<int> RunAsync(int laps)
            {
                await Task.Yield();
                Trace.Log($"strider {laps}");
                return laps + 40;
            }
        }

        public sealed partial class Rambler : Strider, IRunner
        {
        }

        public static partial class Outer<T>
        {
            public partial class Nested : Strider, IRunner
            {
            }
        }

        public partial class Swimmer : IRunner
        {
            [Coroutine]
            public int Run(int laps)
            {
                Yield.Sleep(laps);
                Trace.Log($"swimmer {laps}");
                return laps + 100;
            }

            public async Task<int> RunAsync(int laps)
            {
                await Task.Yield();
                Trace.Log($"swimmer {laps}");
                return laps + 100;
            }
        }

        public partial class Diver : Swimmer, IRunner
        {
        }

        public static partial class Track
        {
            [Coroutine]
            public static string Race()
            {
                IRunner[] runners = { new Hiker(), new Climber(), new Diver(), new Rambler(), new Outer<string>.Nested() };
                var results = "";
                foreach (var runner in runners)
                {
                    results += runner.Run(2) + " ";
                }
                return results;
            }

            public static async Task<string> RaceAsync()
            {
                IRunner[] runners = { new Hiker(), new Climber(), new Diver(), new Rambler(), new Outer<string>.Nested() };
                var results = "";
                foreach (var runner in runners)
                {
                    results += await runner.RunAsync(2) + " ";
                }
                return results;
            }
        }
        """);

    [Fact]
    public void An_interface_coroutine_implemented_by_an_inherited_coroutine_runs_it() =>
        AsyncTwin.Compare(Program, "Demo.Track", "Race");
}
