using System;
using System.Collections.Generic;
using Coroutines;

namespace GameLoop;

/// <summary>The game's state, read by the coroutines and by the host between frames.</summary>
public sealed class World
{
    private readonly List<string> _log = new();

    public int EnemiesAlive;
    public bool BombDropped;
    public bool PlayerReady;

    public IReadOnlyList<string> Log => _log;

    public void Write(string text) => Write(Clock.Current.Now, text);

    public void Write(TimeSpan time, string text) => _log.Add($"{time.TotalSeconds,6:0.000} s  {text}");
}

/// <summary>The coroutines of a tiny game: a menu, a player, a level with a wave of enemies.</summary>
public static partial class Game
{
    /// <summary>The menu blinks its cursor; it is tagged "ui", so pausing the enemies leaves it running.</summary>
    [Coroutine]
    public static void Menu(World world, int blinks)
    {
        for (int i = 1; i <= blinks; i++)
        {
            Yield.Sleep(1000);
            world.Write($"menu: cursor blink {i}");
        }
    }

    /// <summary>One enemy's behaviour: patrol back and forth until the wave is cancelled.</summary>
    [Coroutine]
    public static void Enemy(World world, string name, int stepMs)
    {
        world.EnemiesAlive++;
        try
        {
            int position = 0;
            while (true)
            {
                Yield.Sleep(stepMs); // frozen while the "enemies" tag is paused
                position = position == 0 ? 1 : 0;
                world.Write($"{name}: patrols to {(position == 0 ? "left" : "right")}");
            }
        }
        finally
        {
            world.EnemiesAlive--;
            world.Write($"{name}: removed");
        }
    }

    /// <summary>The wave's body: spawns the enemies into the wave's scope, which waits for all of them.</summary>
    [Coroutine]
    public static void Wave(World world)
    {
        Yield.Spawn(EnemyCoroutine(world, "bat", 700), "bat");
        Yield.Spawn(EnemyCoroutine(world, "slime", 1100), "slime");
        Yield.Spawn(EnemyCoroutine(world, "ghost", 1500), "ghost");
        Yield.Sleep(0);
        world.Write("wave: 3 enemies on the field");
    }

    /// <summary>A scope of enemy behaviours: none of them outlives it; cancelling it cancels them all.</summary>
    [Coroutine]
    public static void WaveScope(World world) => Yield.Scope(WaveCoroutine(world).WithName("wave body"));

    [Coroutine]
    public static void Bomb(World world)
    {
        Yield.WaitUntil(() => world.BombDropped);
        world.Write("bomb: hits the field");
    }

    /// <summary>The level: the wave against the bomb. The bomb wins; the wave, the loser, is cancelled, and the level goes on once every enemy has been removed.</summary>
    [Coroutine]
    public static void Level(World world)
    {
        world.Write("level: wave 1 begins");
        var wave = Yield.Spawn(WaveScopeCoroutine(world), "wave");
        var bomb = Yield.Spawn(BombCoroutine(world), "bomb");
        int first = Yield.AwaitAny(wave, bomb);
        world.Write($"level: {(first == 1 ? "bombed" : "survived")}, wave {wave.Status}, {world.EnemiesAlive} enemies left");
    }

    /// <summary>The player waits (checked once per frame) until the level says it is ready.</summary>
    [Coroutine]
    public static void Player(World world)
    {
        Yield.WaitUntil(() => world.PlayerReady);
        world.Write("player: ready, drops the bomb in 1 s");
        Yield.Sleep(1000);
        world.BombDropped = true;
        Yield.WaitWhile(() => world.EnemiesAlive > 0);
        world.Write("player: the screen is clear");
    }
}
