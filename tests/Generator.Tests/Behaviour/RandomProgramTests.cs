using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// The randomized differential tester: random coroutine programs (<see cref="RandomProgramGenerator"/>)
/// compiled with the generator, <see cref="BatchSize"/> programs per compilation, each checked
/// against two oracles (<see cref="RandomProgramRunner"/>): its first coroutine alone against the
/// original method (run directly under <c>Clock.Use(new VirtualClock())</c>), and all the
/// coroutines it spawns, interleaved on one <see cref="Scheduler"/>, against the same program
/// written with C# <c>async</c> on a virtual-time loop (<see cref="VirtualTime"/>). The traces must be identical.
/// </summary>
/// <remarks>
/// The normal suite runs <see cref="DefaultPrograms"/> programs from <see cref="DefaultSeed"/> with
/// <see cref="RandomProgramFeatures.Supported"/>. To run many more, another seed, or constructs
/// the generator does not accept yet:
/// <code>
/// RANDOM_PROGRAMS=100000 RANDOM_SEED=12345 dotnet test tests/Generator.Tests --filter FullyQualifiedName~RandomProgram
/// RANDOM_FEATURES=Supported,Goto,ClosuresInLoops dotnet test tests/Generator.Tests --filter FullyQualifiedName~RandomProgram
/// </code>
/// (<c>scripts/random-programs.sh</c> runs 100,000 and writes the figures to docs/reliability.md.)
/// A mismatch prints the program, both traces side by side, the generated state machines and the
/// command that reproduces just that program (<c>RANDOM_FIRST</c> is the index of the first program
/// generated; a program depends only on the seed, its index and the features):
/// <code>
/// RANDOM_SEED=12345 RANDOM_FIRST=574 RANDOM_PROGRAMS=1 dotnet test tests/Generator.Tests --filter FullyQualifiedName~RandomProgram
/// </code>
/// A run stops after five mismatches. Every run writes the count of programs compared and the seed
/// to <c>artifacts/reliability/random-programs.txt</c> (at the repository root), or to the file
/// <c>RANDOM_SUMMARY</c> names.
/// </remarks>
public sealed class RandomProgramTests(ITestOutputHelper output)
{
    /// <summary>Programs compared by the normal suite.</summary>
    public const int DefaultPrograms = 1000;

    /// <summary>The fixed seed of the normal suite.</summary>
    public const int DefaultSeed = 20_260_401;

    /// <summary>Methods per compilation: one generator run, compile and load for all of them.</summary>
    public const int BatchSize = 250;

    /// <summary>A run stops reporting (and comparing) after this many mismatches.</summary>
    private const int MaxReportedFailures = 5;

