using Coroutines;

public class NotPartial
{
    [Coroutine]
    public static void Run()
    {
        Yield.Sleep(1);
    }
}

public static partial class Fine
{
    [Coroutine]
    public static void Wait() => Yield.Sleep(5);

    public static void Block() => Yield.Sleep(10);

    public static int Typo() => undefinedName;
}
