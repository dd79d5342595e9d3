using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// A snapshot of suspensions on the parts of <c>?.</c> chains (Snapshots/Chains.Open.verified.cs; UPDATE_SNAPSHOTS=1 accepts):
/// the receiver kept, the null test, then the rest of the chain read from the receiver (<c>gates[index_before2]</c>), a nullable
/// struct's value copied once (<c>door_value5</c>), a struct element called on in place; each state's comment names the whole chain.
/// The behaviour is in Behaviour/ConditionalChainTests.cs.
/// </summary>
public sealed class ConditionalChainSnapshotTests
{
    private const string Source = """
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public sealed class Gate
        {
            [SuspensionPoint(nameof(BeginWait), Result = nameof(EndWait))]
            public int Wait(int x) => x;

            public Suspension BeginWait(int x) => Suspension.Sleep(x);

            public int EndWait(int x) => x;
        }

        public struct Door
        {
            public int Opened;

            [SuspensionPoint(nameof(BeginWait), Result = nameof(EndWait))]
            public int Wait(int x) => x;

            public Suspension BeginWait(int x)
            {
                Opened++;
                return Suspension.Sleep(x);
            }

            public int EndWait(int x) => Opened;
        }

        public sealed partial class Holder
        {
            public Holder? Inner { get; set; }

            public Gate First { get; } = new();

            [Coroutine]
            public int Run(int x)
            {
                Yield.Sleep(x);
                return x;
            }
        }

        public static partial class Chains
        {
            [Coroutine]
            private static int Index()
            {
                Yield.Sleep(1);
                return 0;
            }

            [Coroutine]
            public static string Open(Gate[]? gates, Holder? holder, Door[]? doors, Door? door)
            {
                var waited = gates?[Index()].Wait(1);
                holder?.Inner?.First.Wait(2);
                var ran = holder?.Inner?.Run(3);
                var opened = door?.Wait(4);
                doors?[0].Wait(5);
                return $"{waited} {ran} {opened}";
            }
        }
        """;

    [Fact]
    public void Lowered_conditional_chains()
    {
        var run = GeneratorHarness.Run(("Chains.cs", Source));
        run.AssertNoErrorsOrWarnings();
        Snapshot.Verify(run.GeneratedSource(".OpenStateMachine.g.cs"), "Chains.Open");
    }
}
