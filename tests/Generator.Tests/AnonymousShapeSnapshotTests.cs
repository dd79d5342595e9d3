using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// A snapshot a reader may want to see (Snapshots/AnonymousShapes.*.verified.cs; UPDATE_SNAPSHOTS=1 accepts): locals whose
/// types hold anonymous types inside a generic type and a tuple, kept in <c>object</c> fields and read back through
/// shape methods of the state machine (<c>Shape_Dictionary(new { ... })</c>), and a foreach over them, whose enumerator
/// and variable (structs) are boxed variables (<c>AsAnonymousVariable</c>); behaviour: Behaviour/AnonymousTypeInGenericTypeTests,
/// Behaviour/AnonymousTypeVariableTests.
/// </summary>
public sealed class AnonymousShapeSnapshotTests
{
    private const string Source = """
        using System.Linq;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public static partial class Inventory
        {
            [Coroutine]
            public static string Count(string[] names)
            {
                var byName = names.Select((name, index) => new { Name = name, Index = index }).ToDictionary(item => item.Name);
                var first = (Item: byName[names[0]], Total: names.Length);
                Yield.Sleep(10);
                var total = 0;
                foreach (var entry in byName)
                {
                    Yield.Sleep(10);
                    total += entry.Value.Index;
                }
                return $"{byName.Count} {first.Item.Name} {first.Total} {total}";
            }
        }
        """;

    [Fact]
    public void Lowered_locals_whose_types_hold_anonymous_types()
    {
        var run = GeneratorHarness.Run(("Inventory.cs", Source));

        run.AssertNoErrorsOrWarnings();
        Snapshot.Verify(run.GeneratedSource(".CountStateMachine.g.cs"), "AnonymousShapes.Count");
    }
}
