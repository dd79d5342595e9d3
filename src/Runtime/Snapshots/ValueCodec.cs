using System;
using System.Collections.Generic;

namespace Coroutines.Snapshots;

/// <summary>
/// How a snapshot writes and reads the generic containers it knows (arrays, <c>List&lt;T&gt;</c>,
/// <c>Dictionary&lt;K,V&gt;</c>, <c>Nullable&lt;T&gt;</c>, <see cref="Rebuilt{T}"/>). Made once per
/// field type from the running code's declared types (never from a name read from a snapshot).
/// </summary>
internal abstract class ValueCodec<T>
{
    public static readonly ValueCodec<T>? Instance = Create();

    public abstract void Write(SnapshotWriter writer, T value);

    public abstract T Read(SnapshotReader reader, ValueTag tag);

    /// <summary>Makes a value of a migrated frame (read without its type: lists as <c>List&lt;object?&gt;</c>) into a <typeparamref name="T"/>.</summary>
    public virtual bool TryFromUntyped(SnapshotReader reader, object value, out T result)
    {
        result = default!;
        return false;
    }

    private static ValueCodec<T>? Create()
    {
        var type = typeof(T);
        if (SynchronizationCodecs.For(type) is { } synchronization)
        {
            return (ValueCodec<T>)synchronization;
        }
        if (typeof(SelectCase).IsAssignableFrom(type))
        {
            return new SelectCaseCodec<T>();
        }
        if (type == typeof(System.Threading.Tasks.Task))
        {
            return (ValueCodec<T>)(object)new TaskCodec();
        }
        if (type == typeof(System.Threading.Tasks.ValueTask))
        {
            return new ValueTaskCodec<System.Threading.Tasks.ValueTask>() as ValueCodec<T>;
        }
        Type? codec = null;
        if (type.IsSZArray)
        {
            codec = typeof(ArrayCodec<>).MakeGenericType(type.GetElementType()!);
        }
        else if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            if (definition == typeof(List<>))
            {
                codec = typeof(ListCodec<>).MakeGenericType(arguments);
            }
            else if (definition == typeof(Dictionary<,>))
            {
                codec = typeof(DictionaryCodec<,>).MakeGenericType(arguments);
            }
            else if (definition == typeof(Nullable<>))
            {
                codec = typeof(NullableCodec<>).MakeGenericType(arguments);
            }
            else if (definition == typeof(Channel<>))
            {
                codec = typeof(ChannelCodec<>).MakeGenericType(arguments);
            }
            else if (definition == typeof(System.Threading.Tasks.Task<>))
            {
                codec = typeof(TaskCodec<>).MakeGenericType(arguments);
            }
            else if (definition == typeof(System.Threading.Tasks.ValueTask<>))
            {
                codec = typeof(ValueTaskCodec<>).MakeGenericType(type);
            }
            else if (definition == typeof(Rebuilt<>))
            {
                codec = typeof(RebuiltCodec<>).MakeGenericType(arguments);
            }
        }
        return codec is null ? null : (ValueCodec<T>)Activator.CreateInstance(codec)!;
    }
}

internal sealed class ArrayCodec<TElement> : ValueCodec<TElement[]>
{
    public override void Write(SnapshotWriter writer, TElement[] value)
    {
        writer.Remember(value);
        writer.Buffer.Byte((byte)ValueTag.Array);
        writer.Buffer.VarUInt((ulong)value.Length);
        foreach (var element in value)
        {
            writer.WriteValue(element);
        }
    }

    public override TElement[] Read(SnapshotReader reader, ValueTag tag)
    {
        reader.Expect(tag, ValueTag.Array, typeof(TElement[]));
        var array = new TElement[reader.Input.Count("an array")];
        reader.Remember(array);
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = reader.ReadValue<TElement>();
        }
        return array;
    }

    public override bool TryFromUntyped(SnapshotReader reader, object value, out TElement[] result)
    {
        result = null!;
        if (value is not List<object?> untyped)
        {
            return false;
        }
        result = new TElement[untyped.Count];
        reader.Converted(value, result);
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = reader.FromUntyped<TElement>(untyped[i]);
        }
        return true;
    }
}

internal sealed class ListCodec<TElement> : ValueCodec<List<TElement>>
{
    public override void Write(SnapshotWriter writer, List<TElement> value)
    {
        writer.Remember(value);
        writer.Buffer.Byte((byte)ValueTag.List);
        writer.Buffer.VarUInt((ulong)value.Count);
        foreach (var element in value)
        {
            writer.WriteValue(element);
        }
    }

