using Coroutines;

namespace Tour;

public static partial class Walkers
{
    [Coroutine]
    public static string Walk(int steps)
    {
        var walker = new { Name = "Ada", X = 0 };
        for (int i = 0; i < steps; i++)
        {
            Yield.Sleep(10);
            walker = new { walker.Name, X = walker.X + 1 };
        }
        return $"{walker.Name} at {walker.X}";
    }
}
