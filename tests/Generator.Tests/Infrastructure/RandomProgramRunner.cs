using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// Runs random programs (<see cref="RandomProgramGenerator"/>) both ways: one generator run,
/// compile and load per batch, then for each method the original under <c>Clock.Use</c> and the
/// state machine on a <see cref="Scheduler"/> (<see cref="Oracle.RunOriginal"/>,
/// <see cref="Oracle.RunStateMachine"/>), comparing the traces.
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
    }

    /// <summary>
    /// Compiles <paramref name="programs"/> together and compares each; a program that does not
    /// compile cleanly is reported and the others are compiled again without it. Failures (program,
    /// traces side by side, generated code, reproduction command) go to <paramref name="failures"/>;
    /// comparing stops once it holds <paramref name="maxFailures"/>.
    /// </summary>
    public static void RunBatch(int seed, List<RandomProgram> programs, ConcurrentQueue<string> failures, Statistics stats, int maxFailures)
    {
        var source = RandomProgramGenerator.Compose(programs, out var lines);
        var file = new SourceFile("Random.cs", source);
        // A driver without step tracking: tracking keeps every intermediate value and makes a
        // batch's generator run several times slower (the pipeline tests need it; this does not).
        var compilation = GeneratorHarness.CreateCompilation([file]);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators: [new CoroutineGenerator().AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
        var run = GeneratorRun.Execute(driver, compilation);

        // Emit straight away and take its diagnostics (errors and warnings of every tree): one
        // binding of the batch instead of two (GetDiagnostics, then Emit).
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        var problems = run.GeneratorDiagnostics.Concat(emitted.Diagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !AllowedDiagnosticIds.Contains(d.Id))
            .ToList();
        if (problems.Count > 0 || run.Result.Exception is not null || !emitted.Success)
        {
            // Report the programs the problems are in, then compare the others without them.
            var culprits = problems.Select(d => Culprit(d, lines)).ToHashSet();
            foreach (var program in programs.Where(p => culprits.Contains(p.Name)))
            {
                failures.Enqueue(Describe(seed, program, "does not compile cleanly:" + Environment.NewLine +
                    GeneratorHarness.Format(problems.Where(d => Culprit(d, lines) == program.Name), run.OutputCompilation) +
                    Environment.NewLine + run.DumpGeneratedSources("." + program.Name + "StateMachine")));
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
        foreach (var program in programs)
        {
            if (failures.Count >= maxFailures)
            {
                return;
            }
            var test = new OracleCase { Sources = [file], TypeName = RandomProgramGenerator.TypeName, MethodName = program.Name };
            RunTrace original;
            RunTrace stateMachine;
            try
            {
                original = Oracle.RunOriginal(loaded, test);
                stateMachine = Oracle.RunStateMachine(loaded, test, original);
            }
            catch (Exception e)
            {
                failures.Enqueue(Describe(seed, program, $"could not be run: {e}"));
                Interlocked.Increment(ref stats.Mismatches);
                continue;
            }
            Interlocked.Increment(ref stats.Compared);
            Interlocked.Add(ref stats.Lines, original.Lines.Count);
            if (original.Exception is not null)
            {
                Interlocked.Increment(ref stats.Threw);
            }
            if (!original.Lines.SequenceEqual(stateMachine.Lines))
            {
                Interlocked.Increment(ref stats.Mismatches);
                failures.Enqueue(Describe(seed, program,
                    "the state machine's trace differs from the original's:" + Environment.NewLine +
                    Oracle.SideBySide(original.Lines, stateMachine.Lines, "original (direct call, Clock.Use)", "state machine (Scheduler)") +
                    Environment.NewLine + run.DumpGeneratedSources("." + program.Name + "StateMachine")));
            }
        }
    }

    /// <summary>The program a diagnostic is in: by the generated file's name, or by its (mapped) line in Random.cs.</summary>
    private static string? Culprit(Diagnostic diagnostic, Dictionary<string, (int First, int Last)> lines)
    {
        var raw = Path.GetFileName(diagnostic.Location.GetLineSpan().Path);
        foreach (var name in lines.Keys)
        {
            if (raw.Contains("." + name + "StateMachine", StringComparison.Ordinal))
            {
                return name;
            }
        }
        var mapped = diagnostic.Location.GetMappedLineSpan();
        var line = mapped.StartLinePosition.Line + 1;
        return lines.FirstOrDefault(l => line >= l.Value.First && line <= l.Value.Last).Key;
    }

    public static string Describe(int seed, RandomProgram program, string problem) =>
        $"Program {program.Name} (run seed {seed}, index {program.Index}, program seed {program.Seed}) {problem}{Environment.NewLine}" +
        $"Reproduce: RANDOM_SEED={seed} RANDOM_FIRST={program.Index} RANDOM_PROGRAMS=1 dotnet test tests/Generator.Tests --filter FullyQualifiedName~RandomProgram{Environment.NewLine}" +
        $"Program:{Environment.NewLine}{program.Source}";

}