    public override List<TElement> Read(SnapshotReader reader, ValueTag tag)
    {
        reader.Expect(tag, ValueTag.List, typeof(List<TElement>));
        var count = reader.Input.Count("a list");
        var list = new List<TElement>(count);
        reader.Remember(list);
        for (var i = 0; i < count; i++)
        {
            list.Add(reader.ReadValue<TElement>());
        }
        return list;
    }

    public override bool TryFromUntyped(SnapshotReader reader, object value, out List<TElement> result)
    {
        result = null!;
        if (value is not List<object?> untyped)
        {
            return false;
        }
        result = new List<TElement>(untyped.Count);
        reader.Converted(value, result);
        foreach (var element in untyped)
        {
            result.Add(reader.FromUntyped<TElement>(element));
        }
        return true;
    }
}

internal sealed class DictionaryCodec<TKey, TValue> : ValueCodec<Dictionary<TKey, TValue>>
    where TKey : notnull
{
    public override void Write(SnapshotWriter writer, Dictionary<TKey, TValue> value)
    {
        if (value.Comparer != EqualityComparer<TKey>.Default && !(typeof(TKey) == typeof(string) && value.Comparer == StringComparer.Ordinal))
        {
            writer.Refuse("a dictionary with a custom key comparer cannot be saved (it would come back with the default one)");
        }
        writer.Remember(value);
        writer.Buffer.Byte((byte)ValueTag.Dictionary);
        writer.Buffer.VarUInt((ulong)value.Count);
        foreach (var (key, item) in value)
        {
            writer.WriteValue(key);
            writer.WriteValue(item);
        }
    }

    public override Dictionary<TKey, TValue> Read(SnapshotReader reader, ValueTag tag)
    {
        reader.Expect(tag, ValueTag.Dictionary, typeof(Dictionary<TKey, TValue>));
        var count = reader.Input.Count("a dictionary", 2);
        var dictionary = new Dictionary<TKey, TValue>(count);
        reader.Remember(dictionary);
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadValue<TKey>() ?? throw reader.Input.Error("a dictionary key is null");
            if (!dictionary.TryAdd(key, reader.ReadValue<TValue>()))
            {
                throw reader.Input.Error("a dictionary holds the same key twice");
            }
        }
        return dictionary;
    }

    public override bool TryFromUntyped(SnapshotReader reader, object value, out Dictionary<TKey, TValue> result)
    {
        result = null!;
        if (value is not List<KeyValuePair<object?, object?>> untyped)
        {
            return false;
        }
        result = new Dictionary<TKey, TValue>(untyped.Count);
        reader.Converted(value, result);
        foreach (var (key, item) in untyped)
        {
            result[reader.FromUntyped<TKey>(key)] = reader.FromUntyped<TValue>(item);
        }
        return true;
    }
}

internal sealed class NullableCodec<TValue> : ValueCodec<TValue?>
    where TValue : struct
{
    public override void Write(SnapshotWriter writer, TValue? value)
    {
        if (value is { } present)
        {
            writer.WriteValue(present);
        }
        else
        {
            writer.Buffer.Byte((byte)ValueTag.Null);
        }
    }

    public override TValue? Read(SnapshotReader reader, ValueTag tag) =>
        tag == ValueTag.Null ? null : reader.ReadValue<TValue>(tag);

    public override bool TryFromUntyped(SnapshotReader reader, object value, out TValue? result)
    {
        result = reader.FromUntyped<TValue>(value);
        return true;
    }
}

internal sealed class RebuiltCodec<TValue> : ValueCodec<Rebuilt<TValue>>
{
    public override void Write(SnapshotWriter writer, Rebuilt<TValue> value)
    {
        if (value.Name is null)
        {
            writer.Buffer.Byte((byte)ValueTag.Null);
            return;
        }
        writer.Buffer.Byte((byte)ValueTag.Rebuilt);
        writer.Buffer.String(value.Name);
    }

    public override Rebuilt<TValue> Read(SnapshotReader reader, ValueTag tag)
    {
        if (tag == ValueTag.Null)
        {
            return default;
        }
        reader.Expect(tag, ValueTag.Rebuilt, typeof(Rebuilt<TValue>));
        var name = reader.Input.String();
        return new Rebuilt<TValue>(name, reader.Rebuild<TValue>(name));
    }

    public override bool TryFromUntyped(SnapshotReader reader, object value, out Rebuilt<TValue> result)
    {
        result = default;
        if (value is not SavedFrame.RebuiltName rebuilt)
        {
            return false;
        }
        result = new Rebuilt<TValue>(rebuilt.Name, reader.Rebuild<TValue>(rebuilt.Name));
        return true;
    }
}
