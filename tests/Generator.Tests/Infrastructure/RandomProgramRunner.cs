using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// Runs random programs (<see cref="RandomProgramGenerator"/>) against two oracles, with one
/// generator run, compile and load per batch. First, the first coroutine alone: the original
/// method under <c>Clock.Use</c> against its state machine on a <see cref="Scheduler"/>
/// (<see cref="Oracle.RunOriginal"/>, <see cref="Oracle.RunStateMachine"/>). Second, every
/// coroutine the program spawns, interleaved: the state machines spawned in order on one
/// <see cref="Scheduler"/> against their C# <c>async</c> twins on <see cref="VirtualTime"/>'s loop.
/// Both pairs of traces must be identical.
/// </summary>
public static class RandomProgramRunner
{
    /// <summary>
    /// Warnings a random program may get: COR0019 (a filter around a finally that sleeps runs
    /// after it). The generated filters read only the exception, so the order cannot show.
    /// </summary>
    public static readonly string[] AllowedDiagnosticIds = ["COR0019"];

    /// <summary>Counts of one run, updated from several threads.</summary>
    public sealed class Statistics
    {
        /// <summary>Programs run both ways and compared.</summary>
        public int Compared;

        /// <summary>Programs that did not compile cleanly, could not run, or whose traces differed.</summary>
        public int Mismatches;

        /// <summary>Compared programs whose original ended with an exception.</summary>
        public int Threw;

        /// <summary>Trace lines of the compared programs' originals.</summary>
        public long Lines;

        /// <summary>Coroutines spawned in the interleaved runs (several per program).</summary>
        public long Spawned;

        /// <summary>Trace lines of the interleaved runs' async side.</summary>
        public long InterleavedLines;

        /// <summary>Calls of another coroutine written in the compared programs.</summary>
        public long CallSites;

        /// <summary>Stopwatch ticks spent in each <see cref="Phase"/> (summed over the threads).</summary>
        public readonly long[] PhaseTicks = new long[Enum.GetValues<Phase>().Length];

        /// <summary>Stopwatch ticks spent generating, compiling and loading the batches (summed over the threads).</summary>
        public long CompileTicks => PhaseTicks[..(int)Phase.Original].Sum();

        /// <summary>Stopwatch ticks spent running the programs both ways and comparing (summed over the threads).</summary>
        public long RunTicks => PhaseTicks[(int)Phase.Original..].Sum();

        /// <summary>Seconds per phase, for the summary: where a run's time goes.</summary>
        public string DescribePhases() =>
            string.Join(", ", Enum.GetValues<Phase>().Select(p =>
                $"{PhaseNames[(int)p]} {(PhaseTicks[(int)p] / (double)Stopwatch.Frequency).ToString("0.0", CultureInfo.InvariantCulture)}"));

        /// <summary>Adds the time since <paramref name="watch"/> started to <paramref name="phase"/>, and restarts it.</summary>
        internal void Lap(Stopwatch watch, Phase phase)
        {
            Interlocked.Add(ref PhaseTicks[(int)phase], watch.ElapsedTicks);
            watch.Restart();
        }

        private static readonly string[] PhaseNames =
            ["composing and parsing", "generator", "binding and emitting", "loading", "original", "state machine", "interleaved state machines", "C# async"];
    }

    /// <summary>The phases of a batch, in order: those before <see cref="Original"/> compile it, the others run its programs.</summary>
    public enum Phase
    {
        /// <summary>One source of the batch's programs, and the compilation.</summary>
        Composing,

        /// <summary>The coroutine generator on the batch.</summary>
        Generator,

        /// <summary>Binding, lowering and emitting the output compilation (its diagnostics included).</summary>
        Emitting,

        /// <summary>Loading the image into a collectible context.</summary>
        Loading,

        /// <summary>The first coroutine's original method, called directly.</summary>
        Original,

        /// <summary>Its state machine alone on a Scheduler.</summary>
        StateMachine,

        /// <summary>Every root's state machine, interleaved on one Scheduler.</summary>
        Scheduler,

        /// <summary>Every root's async twin on the virtual-time loop.</summary>
        Async,
    }

