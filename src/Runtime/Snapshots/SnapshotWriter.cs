using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Coroutines.Snapshots;

/// <summary>
/// Writes the fields of saveable state machines into a snapshot; the generated
/// <see cref="ISaveableCoroutine.SaveFrame"/> calls it. Keeps object identity (a reference table)
/// and writes outside objects by name (<see cref="SnapshotOptions.Permanents"/>).
/// </summary>
public sealed partial class SnapshotWriter
{
    private readonly SnapshotOptions _options;
    private readonly Func<Coroutine, int> _coroutineIndex;
    private readonly Dictionary<object, int> _references = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, string> _permanents = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> _problems;
    private string _field = "";

    internal SnapshotWriter(SnapshotOptions options, Func<Coroutine, int> coroutineIndex, List<string> problems, int bodyCapacity)
    {
        Buffer = new ByteBuffer(bodyCapacity);
        _options = options;
        _coroutineIndex = coroutineIndex;
        _problems = problems;
        foreach (var (name, value) in options.Permanents)
        {
            _permanents.TryAdd(value, name);
        }
    }

    internal ByteBuffer Buffer { get; }

    /// <summary>Whose fields are written now, for the messages of refusals (named only when one is made).</summary>
    internal Coroutine? Owner { get; set; }

    internal static string Describe(Coroutine coroutine) => $"coroutine '{coroutine.Name}' ({coroutine.Status})";

    /// <summary>Writes the state number (generated code).</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteState(int state) => Buffer.VarInt(state);

    /// <summary>Writes one field (generated code): <paramref name="field"/> names it in refusals.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Write<T>(T value, string field)
    {
        _field = field;
        WriteValue(value);
    }

    internal void Refuse(string problem) => _problems.Add($"{(Owner is null ? "the scheduler" : Describe(Owner))}, field '{_field}': {problem}");

    internal void WriteValue<T>(T value)
    {
        if (!typeof(T).IsValueType)
        {
            WriteReference(value);
            return;
        }
        var b = Buffer;
        // The value types the snapshot knows (the JIT compiles this method per value type and drops every test but T's).
        if (typeof(T) == typeof(int)) { b.Byte((byte)ValueTag.Int); b.VarInt((int)(object)value!); return; }
        if (typeof(T) == typeof(long)) { b.Byte((byte)ValueTag.Int); b.VarInt((long)(object)value!); return; }
        if (typeof(T) == typeof(bool)) { b.Byte((byte)((bool)(object)value! ? ValueTag.True : ValueTag.False)); return; }
        if (typeof(T) == typeof(double)) { b.Byte((byte)ValueTag.Double); b.Double((double)(object)value!); return; }
        if (typeof(T) == typeof(float)) { b.Byte((byte)ValueTag.Single); b.Single((float)(object)value!); return; }
        if (typeof(T) == typeof(short)) { b.Byte((byte)ValueTag.Int); b.VarInt((short)(object)value!); return; }
        if (typeof(T) == typeof(sbyte)) { b.Byte((byte)ValueTag.Int); b.VarInt((sbyte)(object)value!); return; }
        if (typeof(T) == typeof(byte)) { b.Byte((byte)ValueTag.UInt); b.VarUInt((byte)(object)value!); return; }
        if (typeof(T) == typeof(ushort)) { b.Byte((byte)ValueTag.UInt); b.VarUInt((ushort)(object)value!); return; }
        if (typeof(T) == typeof(uint)) { b.Byte((byte)ValueTag.UInt); b.VarUInt((uint)(object)value!); return; }
        if (typeof(T) == typeof(ulong)) { b.Byte((byte)ValueTag.UInt); b.VarUInt((ulong)(object)value!); return; }
        if (typeof(T) == typeof(char)) { b.Byte((byte)ValueTag.UInt); b.VarUInt((char)(object)value!); return; }
        if (typeof(T) == typeof(TimeSpan)) { b.Byte((byte)ValueTag.Int); b.VarInt(((TimeSpan)(object)value!).Ticks); return; }
        if (typeof(T) == typeof(decimal))
        {
            b.Byte((byte)ValueTag.Decimal);
            foreach (var part in decimal.GetBits((decimal)(object)value!))
            {
                b.VarInt(part);
            }
            return;
        }
        if (typeof(T) == typeof(DateTime))
        {
            var time = (DateTime)(object)value!;
            b.Byte((byte)ValueTag.DateTime);
            b.VarInt(time.Ticks);
            b.Byte((byte)time.Kind);
            return;
        }
        if (typeof(T) == typeof(Guid))
        {
            b.Byte((byte)ValueTag.Guid);
            Span<byte> bytes = stackalloc byte[16];
            ((Guid)(object)value!).TryWriteBytes(bytes);
            b.Raw(bytes);
            return;
        }
        if (typeof(T).IsEnum)
        {
            b.Byte((byte)ValueTag.UInt);
            b.VarUInt(EnumBits.Get(value));
            return;
        }
        if (ValueCodec<T>.Instance is { } codec)
        {
            codec.Write(this, value);
            return;
        }
        if (EqualityComparer<T>.Default.Equals(value, default!))
        {
            b.Byte((byte)ValueTag.Default); // a generated field not in use (a foreach's enumerator before the loop)
            return;
        }
        Serialize(value);
    }

