using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A new <see cref="RandomProgramFeatures"/> flag draws its random numbers only when it is on: with
/// the flags added for issue 14's C# parity off (<see cref="RandomProgramFeatures.ParityConstructs"/>, and the later
/// <see cref="RandomProgramFeatures.CoverageConstructs"/>: <see cref="RandomProgramCoverageStabilityTests"/>, and
/// <see cref="RandomProgramFeatures.MethodKindConstructs"/>: <see cref="RandomProgramMethodKindStabilityTests"/>),
/// the first 300 programs of the normal seed are exactly those generated before these flags existed
/// (their sources, declarations, async twins and roots, hashed), so a seed and an index still name the same program.
/// </summary>
public sealed class RandomProgramStabilityTests
{
    /// <summary>SHA-256 of the first 300 programs with <see cref="RandomProgramFeatures.Supported"/> before <see cref="RandomProgramFeatures.ParityConstructs"/>.</summary>
    private const string ProgramsBeforeParityConstructs = "542ebd2f25a94da00aa02e29feedf99a226bc36b51d75ab15e70f078cf694772";

    [Fact]
    public void Programs_without_the_parity_flags_are_the_ones_generated_before_them()
    {
        Assert.Equal(ProgramsBeforeParityConstructs, RandomProgramCoverageStabilityTests.Hash(RandomProgramFeatures.Supported & ~RandomProgramFeatures.ParityConstructs & ~RandomProgramFeatures.CoverageConstructs & ~RandomProgramFeatures.MethodKindConstructs));
    }
}