    [Fact]
    public void Random_programs_behave_like_the_original_method()
    {
        var count = ReadSetting("RANDOM_PROGRAMS", DefaultPrograms);
        var seed = ReadSetting("RANDOM_SEED", DefaultSeed);
        var first = ReadSetting("RANDOM_FIRST", 0);
        var featureText = Environment.GetEnvironmentVariable("RANDOM_FEATURES");
        var features = string.IsNullOrWhiteSpace(featureText) ? RandomProgramFeatures.Supported : RandomProgramFeatureSettings.Parse(featureText);
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;

        var failures = new ConcurrentQueue<string>();
        var stats = new RandomProgramRunner.Statistics();
        var batchSize = ReadSetting("RANDOM_BATCH", BatchSize);
        var batches = Enumerable.Range(0, (count + batchSize - 1) / batchSize)
            .Select(b => Enumerable.Range(first + (b * batchSize), Math.Min(batchSize, count - (b * batchSize))).ToList())
            .ToList();
        Parallel.ForEach(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) },
            (indexes, state) =>
            {
                RandomProgramRunner.RunBatch(seed, [.. indexes.Select(i => RandomProgramGenerator.Generate(seed, i, features))], failures, stats, MaxReportedFailures);
                if (failures.Count >= MaxReportedFailures)
                {
                    state.Stop();
                }
            });

        var summary =
            $"random programs compared: {stats.Compared}{Environment.NewLine}" +
            $"requested: {count}{Environment.NewLine}" +
            $"seed: {seed}{Environment.NewLine}" +
            $"first program index: {first}{Environment.NewLine}" +
            $"features: {features}{Environment.NewLine}" +
            $"mismatches: {stats.Mismatches}{Environment.NewLine}" +
            $"ended by an exception: {stats.Threw}{Environment.NewLine}" +
            $"trace lines compared: {stats.Lines}{Environment.NewLine}" +
            $"coroutines spawned in the interleaved runs: {stats.Spawned}{Environment.NewLine}" +
            $"interleaved trace lines compared with C# async: {stats.InterleavedLines}{Environment.NewLine}" +
            $"calls between coroutines: {stats.CallSites}{Environment.NewLine}" +
            $"seconds: {watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}{Environment.NewLine}" +
            $"thread seconds generating, compiling and loading: {(stats.CompileTicks / (double)Stopwatch.Frequency).ToString("0.0", CultureInfo.InvariantCulture)}{Environment.NewLine}" +
            $"thread seconds running and comparing: {(stats.RunTicks / (double)Stopwatch.Frequency).ToString("0.0", CultureInfo.InvariantCulture)}{Environment.NewLine}" +
            $"thread seconds by phase: {stats.DescribePhases()}{Environment.NewLine}" +
            $"cpu seconds: {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}{Environment.NewLine}" +
            $"command: {RandomProgramRunner.ReproduceCommand(seed, first, count, features)}{Environment.NewLine}";
        WriteArtifact(summary);
        output.WriteLine(summary);

        if (!failures.IsEmpty)
        {
            Assert.Fail($"{failures.Count} random program(s) misbehaved (run: seed {seed}, {count} programs from index {first}).{Environment.NewLine}{Environment.NewLine}" +
                string.Join(Environment.NewLine + new string('=', 100) + Environment.NewLine, failures.Take(MaxReportedFailures)));
        }
        Assert.Equal(count, stats.Compared);

        // Guard against a generator that degenerated into trivial programs: over a real run the
        // traces must be rich and the endings varied (a reproduction of one program is exempt).
        if (count >= 200)
        {
            Assert.True(stats.Lines / (double)stats.Compared > 8, $"only {stats.Lines} trace lines for {stats.Compared} programs");
            Assert.InRange(stats.Threw, count / 20, count - (count / 5));
            if (features.HasFlag(RandomProgramFeatures.SeveralCoroutines | RandomProgramFeatures.Calls))
            {
                Assert.True(stats.Spawned > stats.Compared * 3 / 2, $"only {stats.Spawned} coroutines spawned by {stats.Compared} programs");
                Assert.True(stats.CallSites > stats.Compared / 2, $"only {stats.CallSites} calls in {stats.Compared} programs");
            }
        }
    }

    /// <summary>The generated programs really mix every form the tester is meant to cover.</summary>
    [Fact]
    public void Random_programs_cover_every_form()
    {
        var sources = Enumerable.Range(0, 300).Select(i => RandomProgramGenerator.Generate(DefaultSeed, i).Source).ToList();
        string[] forms =
        [
            "for (", "while (", "do\n", "if (", "else\n", "switch (", "case int z", "case >", "default:", "goto case", "goto default;",
            "try\n", "catch (", "catch\n", " when (", "throw;", "finally\n", "using (var", "using var", "new StructRes",
            "foreach (", "foreach (var (", "foreach ((int", "Iter(", "new List<int>", "break;", "continue;", "return ", "throw new", "100 / (", "Yield.Sleep(",
        ];

        var missing = forms.Where(f => !sources.Any(s => s.Contains(f, StringComparison.Ordinal))).ToList();

        Assert.True(missing.Count == 0, "never generated: " + string.Join(", ", missing.Select(m => $"'{m.Replace("\n", "\\n", StringComparison.Ordinal)}'")));
        // Suspensions inside each construct the generator lowers specially.
        Assert.Contains(sources, s => SleepsInside(s, "finally"));
        Assert.Contains(sources, s => SleepsInside(s, "catch ("));
        Assert.Contains(sources, s => SleepsInside(s, "try"));
        Assert.Contains(sources, s => SleepsInside(s, "using ("));
        Assert.Contains(sources, s => SleepsInside(s, "foreach ("));
        Assert.Contains(sources, s => SleepsInside(s, "case "));
        Assert.Equal(sources, Enumerable.Range(0, 300).Select(i => RandomProgramGenerator.Generate(DefaultSeed, i).Source)); // deterministic

        // Calls between coroutines in each form the generator accepts, and inside the constructs it lowers specially.
        var programs = Enumerable.Range(0, 300).Select(i => RandomProgramGenerator.Generate(DefaultSeed, i)).ToList();
        string[] calls = [@"int c\d+ = P\d{6}_\d\(", @"^\s*\w+ = P\d{6}_\d\(", @"^\s*P\d{6}_\d\(", @"return P\d{6}_\d\(", @"_ = P\d{6}_\d\("];
        var missingCalls = calls.Where(c => !sources.Any(s => Regex.IsMatch(s, c, RegexOptions.Multiline))).ToList();
        Assert.True(missingCalls.Count == 0, "call forms never generated: " + string.Join(", ", missingCalls));
        Assert.Contains(sources, s => SleepsInside(s, "finally", @"P\d{6}_\d\("));
        Assert.Contains(sources, s => SleepsInside(s, "for (", @"P\d{6}_\d\("));
        Assert.Contains(programs, p => p.Methods.Count == RandomProgramGenerator.MaxMethods);
        Assert.Contains(programs, p => p.Roots.Count == RandomProgramGenerator.MaxRoots && p.Roots.Select(r => r.Method).Distinct().Count() > 1);
        Assert.Contains(programs, p => p.Roots.Count > 1 && p.Roots.Select(r => r.Method).Distinct().Count() == 1); // one method spawned twice
    }

    /// <summary>A call of one of a program's coroutines: static (<c>P000001_2(</c>) or on a new struct or derived class (<c>new P000001_2S(acc).P000001_2(</c>).</summary>
    private const string Call = @"(?:new P\d{6}_\d[SD]\(\w+\)\.)?P\d{6}_\d\(";

    /// <summary>What each feature writes: the forms it puts suspensions in (none of them written without the feature).</summary>
    private static readonly (RandomProgramFeatures Feature, string Pattern)[] FeatureForms =
    [
        (RandomProgramFeatures.SuspensionsInExpressions, @"^\s*\w+ \+= " + Call),
        (RandomProgramFeatures.SuspensionsInExpressions, @"- " + Call + @".*\+ " + Call),
        (RandomProgramFeatures.SuspensionsInExpressions, @"if \(" + Call),
        (RandomProgramFeatures.Arguments, @"Pair\(\w+, " + Call),
        (RandomProgramFeatures.Arguments, @"Three\(" + Call),
        (RandomProgramFeatures.Arguments, Call + @"(?:new P\d{6}_\d[SD]\(\w+\)\.)?P\d{6}_\d\(\w+"),
        (RandomProgramFeatures.RefArguments, @"AddTo\(ref \w+, " + Call),
        (RandomProgramFeatures.RefArguments, @"Halve\(" + Call + @".*, out int h\d+\)"),
        (RandomProgramFeatures.RefArguments, @"Halve\(\w+ \+ " + Call + @".*, out \w+\)"),
        (RandomProgramFeatures.RefArguments, @"Peek\(in \w+, " + Call),
        (RandomProgramFeatures.Operands, @"= -" + Call + @".*\* " + Call),
        (RandomProgramFeatures.Operands, @"\(\w+ < " + Call + @".*~" + Call),
        (RandomProgramFeatures.Operands, @"% 7 - " + Call),
        (RandomProgramFeatures.ShortCircuit, @"if \(.* && " + Call + @".*\) > \w+\)$"),
        (RandomProgramFeatures.ShortCircuit, @"\|\| " + Call),
        (RandomProgramFeatures.ShortCircuit, @"\? " + Call + @".* : \w+ \+ " + Call),
        (RandomProgramFeatures.ShortCircuit, @"q \?\? " + Call),
        (RandomProgramFeatures.ShortCircuit, @"q \?\?= " + Call),
        (RandomProgramFeatures.CompoundAssignments, @"^\s*\w+ [-*^|]= " + Call),
        (RandomProgramFeatures.CompoundAssignments, @"^\s*box\.F [-+*^|]= " + Call),
        (RandomProgramFeatures.CompoundAssignments, @"^\s*box\.P [-+*^|]= " + Call),
        (RandomProgramFeatures.CompoundAssignments, @"^\s*arr\[\w+ & 3\] [-+*^|]= " + Call),
        (RandomProgramFeatures.CompoundAssignments, @"^\s*box\[\w+\] [-+*^|]= " + Call),
        (RandomProgramFeatures.CompoundAssignments, @"^\s*sbox\.[FP] [-+*^|]= " + Call),
        (RandomProgramFeatures.CompoundAssignments, @"box\.N \?\?= " + Call),
        (RandomProgramFeatures.ArrayIndexesAndSizes, @"new int\[\(" + Call),
        (RandomProgramFeatures.ArrayIndexesAndSizes, @"new\[\] \{ \w+, " + Call + @".*, \w+ \};"),
        (RandomProgramFeatures.ArrayIndexesAndSizes, @"^\s*arr\[" + Call),
        (RandomProgramFeatures.ArrayIndexesAndSizes, @"^\s*arr\[\w+ & 3\] = " + Call),
        (RandomProgramFeatures.ArrayIndexesAndSizes, @"a\d+\[" + Call),
        (RandomProgramFeatures.Initializers, @"\{ F = " + Call),
        (RandomProgramFeatures.Initializers, @"new List<int> \{ \w+, " + Call),
        (RandomProgramFeatures.Initializers, @"\] = " + Call + @".*\[" + Call),
        (RandomProgramFeatures.Initializers, @"\{ \{ \w+ & 3, " + Call),
        (RandomProgramFeatures.Receivers, @"\(" + Call + @"[^()]*\)\)\.CompareTo"),
        (RandomProgramFeatures.Receivers, @"box\.Sum\(" + Call),
        (RandomProgramFeatures.Receivers, @"new Box\(\w+\)\.Sum\(" + Call),
        (RandomProgramFeatures.Receivers, @"MaybeBox\(box, \w+\)\?\.Sum\(" + Call),
        (RandomProgramFeatures.Receivers, @"sbox\.Bump\(" + Call),
        (RandomProgramFeatures.InterpolatedStrings, @"\$""i\d+ \{\w+\} \{" + Call + @".*:D4\}"),
        (RandomProgramFeatures.SwitchExpressions, @"\) switch \{ 0 =>"),
        (RandomProgramFeatures.IsPatterns, @"\) is > \d and < \d+\)"),
        (RandomProgramFeatures.IsPatterns, @"\) is 0 or 3\)"),
        (RandomProgramFeatures.IsPatterns, @"\) is var k\d+ && k\d+ > "),
        (RandomProgramFeatures.Tuples, @"var \(t\d+, u\d+\) = \(" + Call),
        (RandomProgramFeatures.Tuples, @"var t\d+ = \(" + Call),
        (RandomProgramFeatures.Tuples, @"\(int, int\) t\d+ = \(\w+, " + Call),
        (RandomProgramFeatures.Tuples, @"^\s*\(\w+, \w+\) = \(\w+, " + Call),
        (RandomProgramFeatures.ThrowExpressions, @"throw new AppException\(""t\d+"", " + Call),
        (RandomProgramFeatures.ThrowExpressions, @"\? throw new AppException\(""te\d+"", " + Call),
        (RandomProgramFeatures.Conditions, @"for \(int i\d+ = 0; i\d+ < \d && " + Call),
        (RandomProgramFeatures.Conditions, @"while \(w\d+ < \d && " + Call),
        (RandomProgramFeatures.Conditions, @"while \(d\d+ < \d && " + Call),
        (RandomProgramFeatures.Conditions, @"switch \(\(" + Call),
        (RandomProgramFeatures.Returns, @"return \w+ \+ " + Call + @".*\* 2;"),
        (RandomProgramFeatures.Returns, @"return acc - " + Call),
        (RandomProgramFeatures.UsingAndForEachExpressions, @"using \(var r\d+ = new Res\(""r\d+"" \+ ""\."" \+ " + Call),
        (RandomProgramFeatures.UsingAndForEachExpressions, @"using var r\d+ = new Res\(""r\d+"" \+ ""\."" \+ " + Call),
        (RandomProgramFeatures.UsingAndForEachExpressions, @"foreach \(var x\d+ in new\[\] \{ \w+, " + Call),
        (RandomProgramFeatures.UsingAndForEachExpressions, @"foreach \(var x\d+ in Iter\(""it\d+"", " + Call),
        (RandomProgramFeatures.ClosuresInLoops, @"fs\d+\.Add\(\(\) => copy\d+ \+ i\d+\)"),
        (RandomProgramFeatures.ClosuresInLoops, @"fs\d+\.Add\(\(\) => copy\d+ \+ x\d+\)"),
        (RandomProgramFeatures.Goto, @"goto again\d+;"),
        (RandomProgramFeatures.Goto, @"goto skip\d+;"),
        (RandomProgramFeatures.StructCoroutines, @"new P\d{6}_\dS\(\w+\)\.P\d{6}_\d\("),
        (RandomProgramFeatures.BaseMethods, @"new P\d{6}_\dD\(\w+\)\.P\d{6}_\d\("),
        (RandomProgramFeatures.BaseMethods, @"base\.Step\(\w+\) \+ "" "" \+ Step\("),
        (RandomProgramFeatures.BaseMethods, @"base\.Q \+= "),
        (RandomProgramFeatures.BaseMethods, @"int c\d+ = base\.Walk\("),
        (RandomProgramFeatures.BaseMethods, @"int c\d+ = Walk\("),
        (RandomProgramFeatures.ConditionalChainParts, @"\?\.Maybe\(" + Call),
        (RandomProgramFeatures.ConditionalChainParts, @"\?\.Maybe\(\w+\)\?\.Sum\(" + Call),
        (RandomProgramFeatures.ConditionalChainParts, @"v\d+\?\.P\d{6}_\d\("),
        (RandomProgramFeatures.StructVariableReceivers, @"= \w+ \* 2 - sv\d+\.P\d{6}_\d\("),
        (RandomProgramFeatures.WithOwnCopyConstructor, @"rc\d+ with \{ A = " + Call),
        (RandomProgramFeatures.WithOwnCopyConstructor, @"rc\d+ with \{ B = \w+, A = " + Call),
        (RandomProgramFeatures.IndexerNestedInitializers, @"new Shelf \{ \[\w+\] = \{ " + Call),
        (RandomProgramFeatures.IndexerNestedInitializers, @"new Shelf \{ \[" + Call),
        (RandomProgramFeatures.UserDefinedShortCircuit, @"var u\d+ = RFlag\.Of\(""u\d+a"", \w+\) (?:&&|\|\|) RFlag\.Of\(""u\d+b"", " + Call),
        (RandomProgramFeatures.UserDefinedShortCircuit, @"if \(RFlag\.Of\(""u\d+a"", \w+\) (?:&&|\|\|) RFlag\.Of\(""u\d+b"", " + Call),
        (RandomProgramFeatures.VirtualDispatch, @"P\d{6}_\dDBase vb\d+ = new P\d{6}_\dD\("),
        (RandomProgramFeatures.VirtualDispatch, @"= vb\d+\.Walk\("),
        (RandomProgramFeatures.LocalFunctionCoroutines, @"^\s*static int P\d{6}_\d_lf\d+\("),
        (RandomProgramFeatures.LocalFunctionCoroutines, @"^\s*int P\d{6}_\d_lf\d+\("),
        (RandomProgramFeatures.BaseIndexers, @"base\[\w+\] \?\?= "),
        (RandomProgramFeatures.BaseIndexers, @"base\[\w+\]\+\+ \+ "),
        (RandomProgramFeatures.BaseIndexers, @"^\s*\(base\[\w+\], \w+\) = \("),
        (RandomProgramFeatures.CapturedFilterAndCollectionVariables, @"when \(e\d+\.Code is int fc\d+ && .*KeepReader\(fk\d+, \(\) => fc\d+\)\)"),
        (RandomProgramFeatures.CapturedFilterAndCollectionVariables, @"foreach \(var x\d+ in Items\(out var it\d+, "),
        (RandomProgramFeatures.ExplicitInterfaceImplementations, @"int IP\d{6}_\dD\.Stroll\(int n\)"),
        (RandomProgramFeatures.ExplicitInterfaceImplementations, @"IP\d{6}_\dD iw\d+ = new P\d{6}_\dD\(\w+\);"),
        (RandomProgramFeatures.ExplicitInterfaceImplementations, @"= iw\d+\.Stroll\("),
        (RandomProgramFeatures.AnonymousTypes, @"var an\d+ = new \{ A = \w+, B = " + Call),
        (RandomProgramFeatures.AnonymousTypes, @"= an\d+ with \{ A = " + Call),
        (RandomProgramFeatures.AnonymousTypes, @"al\d+\.Add\(new \{ K = " + Call),
        (RandomProgramFeatures.AnonymousTypes, @"new\[\] \{ new \{ K = \w+ \}, new \{ K = " + Call),
        (RandomProgramFeatures.AnonymousTypes, @"""ae\d+ "" \+ new \{ A = \w+, B = " + Call),
        (RandomProgramFeatures.AnonymousTypes, @"\? new \{ A = \w+ \} : null\) \+ "" "" \+ " + Call),
        (RandomProgramFeatures.NullableStructChainParts, @"h\d+\?\.NS\?\.P\d{6}_\d\("),
        (RandomProgramFeatures.NullableStructChainParts, @"h\d+\?\.S\.P\d{6}_\d\("),
        (RandomProgramFeatures.NullableStructChainParts, @"h\d+\?\.P\.P\d{6}_\d\("),
        (RandomProgramFeatures.QuerySuspensions, @"from qa\d+ in new\[\] \{ \w+, " + Call),
        (RandomProgramFeatures.QuerySuspensions, @"from qa\d+ in Iter\(""q\d+"", " + Call),
        (RandomProgramFeatures.QuerySuspensions, @"select qa\d+ \* 10 \+ \w+;$"),
        (RandomProgramFeatures.QuerySuspensions, @"join qb\d+ in new\[\] \{ " + Call),
        (RandomProgramFeatures.QuerySuspensions, @"where qa\d+ != \d join qb\d+ in Iter\(""q\d+"", " + Call),
        (RandomProgramFeatures.JumpsOut, @"""jt\d+ "" \+ " + Call),
        (RandomProgramFeatures.JumpsOut, @"if \(j\d+ == \w+ % 4\) goto out\d+;"),
        (RandomProgramFeatures.RefLocalsBetweenSuspensions, @"ref int r\d+ = ref rl\d+\["),
        (RandomProgramFeatures.SwitchArmsAndGuards, @"switch \{ 0 => " + Call + @".*when " + Call),
        (RandomProgramFeatures.SwitchArmsAndGuards, @"case int g\d+ when " + Call),
        (RandomProgramFeatures.CollectionExpressions, @"int\[\] ce\d+ = \[\w+, \.\. new\[\]"),
        (RandomProgramFeatures.CollectionExpressions, @"List<int> ce\d+ = \[\.\. Iter\("),
        (RandomProgramFeatures.CompoundAssignmentValues, @"""cv\d+ "" \+ \(\w+ [-+*]= " + Call),
        (RandomProgramFeatures.CompoundAssignmentValues, @"\(qn\d+ \?\?= " + Call),
        (RandomProgramFeatures.ForClauses, @"for \(int fi\d+ = " + Call + @".*fi\d+ \+= \(" + Call),
        (RandomProgramFeatures.LockAndChecked, @"lock \(Gate\(" + Call),
        (RandomProgramFeatures.LockAndChecked, @"checked\(int\.MaxValue - \d \+ " + Call),
        (RandomProgramFeatures.DeconstructionTargets, @"\(dz\d+\[\w+ & 1\], bz\d+\.P\) = \(" + Call),
        (RandomProgramFeatures.DeconstructionTargets, @"\(bz\d+\.F, dz\d+\[\w+ & 1\]\) = \(\w+, " + Call),
        (RandomProgramFeatures.NestedInitializersAndWith, @"\{ Items = \{ \w+, " + Call),
        (RandomProgramFeatures.NestedInitializersAndWith, @"pr\d+ with \{ A = " + Call),
        (RandomProgramFeatures.NestedInitializersAndWith, @"\} with \{ P = " + Call),
        (RandomProgramFeatures.FilterAssignedCatchVariables, @"when \(\(e\d+ = new AppException\(""fb\d+"", e\d+\.Code \+ 1\)\) != null\)"),
        (RandomProgramFeatures.FreshVariableClosures, @"fz\d+\.Add\(\(\) => ce\d+\.Code \* 10\);"),
        (RandomProgramFeatures.FreshVariableClosures, @"^\s*sz\d+ = j\d+ \* 10 \+ 2;"),
        (RandomProgramFeatures.FreshVariableClosures, @"if \(gz\d+ < 2\) goto agz\d+;"),
        (RandomProgramFeatures.GenericCoroutines, @"^public static int P\d{6}_\d_g\d+<T>\(T a, T b, int k\)$"),
        (RandomProgramFeatures.GenericCoroutines, @"P\d{6}_\d_g\d+<string>\("),
        (RandomProgramFeatures.GenericCoroutines, @"P\d{6}_\d_g\d+<long>\("),
        (RandomProgramFeatures.GenericCoroutines, @"P\d{6}_\d_g\d+\(\w+, "),
        (RandomProgramFeatures.ParamsAndNamedArguments, @"_pa\d+\(int a, int b = 3, params int\[\] rest\)"),
        (RandomProgramFeatures.ParamsAndNamedArguments, @"_pa\d+\(b: Pair\(\w+, \w+\), a: " + Call),
        (RandomProgramFeatures.ParamsAndNamedArguments, @"_pa\d+\(\w+, rest: new\[\] \{ " + Call),
        (RandomProgramFeatures.ParamsAndNamedArguments, @"_pa\d+\(\w+, \w+, \w+, " + Call),
        (RandomProgramFeatures.ThisAndBaseDispatch, @"= this\.Hop\(\w+ & 3\) - base\.Hop\("),
        (RandomProgramFeatures.ThisAndBaseDispatch, @"= base\.Tour\(\w+ & 3\) \+ Hop\("),
        (RandomProgramFeatures.ThisAndBaseDispatch, @"= this\.Tour\("),
        (RandomProgramFeatures.ThisAndBaseDispatch, @"= hd\d+\.Tour\(\w+ & 3\) \+ hb\d+\.Hop\("),
        (RandomProgramFeatures.LocalFunctionsInLoops, @"int c\d+ = P\d{6}_\d_ll\d+\(j\d+ \+ \w+\);"),
        (RandomProgramFeatures.LocalFunctionsInLoops, @"""li\d+ "" \+ P\d{6}_\d_ll\d+\(j\d+\)"),
        (RandomProgramFeatures.UserSuspensionPoints, @"bl\d+\.Ring\(\w+\) \+ " + Call),
        (RandomProgramFeatures.UserSuspensionPoints, @"= " + Call + @".* - bl\d+\.Ring\("),
        (RandomProgramFeatures.UserSuspensionPoints, @"if \(bl\d+\.Ring\("),
        (RandomProgramFeatures.UserSuspensionPoints, @"^\s*bl\d+\.Knock\("),
    ];

    /// <summary>
    /// Every feature writes each of its forms when switched on (so one can be tried after the
    /// generator learns it), and none of them when switched off: a feature is gated in one place.
    /// Every feature of <see cref="RandomProgramFeatures.Supported"/> beyond the statements has its forms listed.
    /// </summary>
    [Fact]
    public void Every_feature_is_written_when_switched_on_and_only_then()
    {
        var all = Enumerable.Range(0, 1500).Select(i => RandomProgramGenerator.Generate(DefaultSeed, i, RandomProgramFeatures.All).Source).ToList();
        foreach (var (feature, pattern) in FeatureForms)
        {
            Assert.True(all.Any(s => Regex.IsMatch(s, pattern, RegexOptions.Multiline)), $"{feature}: never generated /{pattern}/");
        }

        const RandomProgramFeatures statements = RandomProgramFeatures.Loops | RandomProgramFeatures.ForEach | RandomProgramFeatures.TryCatchFinally |
            RandomProgramFeatures.Using | RandomProgramFeatures.Switch | RandomProgramFeatures.Calls | RandomProgramFeatures.SeveralCoroutines;
        var unlisted = Enum.GetValues<RandomProgramFeatures>()
            .Where(f => f != 0 && (f & (f - 1)) == 0 && RandomProgramFeatures.All.HasFlag(f) && !statements.HasFlag(f) && FeatureForms.All(x => x.Feature != f))
            .ToList();
        Assert.True(unlisted.Count == 0, "features without forms in FeatureForms: " + string.Join(", ", unlisted));

        foreach (var feature in FeatureForms.Select(f => f.Feature).Distinct())
        {
            var without = Enumerable.Range(0, 300).Select(i => RandomProgramGenerator.Generate(DefaultSeed, i, RandomProgramFeatures.All & ~feature).Source).ToList();
            foreach (var (_, pattern) in FeatureForms.Where(f => f.Feature == feature))
            {
                Assert.False(without.Any(s => Regex.IsMatch(s, pattern, RegexOptions.Multiline)), $"{feature} is off, yet /{pattern}/ was generated");
            }
            if (!RandomProgramFeatures.Supported.HasFlag(feature))
            {
                var supported = Enumerable.Range(0, 300).Select(i => RandomProgramGenerator.Generate(DefaultSeed, i).Source).ToList();
                Assert.DoesNotContain(supported, s => FeatureForms.Where(f => f.Feature == feature).Any(f => Regex.IsMatch(s, f.Pattern, RegexOptions.Multiline)));
            }
        }
    }

    /// <summary>
    /// With every feature on (those the generator does not accept yet included), the programs are
    /// valid C#: their async twins compile without a warning and every coroutine they spawn ends
    /// (returns or throws) on the virtual-time loop. So the features can be turned on as soon as
    /// the generator accepts them.
    /// </summary>
    [Fact]
    public void Programs_with_every_feature_are_valid_csharp_that_ends()
    {
        var programs = Enumerable.Range(0, 100).Select(i => RandomProgramGenerator.Generate(DefaultSeed, i, RandomProgramFeatures.All)).ToList();
        var source = RandomProgramGenerator.Compose(programs, withCoroutines: false, out _);

        using var loaded = ProgramRunner.Build(GeneratorHarness.Run(new SourceFile("Random.cs", source), VirtualTime.Source)).Load();

        foreach (var program in programs)
        {
            var trace = VirtualTime.RunAsync(loaded, program);
            var unfinished = trace.Lines.Where(l => l.StartsWith("root ", StringComparison.Ordinal) && (l.Contains("did not finish", StringComparison.Ordinal) || l.Contains("never started", StringComparison.Ordinal))).ToList();
            Assert.True(unfinished.Count == 0, $"{program.Name}: {string.Join("; ", unfinished)}{Environment.NewLine}{program.AsyncSource}");
        }
    }

    /// <summary>The async twin is the same program, mechanically: sleeps and calls (with their receivers) awaited, nothing else changed.</summary>
    [Fact]
    public void The_async_twin_awaits_each_sleep_and_call()
    {
        const string source = """
            [Coroutine]
            public static int P000007_0(int n)
            {
                int c1 = P000007_1(n + 1);
                Yield.Sleep(c1 & 3);
                Trace.Log($"i2 {n} {new P000007_2S(acc).P000007_2(P000007_1(c1)):D4}");
                return P000007_1(c1);
            }
            public partial class P000007_2D
            {
                [Coroutine]
                public sealed override int Walk(int n)
                {
                    int w = base.Walk(n + 1);
                    return w + Walk(n);
                }
            }
            """;

        var twin = RandomProgramGenerator.ToAsync(source, ["P000007_0", "P000007_1", "P000007_2", "Walk"]);

        Assert.Equal("""
            public static async global::System.Threading.Tasks.Task<int> P000007_0Async(int n)
            {
                int c1 = await P000007_1Async(n + 1);
                await VirtualTime.Sleep(c1 & 3);
                Trace.Log($"i2 {n} {await new P000007_2S(acc).P000007_2Async(await P000007_1Async(c1)):D4}");
                return await P000007_1Async(c1);
            }
            public partial class P000007_2D
            {
                public sealed override async global::System.Threading.Tasks.Task<int> WalkAsync(int n)
                {
                    int w = await base.WalkAsync(n + 1);
                    return w + await WalkAsync(n);
                }
            }
            """.ReplaceLineEndings("\n"), twin.ReplaceLineEndings("\n"));
    }

    /// <summary>True if a block introduced by a line starting with <paramref name="header"/> contains a sleep.</summary>
    private static bool SleepsInside(string source, string header, string? suspension = null)
    {
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].TrimStart();
            if (!text.StartsWith(header, StringComparison.Ordinal))
            {
                continue;
            }
            var indent = lines[i].Length - text.Length;
            for (var j = i + 1; j < lines.Length; j++)
            {
                var inner = lines[j].TrimStart();
                var innerIndent = lines[j].Length - inner.Length;
                if (innerIndent < indent || (innerIndent == indent && inner.StartsWith('}')) || (innerIndent == indent && !inner.StartsWith('{') && header == "case "))
                {
                    break;
                }
                if (suspension is null ? inner.StartsWith("Yield.Sleep(", StringComparison.Ordinal) : Regex.IsMatch(inner, suspension))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static int ReadSetting(string name, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{name}={text} is not an integer.");
    }

    private static void WriteArtifact(string summary, [CallerFilePath] string callerFilePath = "")
    {
        // RANDOM_SUMMARY: another file (scripts/random-programs.sh keeps one per chunk).
        if (Environment.GetEnvironmentVariable("RANDOM_SUMMARY") is { Length: > 0 } path)
        {
            File.WriteAllText(path, summary, new UTF8Encoding(false));
            return;
        }
        // artifacts/reliability at the repository root (the folder that holds Coroutines.sln).
        for (var directory = Path.GetDirectoryName(callerFilePath); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Coroutines.sln")))
            {
                var folder = Path.Combine(directory, "artifacts", "reliability");
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "random-programs.txt"), summary, new UTF8Encoding(false));
                return;
            }
        }
    }

}