    /// <summary>
    /// Compiles <paramref name="programs"/> together and compares each; a program that does not
    /// compile cleanly is reported and the others are compiled again without it. Failures (program,
    /// traces side by side, generated code, reproduction command) go to <paramref name="failures"/>;
    /// comparing stops once it holds <paramref name="maxFailures"/>.
    /// </summary>
    public static void RunBatch(int seed, List<RandomProgram> programs, ConcurrentQueue<string> failures, Statistics stats, int maxFailures)
    {
        var watch = Stopwatch.StartNew();
        var source = RandomProgramGenerator.Compose(programs, out var lines);
        var file = new SourceFile("Random.cs", source);
        // A driver without step tracking: tracking keeps every intermediate value and makes a
        // batch's generator run several times slower (the pipeline tests need it; this does not).
        // Not a concurrent build: the batches already keep every core busy, and the compiler's own
        // parallelism only adds its coordination to the CPU time.
        var compilation = GeneratorHarness.CreateCompilation([file, VirtualTime.Source]);
        compilation = compilation.WithOptions(compilation.Options.WithConcurrentBuild(false));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators: [new CoroutineGenerator().AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
        stats.Lap(watch, Phase.Composing);
        var run = GeneratorRun.Execute(driver, compilation);
        stats.Lap(watch, Phase.Generator);

        // Emit straight away and take its diagnostics (errors and warnings of every tree): one
        // binding of the batch instead of two (GetDiagnostics, then Emit).
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        stats.Lap(watch, Phase.Emitting);
        var problems = run.GeneratorDiagnostics.Concat(emitted.Diagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !AllowedDiagnosticIds.Contains(d.Id))
            .ToList();
        if (problems.Count > 0 || run.Result.Exception is not null || !emitted.Success)
        {
            // Report the programs the problems are in, then compare the others without them.
            var culprits = problems.Select(d => Culprit(d, programs, lines)).ToHashSet();
            foreach (var program in programs.Where(p => culprits.Contains(p.Name)))
            {
                failures.Enqueue(Describe(seed, program, "does not compile cleanly:" + Environment.NewLine +
                    GeneratorHarness.Format(problems.Where(d => Culprit(d, programs, lines) == program.Name), run.OutputCompilation) +
                    Environment.NewLine + GeneratedSources(run, program)));
                Interlocked.Increment(ref stats.Mismatches);
            }
            var rest = programs.Where(p => !culprits.Contains(p.Name)).ToList();
            if (rest.Count == programs.Count || run.Result.Exception is not null)
            {
                failures.Enqueue($"A batch from program {programs[0].Index} (seed {seed}) does not compile, and the problems are not in one program:{Environment.NewLine}" +
                    $"{run.Result.Exception}{Environment.NewLine}{GeneratorHarness.Format(problems, run.OutputCompilation)}");
                return;
            }
            if (rest.Count > 0)
            {
                RunBatch(seed, rest, failures, stats, maxFailures);
            }
            return;
        }

        var compiled = new CompiledProgram(run, pe.ToArray(), pdb.ToArray());
        using var loaded = compiled.Load(); // the programs have no static state: one load serves both sides of every comparison
        stats.Lap(watch, Phase.Loading);
        Compare(seed, programs, failures, stats, maxFailures, file, loaded, run);
    }

    private static void Compare(int seed, List<RandomProgram> programs, ConcurrentQueue<string> failures, Statistics stats, int maxFailures, SourceFile file, LoadedProgram loaded, GeneratorRun run)
    {
        var watch = new Stopwatch();
        foreach (var program in programs)
        {
            if (failures.Count >= maxFailures)
            {
                return;
            }
            var root = program.Roots[0];
            var test = new OracleCase { Sources = [file], TypeName = RandomProgramGenerator.TypeName, MethodName = root.Method, Args = [root.Argument] };
            RunTrace original;
            RunTrace stateMachine;
            RunTrace scheduled;
            RunTrace awaited;
            try
            {
                watch.Restart();
                original = Oracle.RunOriginal(loaded, test);
                stats.Lap(watch, Phase.Original);
                stateMachine = Oracle.RunStateMachine(loaded, test, original);
                stats.Lap(watch, Phase.StateMachine);
                scheduled = VirtualTime.RunScheduler(loaded, program);
                stats.Lap(watch, Phase.Scheduler);
                awaited = VirtualTime.RunAsync(loaded, program);
                stats.Lap(watch, Phase.Async);
            }
            catch (Exception e)
            {
                failures.Enqueue(Describe(seed, program, $"could not be run: {e}"));
                Interlocked.Increment(ref stats.Mismatches);
                continue;
            }
            Interlocked.Increment(ref stats.Compared);
            Interlocked.Add(ref stats.Lines, original.Lines.Count);
            Interlocked.Add(ref stats.Spawned, program.Roots.Count);
            Interlocked.Add(ref stats.InterleavedLines, awaited.Lines.Count);
            Interlocked.Add(ref stats.CallSites, program.Methods.Sum(m => CountCalls(program.Source, m)));
            if (original.Exception is not null)
            {
                Interlocked.Increment(ref stats.Threw);
            }
            if (!original.Lines.SequenceEqual(stateMachine.Lines))
            {
                Interlocked.Increment(ref stats.Mismatches);
                failures.Enqueue(Describe(seed, program,
                    $"run alone ({root.Method}({root.Argument})): the state machine's trace differs from the original's:" + Environment.NewLine +
                    Oracle.SideBySide(original.Lines, stateMachine.Lines, "original (direct call, Clock.Use)", "state machine (Scheduler)") +
                    Environment.NewLine + GeneratedSources(run, program)));
            }
            else if (!awaited.Lines.SequenceEqual(scheduled.Lines))
            {
                Interlocked.Increment(ref stats.Mismatches);
                failures.Enqueue(Describe(seed, program,
                    $"interleaved ({program.DescribeRoots()}): the state machines' trace differs from C# async's:" + Environment.NewLine +
                    Oracle.SideBySide(awaited.Lines, scheduled.Lines, "C# async (VirtualTime loop)", "state machines (Scheduler)") +
                    Environment.NewLine + "The async twin:" + Environment.NewLine + program.AsyncSource +
                    Environment.NewLine + GeneratedSources(run, program)));
            }
        }
    }

    /// <summary>How many calls of <paramref name="method"/> a program's source holds.</summary>
    private static int CountCalls(string source, string method) =>
        System.Text.RegularExpressions.Regex.Count(source, $@"\b{method}\(") - 1; // minus its declaration

    private static string GeneratedSources(GeneratorRun run, RandomProgram program) =>
        string.Join(Environment.NewLine, program.Methods.Select(m => run.DumpGeneratedSources("." + m + "StateMachine")));

    /// <summary>The program a diagnostic is in: by the generated file's name, or by its (mapped) line in Random.cs.</summary>
    private static string? Culprit(Diagnostic diagnostic, List<RandomProgram> programs, Dictionary<string, (int First, int Last)> lines)
    {
        var raw = Path.GetFileName(diagnostic.Location.GetLineSpan().Path);
        foreach (var program in programs)
        {
            if (program.Methods.Any(m => raw.Contains("." + m + "StateMachine", StringComparison.Ordinal)))
            {
                return program.Name;
            }
        }
        var mapped = diagnostic.Location.GetMappedLineSpan();
        var line = mapped.StartLinePosition.Line + 1;
        return lines.FirstOrDefault(l => line >= l.Value.First && line <= l.Value.Last).Key;
    }

    /// <summary>A failure's header: the program, how to reproduce it, its source and the coroutines it spawns.</summary>
    public static string Describe(int seed, RandomProgram program, string problem) =>
        $"Program {program.Name} (run seed {seed}, index {program.Index}, program seed {program.Seed}, features {program.Features}) {problem}{Environment.NewLine}" +
        $"Reproduce: {ReproduceCommand(seed, program.Index, 1, program.Features)}{Environment.NewLine}" +
        $"Spawned, in order: {program.DescribeRoots()}{Environment.NewLine}" +
        $"Program:{Environment.NewLine}{program.Source}";

    /// <summary>The command that runs <paramref name="count"/> programs from <paramref name="first"/>.</summary>
    public static string ReproduceCommand(int seed, int first, int count, RandomProgramFeatures features) =>
        $"RANDOM_SEED={seed} RANDOM_FIRST={first} RANDOM_PROGRAMS={count}" +
        (features == RandomProgramFeatures.Supported ? "" : $" RANDOM_FEATURES={features.ToString().Replace(" ", "", StringComparison.Ordinal)}") +
        " dotnet test tests/Generator.Tests --filter FullyQualifiedName~RandomProgram";
}
