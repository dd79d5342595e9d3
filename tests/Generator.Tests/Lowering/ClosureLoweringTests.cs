using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Model;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering;

/// <summary>
/// Closure environments in the lowering pass (BodyLowerer.Closures, ClosureAllocation): the
/// captured locals move into the environment's class, a new instance is stored on each entry to
/// the scope, uses read <c>closureN.x</c>, and a lambda is made through the environment.
/// </summary>
public sealed class ClosureLoweringTests
{
    [Fact]
    public void A_loop_body_local_lives_in_an_environment_made_at_the_top_of_each_iteration()
    {
        var model = Passes.Lower(Passes.Program("""
                    var readers = new List<Func<int>>();
                    int n = 0;
                    while (n < 3)
                    {
                        int copy = n;
                        readers.Add(() => copy);
                        Yield.Sleep(1);
                        n++;
                    }
            """), "Run");

        var closure = Assert.Single(model.Closures);
        Assert.Equal(("Closure1", "closure1"), (closure.Class, closure.Field));
        Assert.Equal(new[] { "copy" }, closure.Fields.Select(static f => f.Name).ToArray());
        Assert.DoesNotContain(model.Fields, static f => f.Name == "copy");
        Assert.Contains(model.Fields, static f => f.Name == "closure1" && f.Type == "Closure1");

        var loop = Assert.IsType<WhileStatement>(model.Body.Statements.Single(static s => s is WhileStatement));
        var body = Assert.IsType<BlockStatement>(loop.Body).Statements;
        var enter = Assert.IsType<AssignStatement>(body[0]);
        Assert.Equal(("closure1", (CodeExpression)new NewExpression("Closure1")), (enter.Target, enter.Value));
        Assert.Equal(new AssignStatement(new MemberExpression("closure1", "copy"), "n", 14), Assert.IsType<BlockStatement>(body[1]).Statements.Single());
        Assert.Equal("readers.Add(closure1.Capture<global::System.Func<int>>(captured1 => () => captured1.copy));", Coroutines.Generator.Emitting.InlineStatements.Code(Assert.IsType<CodeStatement>(body[2]).Code));
    }

    [Fact]
    public void Closure_names_avoid_the_identifiers_of_the_method()
    {
        var model = Passes.Lower(Passes.Program("""
                    int closure1 = 0;
                    var readers = new List<Func<int>>();
                    foreach (var item in new[] { 1, 2 })
                    {
                        readers.Add(() => item + closure1);
                        Yield.Sleep(1);
                    }
            """), "Run");

        Assert.Equal("closure2", Assert.Single(model.Closures).Field);
    }
}
