using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// Snapshots of the factories that make calls between coroutines dispatch as the methods do
/// (Snapshots/Dispatch.*.verified.cs; UPDATE_SNAPSHOTS=1 accepts): a virtual coroutine's virtual
/// factory, an override's overriding factory, an abstract coroutine's abstract factory, an
/// interface's abstract factory and its explicit implementation.
/// </summary>
public sealed class DispatchSnapshotTests
{
    private const string Source = """
        using Coroutines;

        namespace Demo;

        public abstract partial class Shape
        {
            [Coroutine]
            public abstract int Draw(int size);

            [Coroutine]
            public virtual int Erase(int size)
            {
                Yield.Sleep(size);
                return 0;
            }
        }

        public partial class Square : Shape
        {
            [Coroutine]
            public override int Draw(int size)
            {
                Yield.Sleep(size);
                return size * size;
            }
        }

        public partial interface IJob
        {
            [Coroutine]
            int Run(int n);
        }

        public partial class Job : IJob
        {
            [Coroutine]
            int IJob.Run(int n)
            {
                Yield.Sleep(n);
                return n + 1;
            }
        }
        """;

    [Theory]
    [InlineData("Shape.Draw")]
    [InlineData("Shape.Erase")]
    [InlineData("Square.Draw")]
    [InlineData("IJob.Run")]
    [InlineData("Job.IJob_Run")]
    public void Dispatching_factory(string machine)
    {
        var run = GeneratorHarness.Run(("Dispatch.cs", Source));

        run.AssertNoErrorsOrWarnings();
        Snapshot.Verify(run.GeneratedSource($"Demo.{machine}StateMachine.g.cs"), $"Dispatch.{machine.Replace('.', '_')}");
    }
}