    // Strings, outside objects, coroutines, objects written before, exceptions, containers and user objects.
    private void WriteReference<T>(T value)
    {
        var b = Buffer;
        switch (value)
        {
            case null:
                b.Byte((byte)ValueTag.Null);
                return;
            case string text:
                b.Byte((byte)ValueTag.String);
                b.String(text);
                return;
            case Coroutine coroutine:
                b.Byte((byte)ValueTag.Coroutine);
                b.VarUInt((ulong)_coroutineIndex(coroutine));
                return;
        }
        if (_permanents.Count > 0 && _permanents.TryGetValue(value, out var name))
        {
            b.Byte((byte)ValueTag.Permanent);
            b.String(name);
            return;
        }
        if (_references.TryGetValue(value, out var index))
        {
            b.Byte((byte)ValueTag.Reference);
            b.VarUInt((ulong)index);
            return;
        }
        if (value is Exception exception)
        {
            Remember(value);
            b.Byte((byte)ValueTag.Exception);
            var type = exception.GetType().FullName ?? exception.GetType().Name;
            b.String(type);
            b.String(exception.Message);
            WriteValue(_options.ExceptionStates.TryGetValue(type, out var state) ? state(exception) : null);
            WriteValue(exception.InnerException);
            return;
        }
        if (ValueCodec<T>.Instance is { } codec)
        {
            codec.Write(this, value);
            return;
        }
        if (value is Delegate or System.Threading.Tasks.Task or System.IO.Stream)
        {
            Refuse($"a {value.GetType().Name} cannot be saved; keep it in a Rebuilt<T> or register it as a permanent");
            b.Byte((byte)ValueTag.Null);
            return;
        }
        Serialize(value);
    }

    // A value of a user type: the configured serializer's bytes, as its declared type.
    private void Serialize<T>(T value)
    {
        byte[] serialized;
        try
        {
            serialized = _options.EffectiveSerializer.Serialize(value);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or System.Text.Json.JsonException)
        {
            Refuse(e.Message);
            Buffer.Byte((byte)ValueTag.Null);
            return;
        }
        if (!typeof(T).IsValueType)
        {
            Remember(value!);
        }
        Buffer.Byte((byte)ValueTag.Serialized);
        Buffer.Bytes(serialized);
    }

    /// <summary>Enters an object in the reference table, before its contents are written (so cycles end in a reference).</summary>
    internal void Remember(object value) => _references.Add(value, _references.Count);

    /// <summary>The name a callback was registered under, or null.</summary>
    internal string? CallbackName(Action callback)
    {
        foreach (var (name, registered) in _options.Callbacks)
        {
            if (registered == callback)
            {
                return name;
            }
        }
        return null;
    }
}
