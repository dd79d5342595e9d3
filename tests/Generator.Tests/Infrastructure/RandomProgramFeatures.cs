using System;
using System.Globalization;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// What the random program generator may write (<see cref="RandomProgramGenerator"/>). The normal
/// suite uses <see cref="Supported"/>; a feature outside it is written only when asked for
/// (<c>RANDOM_FEATURES=Supported,NewFeature</c>): a construct the generator does not accept yet
/// starts there and joins <see cref="Supported"/> once it does. A program depends on the seed, its index and the features.
/// </summary>
[Flags]
public enum RandomProgramFeatures
{
    /// <summary>Straight-line code only: logs, sleeps, locals, assignments, if/else, throws.</summary>
    None = 0,

    /// <summary><c>for</c>, <c>while</c> and <c>do</c> loops with break and continue.</summary>
    Loops = 1,

    /// <summary><c>foreach</c> over arrays, lists, a logging iterator, and deconstructing tuples.</summary>
    ForEach = 2,

    /// <summary>try/catch/finally, filters, <c>throw;</c>.</summary>
    TryCatchFinally = 4,

    /// <summary><c>using</c> statements and declarations, of a class and of a struct.</summary>
    Using = 8,

    /// <summary><c>switch</c> statements with patterns, <c>goto case</c> and <c>goto default</c>.</summary>
    Switch = 16,

    /// <summary>
    /// Calls of other coroutines of the program (each may call the ones after it), where a call may
    /// stand today: a statement, a local's initializer, an assignment, a return.
    /// </summary>
    Calls = 32,

    /// <summary>Several coroutines spawned in order and interleaved by their sleeps.</summary>
    SeveralCoroutines = 64,

    /// <summary>Everything the generator accepts today: what the normal suite runs.</summary>
    Supported = Loops | ForEach | TryCatchFinally | Using | Switch | Calls | SeveralCoroutines | SuspensionsInExpressions | ClosuresInLoops | Goto,

    /// <summary>
    /// Calls inside expressions (issue 14, point 1: spilling): compound assignments, operands,
    /// arguments, conditions.
    /// </summary>
    SuspensionsInExpressions = 128,

    /// <summary>
    /// Lambdas in loop bodies that suspend, capturing a per-iteration copy, the <c>foreach</c>
    /// variable and the <c>for</c> variable (issue 14, point 2: closure environments).
    /// </summary>
    ClosuresInLoops = 256,

    /// <summary>Labels and <c>goto</c>, backward and forward, across sleeps (issue 14, point 5).</summary>
    Goto = 512,

    /// <summary>Every feature (today the same as <see cref="Supported"/>; a new construct starts outside it).</summary>
    All = Supported | SuspensionsInExpressions | ClosuresInLoops | Goto,
}

/// <summary>Reading <see cref="RandomProgramFeatures"/> from a setting such as <c>Supported,Goto</c>.</summary>
public static class RandomProgramFeatureSettings
{
    /// <summary>Parses a comma-separated list of feature names (case-insensitive).</summary>
    /// <exception cref="ArgumentException">A name is not a feature.</exception>
    public static RandomProgramFeatures Parse(string text) =>
        Enum.TryParse<RandomProgramFeatures>(text, ignoreCase: true, out var features) && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            ? features
            : throw new ArgumentException($"RANDOM_FEATURES={text} is not a list of {nameof(RandomProgramFeatures)} names ({string.Join(", ", Enum.GetNames<RandomProgramFeatures>())}).");
}
