using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Coroutines.Snapshots;

/// <summary>
/// A <see cref="Task"/> or <see cref="Task{TResult}"/> in a field: the argument of <c>Yield.Await</c>,
/// kept by the generated code while the coroutine waits. A completed task is saved as its outcome
/// (its result, its exceptions, or canceled) and restored as a completed task with that outcome: a
/// coroutine woken by it and not yet resumed (paused) reads the same result after a restore. A task
/// that has not completed cannot be kept: saving refuses it, naming the field.
/// </summary>
internal abstract class TaskCodecBase<TTask> : ValueCodec<TTask> where TTask : Task
{
    private const byte RanToCompletion = 0, HasFaulted = 1, WasCanceled = 2;

    public override void Write(SnapshotWriter writer, TTask value)
    {
        var b = writer.Buffer;
        if (!value.IsCompleted)
        {
            writer.Refuse($"a task that has not completed ({Describe(value)}) cannot be saved: save when no coroutine waits on it, or keep it in a Rebuilt<T>");
            b.Byte((byte)ValueTag.Null);
            return;
        }
        b.Byte((byte)ValueTag.Task);
        if (value.IsCanceled)
        {
            b.Byte(WasCanceled);
        }
        else if (value.IsFaulted)
        {
            b.Byte(HasFaulted);
            var inner = value.Exception!.InnerExceptions;
            b.VarUInt((ulong)inner.Count);
            foreach (var exception in inner)
            {
                writer.WriteValue(exception);
            }
        }
        else
        {
            b.Byte(RanToCompletion);
            WriteResult(writer, value);
        }
    }

    public override TTask Read(SnapshotReader reader, ValueTag tag)
    {
        reader.Expect(tag, ValueTag.Task, typeof(TTask));
        switch (reader.Input.Byte())
        {
            case RanToCompletion:
                return ReadResult(reader);
            case HasFaulted:
                var count = reader.Input.Count("a task's exceptions");
                if (count == 0)
                {
                    throw reader.Error("a faulted task without an exception");
                }
                var exceptions = new List<Exception>(count);
                for (var i = 0; i < count; i++)
                {
                    exceptions.Add(reader.ReadValue<Exception>() ?? throw reader.Error("a faulted task's exception is null"));
                }
                return Faulted(exceptions);
            case WasCanceled:
                return CanceledTask();
            default:
                throw reader.Error("a task's outcome is not ran to completion, faulted or canceled");
        }
    }

    protected abstract void WriteResult(SnapshotWriter writer, TTask task);

    protected abstract TTask ReadResult(SnapshotReader reader);

    protected abstract TTask Faulted(List<Exception> exceptions);

    protected abstract TTask CanceledTask();

    private static string Describe(Task task) => $"{task.GetType().Name} #{task.Id}, {task.Status}";
}

internal sealed class TaskCodec : TaskCodecBase<Task>
{
    protected override void WriteResult(SnapshotWriter writer, Task task)
    {
    }

    protected override Task ReadResult(SnapshotReader reader) => Task.CompletedTask;

    protected override Task Faulted(List<Exception> exceptions)
    {
        var source = new TaskCompletionSource();
        source.SetException(exceptions);
        return source.Task;
    }

    protected override Task CanceledTask() => Task.FromCanceled(new CancellationToken(canceled: true));
}

internal sealed class TaskCodec<TResult> : TaskCodecBase<Task<TResult>>
{
    protected override void WriteResult(SnapshotWriter writer, Task<TResult> task) => writer.WriteValue(task.Result);

    protected override Task<TResult> ReadResult(SnapshotReader reader) => Task.FromResult(reader.ReadValue<TResult>());

    protected override Task<TResult> Faulted(List<Exception> exceptions)
    {
        var source = new TaskCompletionSource<TResult>();
        source.SetException(exceptions);
        return source.Task;
    }

    protected override Task<TResult> CanceledTask() => Task.FromCanceled<TResult>(new CancellationToken(canceled: true));
}

/// <summary>
/// A <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/> in a field: only its default value
/// (no task) can be saved. Its result may be read once only (a pooled source), and the coroutine
/// that awaits it reads it: saving refuses one that is set, naming the field.
/// </summary>
internal sealed class ValueTaskCodec<TValueTask> : ValueCodec<TValueTask> where TValueTask : struct
{
    public override void Write(SnapshotWriter writer, TValueTask value)
    {
        if (!EqualityComparer<TValueTask>.Default.Equals(value, default))
        {
            writer.Refuse($"a {typeof(TValueTask).Name} cannot be saved (its result can be read only once, by the coroutine that awaits it): save when no coroutine waits on it or has been woken by it and not yet run, or await a Task instead");
            writer.Buffer.Byte((byte)ValueTag.Null);
            return;
        }
        writer.Buffer.Byte((byte)ValueTag.Default);
    }

    public override TValueTask Read(SnapshotReader reader, ValueTag tag)
    {
        reader.Expect(tag, ValueTag.Default, typeof(TValueTask));
        return default;
    }
}
