using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// The flags of <see cref="RandomProgramFeatures.MethodKindConstructs"/> draw their random numbers only when they
/// are on: with them off, the first 300 programs of the normal seed are exactly those <see cref="RandomProgramFeatures.Supported"/>
/// generated before they existed (sources, declarations, async twins and roots, hashed as
/// <see cref="RandomProgramCoverageStabilityTests"/> hashes them; today's programs are pinned there).
/// </summary>
public sealed class RandomProgramMethodKindStabilityTests
{
    /// <summary>SHA-256 of the first 300 programs with <see cref="RandomProgramFeatures.Supported"/> before <see cref="RandomProgramFeatures.MethodKindConstructs"/>.</summary>
    private const string ProgramsBeforeMethodKindConstructs = "b6d5aa403a7eda5489baf62c41d25258f41d43c6d89b2e76869a0b5635f33bea";

    [Fact]
    public void Programs_without_the_method_kind_flags_are_the_ones_generated_before_them() =>
        Assert.Equal(ProgramsBeforeMethodKindConstructs, RandomProgramCoverageStabilityTests.Hash(RandomProgramFeatures.Supported & ~RandomProgramFeatures.MethodKindConstructs));
}
