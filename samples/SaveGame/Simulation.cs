using System.Collections.Generic;
using Coroutines;

namespace SaveGame;

/// <summary>
/// A small village, written as plain sequential code: farmers harvest, a baker bakes, the
/// villagers eat, and a festival calls a parade. They share one dictionary of stores (a snapshot
/// keeps it one object) and tell what happens through the chronicle (saved by name). Every method is
/// <c>[Coroutine(Saveable = true)]</c>: the generator writes the code that saves and restores
/// each state machine (Generated/ holds a copy), so a running village can be saved to a file and loaded again.
/// </summary>
public static partial class Simulation
{
    public const int Days = 12;
    private const int Day = 1000; // ms

    /// <summary>Harvests <paramref name="amount"/> wheat every <paramref name="every"/> days.</summary>
    [Coroutine(Saveable = true)]
    public static void Farmer(Chronicle chronicle, Dictionary<string, int> stores, string name, int amount, int every)
    {
        int harvests = 0;
        while (Chronicle.Day + every <= Days)
        {
            Yield.Sleep(every * Day);
            harvests++;
            stores["wheat"] += amount;
            chronicle.Say($"{name} brings harvest #{harvests}: {amount} wheat (store: {stores["wheat"]})");
        }
    }

    /// <summary>Each morning, bakes one bread from two wheat when there is enough.</summary>
    [Coroutine(Saveable = true)]
    public static int Baker(Chronicle chronicle, Dictionary<string, int> stores)
    {
        int baked = 0;
        while (Chronicle.Day < Days)
        {
            Yield.Sleep(Day);
            if (stores["wheat"] >= 2)
            {
                stores["wheat"] -= 2;
                stores["bread"]++;
                baked++;
                chronicle.Say($"the baker bakes bread #{baked} (wheat {stores["wheat"]}, bread {stores["bread"]})");
            }
        }
        return baked;
    }

    /// <summary>The village eats a bread every three days, if there is one.</summary>
    [Coroutine(Saveable = true)]
    public static void Villagers(Chronicle chronicle, Dictionary<string, int> stores)
    {
        int hungry = 0;
        while (Chronicle.Day + 3 <= Days)
        {
            Yield.Sleep(3 * Day);
            if (stores["bread"] > 0)
            {
                stores["bread"]--;
                stores["meals"]++;
                chronicle.Say($"the villagers eat (bread left {stores["bread"]}, meals {stores["meals"]})");
            }
            else
            {
                hungry++;
                chronicle.Say($"the villagers go hungry ({hungry} time{(hungry == 1 ? "" : "s")})");
            }
        }
    }

    /// <summary>On day 5 a festival starts; its parade is a call (a call frame in the snapshot).</summary>
    [Coroutine(Saveable = true)]
    public static void Festival(Chronicle chronicle, Dictionary<string, int> stores)
    {
        Yield.Sleep(5 * Day);
        chronicle.Say("the festival begins");
        int floats = Parade(chronicle, 3);
        chronicle.Say($"the festival ends after {floats} floats; the stores has {stores["bread"]} bread");
    }

    /// <summary>One float every half day.</summary>
    [Coroutine(Saveable = true)]
    public static int Parade(Chronicle chronicle, int floats)
    {
        for (int i = 1; i <= floats; i++)
        {
            Yield.Sleep(Day / 2);
            chronicle.Say($"parade float {i} of {floats} passes");
        }
        return floats;
    }

    /// <summary>The whole village: spawns everyone, waits for the baker, sums up.</summary>
    [Coroutine(Saveable = true)]
    public static void Run(Chronicle chronicle, Dictionary<string, int> stores)
    {
        Yield.Spawn(FarmerCoroutine(chronicle, stores, "Ada", 3, 2).WithName("Ada"));
        Yield.Spawn(FarmerCoroutine(chronicle, stores, "Bo", 2, 3).WithName("Bo"));
        Yield.Spawn(VillagersCoroutine(chronicle, stores).WithName("villagers"));
        Yield.Spawn(FestivalCoroutine(chronicle, stores).WithName("festival"));
        var baker = Yield.Spawn(BakerCoroutine(chronicle, stores).WithName("baker"));
        int baked = Yield.Await(baker);
        chronicle.Say($"the season is over: {baked} bread baked, {stores["meals"]} meals, {stores["wheat"]} wheat left");
    }
}
