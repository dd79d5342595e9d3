using System;
using Coroutines;
using Coroutines.Tracing;
using GameLoop;

// A game loop: a fixed 60 Hz tick on a virtual clock. The host owns the loop (as a game engine
// does): each frame it advances the clock by 1/60 s and calls scheduler.RunDue(). At 2 s the
// player opens the pause menu: every coroutine tagged "enemies" is paused (their sleeps freeze)
// while the menu, tagged "ui", keeps running; at 3.5 s it closes and the enemies resume with the
// time they had left. Then the player drops a bomb: the level's AwaitAny(wave, bomb) cancels the
// loser, the wave, whose scope cancels its enemies together (each runs its finally block).

var clock = new VirtualClock();
var recorder = new TimelineRecorder();
var scheduler = new Scheduler(clock) { Observer = recorder };
var world = new World();
var frame = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / 60);

scheduler.Spawn(Game.MenuCoroutine(world, blinks: 6).WithTag("ui"), "menu");
scheduler.Spawn(Game.LevelCoroutine(world).WithTag("enemies"), "level"); // what it spawns inherits the tag
var player = scheduler.Spawn(Game.PlayerCoroutine(world), "player");

for (var tick = 0; tick < 6 * 60; tick++)
{
    if (tick == 2 * 60)
    {
        world.Write(scheduler.Now, $"host: pause menu opens, {scheduler.Pause("enemies")} coroutines paused");
    }
    if (tick == 7 * 30)
    {
        world.Write(scheduler.Now, $"host: pause menu closes, {scheduler.Resume("enemies")} coroutines resumed");
        world.PlayerReady = true;
    }
    scheduler.RunDue();
    clock.Advance(frame);
}

Console.WriteLine("Game loop: 60 frames a second for 6 s of virtual time (instant).");
Console.WriteLine();
foreach (var line in world.Log)
{
    Console.WriteLine(line);
}
Console.WriteLine();
Console.WriteLine($"Player {player.Status}; enemies alive: {world.EnemiesAlive}.");
Console.WriteLine();
Console.Write(TextTimeline.Render(recorder));
