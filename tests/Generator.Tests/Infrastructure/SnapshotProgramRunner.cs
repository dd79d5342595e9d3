using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.IO;
using Coroutines.Snapshots;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// Runs random programs (<see cref="RandomProgramGenerator"/>, made saveable) three ways: without
/// interruption; stopped at a random moment between passes of the loop, saved and restored into a
/// fresh scheduler of a second copy of the program (another load: nothing is shared but the
/// bytes), and for the first few also in a fresh process (<see cref="FreshProcessRestore"/>); and
/// cloned at that moment, original and clone run one after the other in either order. Each must
/// log exactly what the uninterrupted run logs.
/// </summary>
public static class SnapshotProgramRunner
{
    /// <summary>What one run of the property found.</summary>
    public sealed class Outcome
    {
        public int Seed;
        public long Milliseconds;
        public int Programs;
        public int NotSaveable;        // COR0030: a foreach whose body suspends, an object local; COR0034: an object operand kept
        public int Restored;           // saved, restored and compared
        public int FreshProcesses;     // of those, also restored in a fresh process and compared
        public int Cloned;             // cloned and both compared
        public int RefusedAtMoment;    // Save refused at the chosen moment (listed in Refusals)
        public List<string> Refusals = new();
        public List<string> Failures = new();
    }

    /// <summary>The random programs' source, each method marked <c>[Coroutine(Saveable = true)]</c>.</summary>
    public static string Saveable(string composed) => composed.Replace("[Coroutine]", "[Coroutine(Saveable = true)]", StringComparison.Ordinal);

