namespace Coroutines;

/// <summary>Something outside the scheduler told, on the loop's thread, when a coroutine ends (a task for it, a token link).</summary>
internal abstract class CoroutineListener
{
    internal abstract void OnFinished(Coroutine finished);
}
