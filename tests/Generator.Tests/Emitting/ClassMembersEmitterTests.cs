using Coroutines.Generator.Emitting;
using Coroutines.Generator.Model;
using Xunit;
using static Coroutines.Generator.Tests.Infrastructure.Passes;

namespace Coroutines.Generator.Tests.Emitting;

/// <summary>
/// What the emitter writes for the members issue 14 adds, from hand-made models: a closure
/// environment class in the state machine, its creation, and the base accessors of the user's class.
/// </summary>
public sealed class ClassMembersEmitterTests
{
    private static string Emit(CoroutineModel model) =>
        Emitter.Emit(new LoweredCoroutine(model, EquatableArray<StateInfo>.Empty, Array<Statement>(new ReturnStatement(null, 0)))).Replace("\r\n", "\n");

    [Fact]
    public void A_closure_environment_is_a_nested_class_with_its_fields_and_Capture()
    {
        var model = Method() with
        {
            Closures = Array(new ClosureModel("Closure1", "closure1", "the loop body at line 7", Array(
                new FieldModel("copy", "int", "local 'copy' (line 8)", false),
                new FieldModel("name", "string", "local 'name' (line 9)", true)))),
        };

        var source = Emit(model);

        Assert.Contains(
            """
                    private sealed class Closure1
                    {
                        public int copy; // local 'copy' (line 8)
                        public string name = default!; // local 'name' (line 9)

                        /// <summary>Makes a closure that keeps these variables (the field holding the current instance changes on the next entry).</summary>
                        public T Capture<T>(global::System.Func<Closure1, T> make) => make(this);
                    }
            """,
            source);
        Assert.Equal("closure1 = new Closure1();", InlineStatements.Text(new AssignStatement("closure1", new NewExpression("Closure1"), 7)));
    }

    [Fact]
    public void Base_accessors_are_private_hidden_members_of_the_users_class()
    {
        var model = Method() with
        {
            BaseAccessors = Array(
                new BaseAccessorModel("RunStateMachine_base_Format", "string", "Format", "<T>", Array("where T : struct"), Array(
                    new ParameterModel("value", "T", "", null, ""),
                    new ParameterModel("count", "int", "ref ", null, ""),
                    new ParameterModel("rest", "int[]", "params ", null, ""),
                    new ParameterModel("unit", "string", "", "\"cm\"", "")), "base.Format<T>(T, ref int, params int[], string)"),
                new BaseAccessorModel("RunStateMachine_base_Size", "int", "Size", "", EquatableArray<string>.Empty, EquatableArray<ParameterModel>.Empty, "base.Size")
                {
                    Kind = BaseAccessorKind.Property,
                    HasGetter = true,
                }),
        };

        var source = Emit(model);

        Assert.Contains(
            """
                [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
                private string RunStateMachine_base_Format<T>(T value, ref int count, params int[] rest, string unit = "cm")
                    where T : struct
                    => base.Format<T>(value, ref count, rest, unit);
            """,
            source);
        Assert.Contains(
            """
                private int RunStateMachine_base_Size
                {
                    get => base.Size;
                }
            """,
            source);
    }

    [Fact]
    public void Base_indexer_and_event_accessors_read_assign_add_and_remove()
    {
        var parameters = Array(new ParameterModel("i", "int", "", null, ""), new ParameterModel("value", "string", "", null, ""));
        var handler = Array(new ParameterModel("value", "global::System.Action", "", null, ""));
        var model = Method() with
        {
            BaseAccessors = Array(
                new BaseAccessorModel("RunStateMachine_base_get_Item", "string", "", "", EquatableArray<string>.Empty, Array(parameters[0]), "base[int]") { Kind = BaseAccessorKind.IndexerGet },
                new BaseAccessorModel("RunStateMachine_base_set_Item", "string", "", "", EquatableArray<string>.Empty, parameters, "base[int] = value") { Kind = BaseAccessorKind.IndexerSet },
                new BaseAccessorModel("RunStateMachine_base_add_Changed", "void", "Changed", "", EquatableArray<string>.Empty, handler, "base.Changed += value") { Kind = BaseAccessorKind.EventAdd },
                new BaseAccessorModel("RunStateMachine_base_remove_Changed", "void", "Changed", "", EquatableArray<string>.Empty, handler, "base.Changed -= value") { Kind = BaseAccessorKind.EventRemove }),
        };

        var source = Emit(model);

        Assert.Contains("private string RunStateMachine_base_get_Item(int i)\n        => base[i];", source);
        Assert.Contains("private string RunStateMachine_base_set_Item(int i, string value)\n        => base[i] = value;", source);
        Assert.Contains("private void RunStateMachine_base_add_Changed(global::System.Action value)\n        => base.Changed += value;", source);
        Assert.Contains("private void RunStateMachine_base_remove_Changed(global::System.Action value)\n        => base.Changed -= value;", source);
    }
}