    /// <summary>Runs programs <paramref name="first"/> on of <paramref name="seed"/>; the first <paramref name="freshProcesses"/> restores are also made in a fresh process.</summary>
    public static Outcome Run(int seed, int first, int count, int freshProcesses)
    {
        var outcome = new Outcome();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // The constructs of the random programs before issue 14's positions were added: the test
        // serializer knows Res and StructRes, not the Box, SBox and arrays those positions use. Base
        // methods are in (a saveable sealed override's registration hides its base's: declared new).
        const RandomProgramFeatures features = RandomProgramFeatures.Loops | RandomProgramFeatures.ForEach | RandomProgramFeatures.TryCatchFinally |
            RandomProgramFeatures.Using | RandomProgramFeatures.Switch | RandomProgramFeatures.Calls | RandomProgramFeatures.SeveralCoroutines |
            RandomProgramFeatures.SuspensionsInExpressions | RandomProgramFeatures.Goto | RandomProgramFeatures.BaseMethods; // closures: mostly refused by COR0030
        var programs = Enumerable.Range(first, count).Select(i => RandomProgramGenerator.Generate(seed, i, features)).ToList();
        outcome.Programs = programs.Count;

        // One generator run: COR0030 and COR0034 refuse some programs (no state machine is generated for them,
        // their methods still compile), and COR0023 their callers in the same program (any other
        // error behind a COR0023 is reported on its own, below); the others are compared. No step
        // tracking: it is slow.
        var source = Saveable(RandomProgramGenerator.Compose(programs, out var lines));
        var compilation = GeneratorHarness.CreateCompilation([new SourceFile("Random.cs", source), VirtualTime.Source]); // the programs' async twins use it
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators: [new CoroutineGenerator().AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
        var run = GeneratorRun.Execute(driver, compilation);
        var refused = run.GeneratorDiagnostics
            .Where(static d => d.Id is "COR0030" or "COR0034" or "COR0023")
            .Select(d => d.Location.GetMappedLineSpan().StartLinePosition.Line + 1)
            .Select(line => lines.FirstOrDefault(l => line >= l.Value.First && line <= l.Value.Last).Key)
            .ToHashSet();
        var unexpected = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Id is not ("COR0030" or "COR0034" or "COR0023")).ToList();
        if (unexpected.Count > 0)
        {
            outcome.Failures.Add("The generator reported: " + GeneratorHarness.Format(unexpected, run.OutputCompilation));
            return outcome;
        }
        var kept = programs.Where(p => !refused.Contains(p.Name)).ToList();
        outcome.NotSaveable = programs.Count - kept.Count;
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && !RandomProgramRunner.AllowedDiagnosticIds.Contains(d.Id)).ToList();
        if (!emitted.Success || problems.Count > 0)
        {
            outcome.Failures.Add("The saveable programs do not compile cleanly: " + GeneratorHarness.Format(problems, run.OutputCompilation));
            return outcome;
        }
        var compiled = new CompiledProgram(run, pe.ToArray(), pdb.ToArray());
        using var saving = compiled.Load();
        using var restoring = compiled.Load();
        RuntimeHelpers.RunModuleConstructor(saving.Assembly.ManifestModule.ModuleHandle);
        RuntimeHelpers.RunModuleConstructor(restoring.Assembly.ManifestModule.ModuleHandle);
        outcome.Seed = seed;
        var random = new Random(seed ^ first);
        using var fresh = freshProcesses > 0 ? new FreshProcessRestore(compiled) : null;
        foreach (var program in kept)
        {
            try
            {
                Compare(program, saving, restoring, outcome.FreshProcesses < freshProcesses ? fresh : null, random, outcome);
            }
            catch (Exception e)
            {
                outcome.Failures.Add(RandomProgramRunner.Describe(seed, program, $"could not be run: {e}"));
            }
        }
        outcome.Milliseconds = watch.ElapsedMilliseconds;
        return outcome;
    }

    private static void Compare(RandomProgram program, LoadedProgram saving, LoadedProgram restoring, FreshProcessRestore? fresh, Random random, Outcome outcome)
    {
        // Uninterrupted.
        Activate(saving);
        var expected = RunFromStart(saving, program);

        // Stopped at a random moment a save can happen at (Stop ends Run after the current pass):
        // save, restore in the other load, run on.
        var moments = SaveMoments(saving, program);
        var stopAfter = moments[random.Next(moments.Count)];
        var (scheduler, coroutine, before) = Start(saving, program, stopAfter);
        if (scheduler.LiveCoroutines().Count == 0)
        {
            outcome.Failures.Add(RandomProgramRunner.Describe(outcome.Seed, program, $"stopped after {stopAfter} steps, the root has ended, though a run stopped after every pass still held it then: {End(coroutine, scheduler)}"));
            return;
        }
        byte[] bytes;
        try
        {
            bytes = scheduler.SaveToBytes(Options(saving.Assembly));
        }
        catch (SnapshotException e)
        {
            outcome.RefusedAtMoment++;
            outcome.Refusals.Add($"{program.Name} after {stopAfter} steps: {e.Message}");
            return;
        }
        restoring.ClearTrace();
        Activate(restoring);
        var restored = Scheduler.Restore(bytes, Options(restoring.Assembly));
        if (restored.LiveCoroutines().Count != 1)
        {
            outcome.Failures.Add(RandomProgramRunner.Describe(outcome.Seed, program, $"saved after {stopAfter} steps, the restored scheduler does not hold one live root:{Environment.NewLine}saved: {scheduler.Describe()}{Environment.NewLine}restored: {restored.Describe()}"));
            return;
        }
        var restoredCoroutine = restored.LiveCoroutines().Single().Coroutine;
        restored.UnobservedFault += (_, _) => { };
        restored.Run();
        var actual = before.Concat(restoring.TraceLines).Append(End(restoredCoroutine, restored)).ToList();
        Check(program, "saved after " + stopAfter + " steps and restored", expected, actual, outcome);
        outcome.Restored++;
        if (fresh is not null)
        {
            Check(program, "saved after " + stopAfter + " steps and restored in a fresh process", expected, before.Concat(fresh.Restore(bytes)).ToList(), outcome);
            outcome.FreshProcesses++;
        }

        // Cloned at the same moment, in the saving load; run in either order.
        Activate(saving);
        var clone = scheduler.Clone(Options(saving.Assembly));
        var cloneCoroutine = clone.LiveCoroutines().Single().Coroutine;
        clone.UnobservedFault += (_, _) => { };
        var order = random.Next(2) == 0 ? new[] { (scheduler, coroutine, "original"), (clone, cloneCoroutine, "clone") } : new[] { (clone, cloneCoroutine, "clone"), (scheduler, coroutine, "original") };
        foreach (var (which, root, name) in order)
        {
            saving.ClearTrace();
            which.Run();
            var lines = before.Concat(saving.TraceLines).Append(End(root, which)).ToList();
            Check(program, $"cloned after {stopAfter} steps, {name} run {(name == order[0].Item3 ? "first" : "second")}", expected, lines, outcome);
        }
        outcome.Cloned++;
    }

    /// <summary>
    /// Makes the registry restore into <paramref name="program"/>'s state machines: both loads of the
    /// program registered the same method ids, and the latest registration wins.
    /// </summary>
    private static void Activate(LoadedProgram program)
    {
        foreach (var type in program.Assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<ModuleInitializerAttribute>() is not null)
                {
                    method.Invoke(null, null);
                }
            }
        }
    }

    private static void Check(RandomProgram program, string how, List<string> expected, List<string> actual, Outcome outcome)
    {
        if (!expected.SequenceEqual(actual))
        {
            outcome.Failures.Add(RandomProgramRunner.Describe(outcome.Seed, program, $"{how} logs otherwise than the uninterrupted run:{Environment.NewLine}" +
                Oracle.SideBySide(expected, actual, "uninterrupted", how)));
        }
    }

    private static List<string> RunFromStart(LoadedProgram program, RandomProgram random)
    {
        var (scheduler, coroutine, before) = Start(program, random, stopAfter: int.MaxValue);
        return before.Append(End(coroutine, scheduler)).ToList();
    }

    /// <summary>
    /// The moments the root can be saved at, as the number of steps begun before them: 0 (spawned,
    /// not yet run), then the end of every pass of the loop after which the root is still live.
    /// Only between passes: <see cref="Scheduler.Stop"/> ends <c>Run</c> after the current pass, and
    /// a pass runs every item that was ready when it began and every chain of calls they start, so
    /// a stop asked at a step inside the root's last pass comes after the root's end.
    /// </summary>
    private static List<int> SaveMoments(LoadedProgram program, RandomProgram random)
    {
        var coroutine = program.CreateCoroutine(RandomProgramGenerator.TypeName, random.Roots[0].Method, random.Roots[0].Argument);
        var scheduler = new Scheduler(new VirtualClock());
        var counter = new StepCounter(scheduler, stopAfter: 0) { StopEveryPass = true };
        scheduler.Observer = counter;
        scheduler.UnobservedFault += (_, _) => { };
        scheduler.Spawn(coroutine);
        var moments = new List<int> { 0 };
        while (true)
        {
            var steps = counter.Steps;
            scheduler.Run();
            if (scheduler.LiveCoroutines().Count == 0 || counter.Steps == steps)
            {
                return moments; // ended, or stuck
            }
            moments.Add(counter.Steps);
        }
    }

    // Spawns the program's first root (the coroutine it starts, with the calls it makes) and runs it
    // until it ends or the pass in which `stopAfter` steps have begun ends (0: not run at all). The
    // other roots interleave in the random differential tester; here one root keeps the restored
    // scheduler's coroutine unambiguous.
    private static (Scheduler Scheduler, Coroutine Coroutine, List<string> Before) Start(LoadedProgram program, RandomProgram random, int stopAfter)
    {
        var root = random.Roots[0];
        var coroutine = program.CreateCoroutine(RandomProgramGenerator.TypeName, root.Method, root.Argument);
        var scheduler = new Scheduler(new VirtualClock());
        var counter = new StepCounter(scheduler, stopAfter);
        scheduler.Observer = counter;
        scheduler.UnobservedFault += (_, _) => { };
        program.ClearTrace();
        scheduler.Spawn(coroutine);
        if (stopAfter > 0)
        {
            scheduler.Run();
        }
        scheduler.Observer = null;
        return (scheduler, coroutine, program.TraceLines.ToList());
    }

    internal static string End(Coroutine coroutine, Scheduler scheduler) => coroutine.Status switch
    {
        CoroutineStatus.Completed => $"returned {((Coroutine<int>)coroutine).Result} at {scheduler.Now.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms",
        CoroutineStatus.Faulted => $"threw {coroutine.Exception!.GetType().FullName}: {coroutine.Exception.Message} at {scheduler.Now.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms",
        var status => $"ended {status}",
    };

    /// <summary>
    /// The options a user of these programs would write: the test types' exceptions rebuilt with
    /// their code, and the logging resources saved by a small serializer of their own.
    /// </summary>
    internal static SnapshotOptions Options(Assembly program)
    {
        var options = new SnapshotOptions { Serializer = new ResourceSerializer() };
        var app = program.GetType("Demo.Program+AppException")!;
        var other = program.GetType("Demo.Program+OtherException")!;
        options.ExceptionStates[app.FullName!] = e => ((int)app.GetProperty("Code")!.GetValue(e)!).ToString(CultureInfo.InvariantCulture);
        options.Exceptions[app.FullName!] = (message, state, _) => (Exception)Activator.CreateInstance(app, message, int.Parse(state!, CultureInfo.InvariantCulture))!;
        options.Exceptions[other.FullName!] = (message, _, inner) => (Exception)Activator.CreateInstance(other, message, inner)!;
        return options;
    }

    /// <summary>Saves the test programs' <c>Res</c> and <c>StructRes</c> (their private fields), as a user's serializer would.</summary>
    private sealed class ResourceSerializer : ISnapshotSerializer
    {
        public byte[] Serialize<T>(T value)
        {
            var fields = Fields(typeof(T));
            return Encoding.UTF8.GetBytes(string.Join("\n", fields.Select(f => Convert.ToString(f.GetValue(value), CultureInfo.InvariantCulture))));
        }

        public T Deserialize<T>(ReadOnlySpan<byte> bytes)
        {
            var fields = Fields(typeof(T));
            var parts = Encoding.UTF8.GetString(bytes).Split('\n');
            object value = RuntimeHelpers.GetUninitializedObject(typeof(T));
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i].SetValue(value, Convert.ChangeType(parts[i], fields[i].FieldType, CultureInfo.InvariantCulture));
            }
            return (T)value;
        }

        private static FieldInfo[] Fields(Type type) => type.Name is "Res" or "StructRes"
            ? type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic).OrderBy(f => f.Name, StringComparer.Ordinal).ToArray()
            : throw new NotSupportedException($"The test serializer knows Res and StructRes, not {type.Name}.");
    }

    /// <summary>Counts steps; stops the loop once <c>stopAfter</c> have begun, or at every pass.</summary>
    private sealed class StepCounter(Scheduler scheduler, int stopAfter) : ISchedulerObserver
    {
        public int Steps;

        public bool StopEveryPass;

        public void OnResumed(Coroutine coroutine, TimeSpan time)
        {
            if (++Steps == stopAfter || StopEveryPass)
            {
                scheduler.Stop();
            }
        }
    }
}
