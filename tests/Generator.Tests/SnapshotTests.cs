using Coroutines.Generator.Tests.Behaviour;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// Snapshots of generated code (Snapshots/*.verified.cs next to this file). After a deliberate
/// change to the output, review the .received.cs files and run with UPDATE_SNAPSHOTS=1.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Readme_example()
    {
        var run = GeneratorHarness.Run(("Workers.cs", ReadmeExampleTests.Source));

        run.AssertNoErrorsOrWarnings();
        Snapshot.Verify(run.GeneratedSource("CountStateMachine.g.cs"), "Workers.Count");
    }
}
