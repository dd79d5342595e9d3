using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Coroutines;
using Coroutines.Snapshots;
using Coroutines.Tracing;
using SaveGame;

// A village simulation that can be saved mid-run and loaded again (docs/snapshots.md):
//   dotnet run --project samples/SaveGame -- --save-at 5   runs until day 5 (and a half), saves, stops
//   dotnet run --project samples/SaveGame -- --load        loads that save and plays on to the end
// With neither, it plays the season uninterrupted, then saved-and-loaded within this run, and
// says whether both told the same story. The clock is always virtual (--virtual is accepted, as
// by every sample). --file PATH says where the save goes (by default the temp folder).

var saveAt = -1;
var load = false;
var file = Path.Combine(Path.GetTempPath(), "coroutines-savegame.bin");
string? svg = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--virtual":
            break;
        case "--save-at" when i + 1 < args.Length && int.TryParse(args[i + 1], out var day) && day > 0 && day < Simulation.Days:
            saveAt = day;
            i++;
            break;
        case "--load":
            load = true;
            break;
        case "--file" when i + 1 < args.Length:
            file = args[++i];
            break;
        case "--svg" when i + 1 < args.Length:
            svg = args[++i];
            break;
        default:
            Console.Error.WriteLine($"usage: SaveGame [--save-at DAY (1..{Simulation.Days - 1})] [--load] [--file PATH] [--virtual] [--svg PATH]");
            return 2;
    }
}

// What saving and loading need: the chronicle, an outside object, by name.
SnapshotOptions Options(Chronicle chronicle)
{
    var options = new SnapshotOptions();
    options.Permanents.Add("chronicle", chronicle);
    return options;
}

Scheduler NewVillage(Chronicle chronicle)
{
    var scheduler = new Scheduler(new VirtualClock());
    var stores = new Dictionary<string, int>(StringComparer.Ordinal) { ["wheat"] = 0, ["bread"] = 0, ["meals"] = 0 };
    scheduler.Spawn(Simulation.RunCoroutine(chronicle, stores));
    return scheduler;
}

// Runs until the middle of `day`, then saves: the farmers, the baker and the parade are all
// suspended somewhere in their loops.
void PlayAndSave(Chronicle chronicle, int day, string path)
{
    var scheduler = NewVillage(chronicle);
    scheduler.CallLater(TimeSpan.FromSeconds(day + 0.5), scheduler.Stop);
    scheduler.Run();
    using (var stream = File.Create(path))
    {
        scheduler.Save(stream, Options(chronicle));
    }
    Console.WriteLine($"-- saved on day {day} ({new FileInfo(path).Length} bytes, {scheduler.LiveCoroutines().Count} coroutines) --");
}

void LoadAndPlay(Chronicle chronicle, string path)
{
    Scheduler scheduler;
    using (var stream = File.OpenRead(path))
    {
        scheduler = Scheduler.Restore(stream, Options(chronicle));
    }
    Console.WriteLine($"-- loaded day {Chronicle.DayOf(scheduler)}: {string.Join(", ", scheduler.LiveCoroutines().Select(c => c.Name))} --");
    scheduler.Run();
}

if (saveAt > 0)
{
    PlayAndSave(new Chronicle(), saveAt, file);
    return 0;
}
if (load)
{
    if (!File.Exists(file))
    {
        Console.Error.WriteLine($"No save at {file}: run with --save-at DAY first.");
        return 1;
    }
    LoadAndPlay(new Chronicle(), file);
    return 0;
}

Console.WriteLine("1) The season, uninterrupted");
var whole = new Chronicle();
var recorder = new TimelineRecorder();
var uninterrupted = NewVillage(whole);
uninterrupted.Observer = recorder;
uninterrupted.Run();
if (svg is not null)
{
    SvgTimeline.Write(recorder, svg, "SaveGame: the season uninterrupted");
}
Console.WriteLine();

Console.WriteLine("2) The same season, saved on day 5 and loaded again");
var split = new Chronicle();
var path = Path.Combine(Path.GetTempPath(), $"coroutines-savegame-{Environment.ProcessId}.bin");
try
{
    PlayAndSave(split, 5, path);
    LoadAndPlay(split, path);
}
finally
{
    File.Delete(path);
}
Console.WriteLine();
Console.WriteLine(whole.Lines.SequenceEqual(split.Lines)
    ? $"Both tell the same story: {whole.Lines.Count} lines, identical."
    : "The stories differ!");
return whole.Lines.SequenceEqual(split.Lines) ? 0 : 1;
