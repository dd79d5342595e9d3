using System.Collections.Generic;
using Coroutines.Generator.Names;
using Xunit;

namespace Coroutines.Generator.Tests.Names;

/// <summary>The naming authority: every name it makes, it recognises as generated (what COR0020 checks user names against).</summary>
public sealed class GeneratedNamesTests
{
    public static TheoryData<string> Labels() => new()
    {
        GeneratedNames.Resume(3),
        GeneratedNames.If(2).Else,
        GeneratedNames.If(2).End,
        GeneratedNames.Loop("while", 1).Continue,
        GeneratedNames.Loop("do", 1).Top,
        GeneratedNames.Loop("for", 4).Break,
        GeneratedNames.Loop("foreach", 1).Continue,
        GeneratedNames.Switch(1).Case(2),
        GeneratedNames.Switch(1).Break,
        GeneratedNames.Try(5).Entry,
        GeneratedNames.Try(5).End,
        GeneratedNames.Try(5).Finally,
        GeneratedNames.Try(5).Handler(1),
    };

    // The fields of calls and spilled operands are not here: they are made unique against every
    // identifier the method's source uses (BodyLowerer.NewField), so no user name can meet them.
    public static TheoryData<string> Fields() => new()
    {
        GeneratedNames.State,
        GeneratedNames.ReturnValue,
        GeneratedNames.UsingResource(1),
        GeneratedNames.ForEachEnumerator(1),
        GeneratedNames.Switch(3).Value,
        GeneratedNames.Try(1).BranchField,
        GeneratedNames.Try(1).ExceptionField,
        GeneratedNames.Try(1).CaughtField,
        GeneratedNames.Try(1).CaughtVariable(2),
        GeneratedNames.Try(1).Thrown,
    };

    [Theory]
    [MemberData(nameof(Labels))]
    public void Every_label_it_makes_is_recognised_as_a_label(string label) => Assert.True(GeneratedNames.IsLabel(label), label);

    [Theory]
    [MemberData(nameof(Fields))]
    public void Every_field_it_makes_is_recognised_as_a_member(string field) => Assert.True(GeneratedNames.IsMember(field), field);

    [Theory]
    [InlineData("resume")]
    [InlineData("whileLoop")]
    [InlineData("try_1")]
    [InlineData("total")]
    public void User_names_are_not_generated_ones(string name)
    {
        Assert.False(GeneratedNames.IsLabel(name));
        Assert.False(GeneratedNames.IsMember(name));
    }

    [Fact]
    public void A_factory_name_is_recognised_with_its_method()
    {
        Assert.True(GeneratedNames.TryParseFactory(GeneratedNames.Factory("Count"), out var method));
        Assert.Equal("Count", method);
        Assert.False(GeneratedNames.TryParseFactory("Coroutine", out _));
        Assert.False(GeneratedNames.TryParseFactory("Count", out _));
    }

    [Fact]
    public void A_spilled_operand_never_looks_like_another_kind_of_generated_field()
    {
        Assert.Equal("wait3", GeneratedNames.SpillStem("Wait", 3));
        // "try3_" would read as a field of try 3: the stem takes an underscore.
        Assert.Equal("try_3", GeneratedNames.SpillStem("Try", 3));
        Assert.Equal("wait3_x", GeneratedNames.SpillField(GeneratedNames.SpillStem("Wait", 3), "x"));
    }

    [Fact]
    public void Unique_names_count_up_from_two()
    {
        var taken = new HashSet<string> { "x" };
        Assert.Equal("x_2", GeneratedNames.Unique("x", taken));
        Assert.Equal("x_3", GeneratedNames.Unique("x", taken));
        Assert.Equal("y", GeneratedNames.Unique("y", taken));
    }

    [Fact]
    public void Generated_files_are_recognised_by_their_suffix()
    {
        Assert.True(GeneratedNames.IsGeneratedFile("obj/Workers.CountStateMachine.g.cs"));
        Assert.False(GeneratedNames.IsGeneratedFile("Workers.cs"));
    }
}
