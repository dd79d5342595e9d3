using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Coroutines.Playground.Runner.Compiling;
using Coroutines.Playground.Runner.Protocol;
using Coroutines.Tracing;

namespace Coroutines.Playground.Runner.Running;

/// <summary>Runs a compiled program: its output captured, each scheduler it creates recorded.</summary>
public static class ProgramRunner
{
    public const int MaxOutputChars = 32_000;
    public const int MaxSteps = 400;
    public const int MaxTimelines = 4;

    /// <summary>Called once the program is compiled, just before it starts (the server's run-time limit starts here).</summary>
    public static Action? Starting { get; set; }

    public static RunReport CompileAndRun(string source)
    {
        var compiled = ProgramCompiler.Compile(source);
        if (compiled.Image is null)
        {
            return new RunReport
            {
                Outcome = RunOutcomes.CompileErrors,
                Message = $"The program does not compile: {Count(compiled.Errors.Count, "error")}. Fix them (they are marked in the editor) and run again.",
                Diagnostics = compiled.Errors,
            };
        }
        return Run(compiled.Image);
    }

    private static RunReport Run(byte[] image)
    {
        var context = new AssemblyLoadContext("playground-program", isCollectible: true);
        var assembly = context.LoadFromStream(new MemoryStream(image));
        var steps = new List<StepSnapshot>();
        var recorders = new List<StepRecorder>();
        assembly.GetType(SchedulerHook.TypeName)!
            .GetField(SchedulerHook.CallbackField)!
            .SetValue(null, (Action<Scheduler>)(scheduler =>
            {
                var recorder = new StepRecorder(steps, MaxSteps, scheduler.Observer);
                recorders.Add(recorder);
                scheduler.Observer = recorder;
            }));

        var output = new BoundedWriter(MaxOutputChars);
        var stdout = Console.Out;
        var stderr = Console.Error;
        Console.SetOut(output);
        Console.SetError(output);
        Console.SetIn(new StringReader(""));
        Exception? fault = null;
        try
        {
            Starting?.Invoke();
            var entry = assembly.EntryPoint!;
            entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
        }
        catch (TargetInvocationException e)
        {
            fault = e.InnerException ?? e;
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }

        var timelines = recorders
            .Where(static r => r.Timeline.Rows.Count > 0)
            .Take(MaxTimelines)
            .Select(static (r, i) => SvgTimeline.Render(r.Timeline, i == 0 ? "Timeline (virtual clock)" : $"Timeline of scheduler {i + 1} (virtual clock)"))
            .ToList();
        return new RunReport
        {
            Outcome = fault is null ? RunOutcomes.Completed : RunOutcomes.Faulted,
            Message = fault is null
                ? $"The program ran to its end: {Count(steps.Count, "step")} recorded on {Count(recorders.Count, "scheduler")}."
                : $"The program stopped with {fault.GetType().Name}: {fault.Message}",
            Output = output.ToString() + (fault is null ? "" : $"\nUnhandled exception: {fault.GetType().FullName}: {fault.Message}\n"),
            OutputTruncated = output.Truncated,
            Timelines = timelines,
            Steps = steps,
            StepsTruncated = recorders.Any(static r => r.Truncated),
        };
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>Keeps the first <c>limit</c> characters written and drops the rest.</summary>
    private sealed class BoundedWriter(int limit) : StringWriter
    {
        public bool Truncated { get; private set; }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (GetStringBuilder().Length < limit)
            {
                base.Write(value);
            }
            else
            {
                Truncated = true;
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(string? value)
        {
            if (value is null)
            {
                return;
            }
            var room = limit - GetStringBuilder().Length;
            if (value.Length > room)
            {
                Truncated = true;
                value = value[..Math.Max(0, room)];
            }
            base.Write(value);
        }
    }
}
