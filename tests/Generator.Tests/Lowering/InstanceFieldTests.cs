using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering;

/// <summary>The field that holds <c>this</c>: for a struct, a copy, and its comment says so.</summary>
public sealed class InstanceFieldTests
{
    [Theory]
    [InlineData("class", "the instance the coroutine runs on")]
    [InlineData("struct", "a copy of the struct the coroutine was created on: as in a C# async method, the caller does not see its changes")]
    public void The_instance_field_says_whether_it_is_a_copy(string keyword, string comment)
    {
        var model = Passes.Lower($$"""
            using Coroutines;

            public partial {{keyword}} Counter
            {
                public int Count;

                [Coroutine]
                public void Run()
                {
                    Count++;
                    Yield.Sleep(1);
                }
            }
            """, "Run");

        var field = model.Fields.First();
        Assert.Equal(("@this", "global::Counter", comment), (field.Name, field.Type, field.Comment));
    }
}
