using System.Linq;
using Coroutines.Generator.Model;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering;

/// <summary>
/// <c>base</c> in the lowering pass (BaseAccessors): each base member used gets one private
/// accessor of the user's class, mirroring its signature, and the kept code calls it on <c>@this</c>.
/// </summary>
public sealed class BaseAccessorsTests
{
    private const string Source = """
        using System;
        using Coroutines;

        public class Shape
        {
            public virtual string Describe<T>(T scale, ref int calls, string unit = "cm", params int[] sides) => unit;

            public virtual int Area { get; protected set; }

            [Coroutine]
            public virtual int Grow(int by)
            {
                Yield.Sleep(by);
                return by;
            }
        }

        public partial class Square : Shape
        {
            [Coroutine]
            public int Resize(int by)
            {
                int calls = 0;
                string text = base.Describe(2.5, ref calls);
                Yield.Sleep(1);
                base.Area += base.Describe<int>(1, ref calls, "m", 4, 4).Length;
                int grown = base.Grow(by);
                return grown + base.Area;
            }
        }
        """;

    [Fact]
    public void Each_base_member_gets_one_accessor_that_mirrors_it()
    {
        var model = Passes.Lower(Source, "Resize");

        var accessors = model.BaseAccessors;
        Assert.Equal(new[] { "ResizeStateMachine_base_Describe", "ResizeStateMachine_base_Area", "ResizeStateMachine_base_GrowCoroutine" }, accessors.Select(static a => a.Name).ToArray());
        var describe = accessors[0];
        Assert.Equal("<T>", describe.TypeParameters);
        Assert.Equal(
            new[] { new ParameterModel("scale", "T", "", null, ""), new ParameterModel("calls", "int", "ref ", null, ""), new ParameterModel("unit", "string", "", "\"cm\"", ""), new ParameterModel("sides", "int[]", "params ", null, "") },
            describe.Parameters.ToArray());
        var area = accessors[1];
        Assert.True(area.IsProperty && area.HasGetter && area.HasSetter);
        var factory = accessors[2];
        Assert.Equal(("GrowCoroutine", "global::Coroutines.Coroutine<int>"), (factory.Member, factory.Type));
    }

    [Fact]
    public void Kept_code_reaches_base_through_the_accessors_on_the_instance()
    {
        var model = Passes.Lower(Source, "Resize");

        var texts = Flatten(model.Body).ToList();
        Assert.Contains("text = base.Describe(2.5, ref calls);".Replace("base.", "@this.ResizeStateMachine_base_", System.StringComparison.Ordinal), texts);
        Assert.Contains("@this.ResizeStateMachine_base_Area += @this.ResizeStateMachine_base_Describe<int>(1, ref calls, \"m\", 4, 4).Length;", texts);
        Assert.Contains("call2 = @this.ResizeStateMachine_base_GrowCoroutine(by);", texts);
    }

    [Fact]
    public void A_static_coroutine_has_no_accessor()
    {
        var model = Passes.Lower(Passes.Program("Yield.Sleep(1);"), "Run");

        Assert.Empty(model.BaseAccessors);
    }

    private static System.Collections.Generic.IEnumerable<string> Flatten(Statement statement) => statement switch
    {
        BlockStatement block => block.Statements.SelectMany(Flatten),
        CodeStatement code => [Coroutines.Generator.Emitting.InlineStatements.Code(code.Code)],
        AssignStatement assign => [Coroutines.Generator.Emitting.InlineStatements.Text(assign)],
        SuspendStatement suspend => suspend.Setup.SelectMany(Flatten),
        _ => [],
    };
}
