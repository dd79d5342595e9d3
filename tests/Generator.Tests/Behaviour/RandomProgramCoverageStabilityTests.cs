using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// The flags of <see cref="RandomProgramFeatures.CoverageConstructs"/> draw their random numbers only when
/// they are on: with them off (and the later <see cref="RandomProgramFeatures.MethodKindConstructs"/>), the first 300 programs of the normal seed are exactly those
/// <see cref="RandomProgramFeatures.Supported"/> generated before they existed (sources, declarations, async
/// twins and roots, hashed). With them on, the hash pins today's programs: a change to the program
/// generator that changes what a seed and an index name must update it deliberately.
/// </summary>
public sealed class RandomProgramCoverageStabilityTests
{
    /// <summary>SHA-256 of the first 300 programs with <see cref="RandomProgramFeatures.Supported"/> before <see cref="RandomProgramFeatures.CoverageConstructs"/>.</summary>
    private const string ProgramsBeforeCoverageConstructs = "b54cd93dc9d95694de77fbeba02d1586cb6b6de94bf564430f4d10e1f4f764ea";

    /// <summary>SHA-256 of the first 300 programs with <see cref="RandomProgramFeatures.Supported"/> today.</summary>
    private const string ProgramsToday = "a6fbab3102007637cf96a5f5308f4588caa599bc1859663de1b4f0d61e1a52cb";

    [Fact]
    public void Programs_without_the_coverage_flags_are_the_ones_generated_before_them() =>
        Assert.Equal(ProgramsBeforeCoverageConstructs, Hash(RandomProgramFeatures.Supported & ~RandomProgramFeatures.CoverageConstructs & ~RandomProgramFeatures.MethodKindConstructs));

    [Fact]
    public void Programs_of_the_supported_features_are_pinned()
    {
        var hash = Hash(RandomProgramFeatures.Supported);
        Assert.True(hash == ProgramsToday, $"The programs a seed and an index name changed (SHA-256 {hash}). If that is meant, write the new hash here and say so in the commit.");
    }

    /// <summary>SHA-256 of the first 300 programs of the normal seed with <paramref name="features"/>: their sources, declarations, async twins and roots.</summary>
    internal static string Hash(RandomProgramFeatures features)
    {
        var text = string.Join("\n=====\n", Enumerable.Range(0, 300).Select(i =>
        {
            var program = RandomProgramGenerator.Generate(RandomProgramTests.DefaultSeed, i, features);
            return program.Source + "\n--\n" + program.Declarations + "\n--\n" + program.AsyncSource + "\n--\n" + program.DescribeRoots();
        }));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
