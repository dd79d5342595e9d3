using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;

namespace Coroutines.Snapshots;

/// <summary>
/// Reads the fields of saveable state machines from a snapshot; the generated
/// <see cref="ISaveableCoroutine.LoadFrame"/> calls it. Each value is read as the running code's
/// declared type: the snapshot's bytes never choose a type.
/// </summary>
public sealed partial class SnapshotReader
{
    private readonly SnapshotOptions _options;
    private readonly List<object?> _references = new();
    private Dictionary<object, object>? _converted; // a migrated frame's untyped list, and the typed one made of it
    private readonly Coroutine[] _coroutines;
    private SavedFrame? _frame;
    private string _field = "";

    internal SnapshotReader(ByteReader input, SnapshotOptions options, Coroutine[] coroutines)
    {
        Input = input;
        _options = options;
        _coroutines = coroutines;
    }

    internal ByteReader Input { get; }

    /// <summary>Says whose fields are read now, for error messages.</summary>
    internal string Owner { get; set; } = "";

    /// <summary>Reads the state number (generated code).</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public int ReadState()
    {
        if (_frame is not null)
        {
            return _frame.State;
        }
        var state = Input.VarInt();
        if (state is < 0 or > 1_000_000)
        {
            throw Error($"state {state} is not a suspension point");
        }
        return (int)state;
    }

    /// <summary>Reads one field (generated code): as written, or by name from a migrated frame.</summary>
    /// <remarks>For generated code; hidden from IntelliSense.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public T Read<T>(string field)
    {
        _field = field;
        if (_frame is not null)
        {
            if (!_frame.TryTake(field, out var value))
            {
                throw new SnapshotVersionException(
                    $"The migration of {_frame.MethodId} left field '{field}' without a value: set it with frame.Set(\"{field}\", ...).");
            }
            return FromUntyped<T>(value);
        }
        return ReadValue<T>();
    }

    internal SnapshotFormatException Error(string what) =>
        Input.Error(_field.Length > 0 ? $"{Owner}, field '{_field}': {what}" : $"{Owner}: {what}");

    /// <summary>Reads a frame through a migration: its saved fields by name, changed by the user's code.</summary>
    internal void UseFrame(SavedFrame? frame) => _frame = frame;

    internal T ReadValue<T>() => ReadValue<T>((ValueTag)Input.Byte());

    internal T ReadValue<T>(ValueTag tag)
    {
        if (typeof(T) == typeof(int)) { return (T)(object)checked((int)Signed(tag, int.MinValue, int.MaxValue)); }
        if (typeof(T) == typeof(long)) { return (T)(object)Signed(tag, long.MinValue, long.MaxValue); }
        if (typeof(T) == typeof(bool))
        {
            return tag switch
            {
                ValueTag.True => (T)(object)true,
                ValueTag.False => (T)(object)false,
                _ => throw Unexpected(tag, typeof(T)),
            };
        }
        if (typeof(T) == typeof(double)) { Expect(tag, ValueTag.Double, typeof(T)); return (T)(object)Input.Double(); }
        if (typeof(T) == typeof(float)) { Expect(tag, ValueTag.Single, typeof(T)); return (T)(object)Input.Single(); }
        if (typeof(T) == typeof(short)) { return (T)(object)(short)Signed(tag, short.MinValue, short.MaxValue); }
        if (typeof(T) == typeof(sbyte)) { return (T)(object)(sbyte)Signed(tag, sbyte.MinValue, sbyte.MaxValue); }
        if (typeof(T) == typeof(byte)) { return (T)(object)(byte)Unsigned(tag, byte.MaxValue); }
        if (typeof(T) == typeof(ushort)) { return (T)(object)(ushort)Unsigned(tag, ushort.MaxValue); }
        if (typeof(T) == typeof(uint)) { return (T)(object)(uint)Unsigned(tag, uint.MaxValue); }
        if (typeof(T) == typeof(ulong)) { return (T)(object)Unsigned(tag, ulong.MaxValue); }
        if (typeof(T) == typeof(char)) { return (T)(object)(char)Unsigned(tag, char.MaxValue); }
        if (typeof(T) == typeof(TimeSpan)) { return (T)(object)TimeSpan.FromTicks(Signed(tag, long.MinValue, long.MaxValue)); }
        if (typeof(T) == typeof(decimal))
        {
            Expect(tag, ValueTag.Decimal, typeof(T));
            Span<int> bits = stackalloc int[4];
            for (var i = 0; i < 4; i++)
            {
                bits[i] = checked((int)Signed(ValueTag.Int, int.MinValue, int.MaxValue));
            }
            try
            {
                return (T)(object)new decimal(bits);
            }
            catch (ArgumentException)
            {
                throw Error("a decimal's bits are invalid");
            }
        }
        if (typeof(T) == typeof(DateTime))
        {
            Expect(tag, ValueTag.DateTime, typeof(T));
            var ticks = Input.VarInt();
            var kind = Input.Byte();
            if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks || kind > 2)
            {
                throw Error("a DateTime is out of range");
            }
            return (T)(object)new DateTime(ticks, (DateTimeKind)kind);
        }
        if (typeof(T) == typeof(Guid))
        {
            Expect(tag, ValueTag.Guid, typeof(T));
            return (T)(object)new Guid(Input.Raw(16));
        }
        if (typeof(T).IsEnum)
        {
            Expect(tag, ValueTag.UInt, typeof(T));
            return EnumBits.From<T>(Input.VarUInt());
        }
        if (ValueCodec<T>.Instance is { } codec && tag is not ValueTag.Reference and not ValueTag.Permanent)
        {
            if (tag == ValueTag.Null && !typeof(T).IsValueType)
            {
                return default!;
            }
            return codec.Read(this, tag);
        }
        switch (tag)
        {
            case ValueTag.Default when typeof(T).IsValueType:
                return default!;
            case ValueTag.Null:
                if (typeof(T).IsValueType && Nullable.GetUnderlyingType(typeof(T)) is null)
                {
                    throw Unexpected(tag, typeof(T));
                }
                return default!;
            case ValueTag.String:
                return As<T>(Input.String());
            case ValueTag.Reference:
                var index = Input.Index("reference", _references.Count);
                var target = _references[index] ?? throw Error($"reference {index} points to an object still being read (a cycle where none may be)");
                return As<T>(_converted is not null && _converted.TryGetValue(target, out var typed) ? typed : target);
            case ValueTag.Permanent:
                var name = Input.String();
                return As<T>(_options.Permanents.TryGetValue(name, out var permanent)
                    ? permanent
                    : throw new SnapshotFormatException($"The snapshot refers to the outside object '{name}' ({Owner}, field '{_field}'): register it before restoring, with options.Permanents.Add(\"{name}\", ...)."));
            case ValueTag.Coroutine:
                return As<T>(_coroutines[Input.Index("coroutine", _coroutines.Length)]);
            case ValueTag.Exception:
                if (!typeof(T).IsAssignableFrom(typeof(Exception)) && !typeof(Exception).IsAssignableFrom(typeof(T)))
                {
                    throw Unexpected(tag, typeof(T));
                }
                return As<T>(ReadException());
            case ValueTag.Serialized:
                if (typeof(T) == typeof(object) || typeof(T).IsInterface || typeof(T).IsAbstract)
                {
                    throw Unexpected(tag, typeof(T));
                }
                var bytes = Input.Bytes();
                T value;
                try
                {
                    value = _options.EffectiveSerializer.Deserialize<T>(bytes);
                }
                catch (Exception e) when (e is not SnapshotException)
                {
                    throw new SnapshotFormatException($"Not a valid snapshot: {Owner}, field '{_field}': the serializer could not read a {typeof(T).Name}: {e.Message}", e);
                }
                if (!typeof(T).IsValueType)
                {
                    Remember(value);
                }
                return value;
            default:
                throw Unexpected(tag, typeof(T));
        }
    }

    private T As<T>(object value) => value is T typed ? typed : throw Error($"a {value.GetType().Name} where a {typeof(T).Name} belongs");

    private long Signed(ValueTag tag, long min, long max)
    {
        Expect(tag, ValueTag.Int, typeof(long));
        var value = Input.VarInt();
        return value < min || value > max ? throw Error($"{value} is out of range") : value;
    }

    private ulong Unsigned(ValueTag tag, ulong max)
    {
        Expect(tag, ValueTag.UInt, typeof(ulong));
        var value = Input.VarUInt();
        return value > max ? throw Error($"{value} is out of range") : value;
    }

    internal void Expect(ValueTag tag, ValueTag expected, Type type)
    {
        if (tag != expected)
        {
            throw Unexpected(tag, type);
        }
    }

    private SnapshotFormatException Unexpected(ValueTag tag, Type type) =>
        Error(Enum.IsDefined(tag) ? $"a value tagged {tag} where a {type.Name} belongs" : $"unknown value tag {(byte)tag}");

    internal void Remember(object? value) => _references.Add(value);

    private Exception ReadException()
    {
        var slot = _references.Count;
        _references.Add(null); // a reference to it while its inner exception is read is a cycle
        var type = Input.String();
        var message = Input.String();
        var state = ReadValue<string?>();
        var inner = ReadValue<Exception?>();
        var exception = MakeException(type, message, state, inner);
        _references[slot] = exception;
        return exception;
    }

    private Exception MakeException(string type, string message, string? state, Exception? inner)
    {
        if (_options.Exceptions.TryGetValue(type, out var factory))
        {
            return factory(message, state, inner);
        }
        return type switch
        {
            "System.Exception" => new Exception(message, inner),
            "System.InvalidOperationException" => new InvalidOperationException(message, inner),
            "System.ArgumentException" => new ArgumentException(message, inner),
            "System.NotSupportedException" => new NotSupportedException(message, inner),
            "System.NotImplementedException" => new NotImplementedException(message, inner),
            "System.TimeoutException" => new TimeoutException(message, inner),
            "System.OperationCanceledException" => new OperationCanceledException(message, inner),
            "System.DivideByZeroException" => new DivideByZeroException(message, inner),
            "System.IndexOutOfRangeException" => new IndexOutOfRangeException(message, inner),
            "System.FormatException" => new FormatException(message, inner),
            "System.OverflowException" => new OverflowException(message, inner),
            "System.Collections.Generic.KeyNotFoundException" => new KeyNotFoundException(message, inner),
            _ => new RestoredException(type, message, inner),
        };
    }

    internal TValue Rebuild<TValue>(string name)
    {
        if (!_options.Rebuilders.TryGetValue(name, out var factory))
        {
            throw new SnapshotFormatException($"The snapshot holds the rebuilt value '{name}' ({Owner}, field '{_field}'): register its factory before restoring, with options.Rebuilders.Add(\"{name}\", () => ...).");
        }
        var value = factory();
        return value is TValue typed ? typed : throw new SnapshotFormatException($"The factory of rebuilt value '{name}' made a {value?.GetType().Name ?? "null"}, not a {typeof(TValue).Name}.");
    }

    /// <summary>Reads any value without knowing its type: for a migration's frame.</summary>
    internal object? ReadUntyped()
    {
        var tag = (ValueTag)Input.Byte();
        switch (tag)
        {
            case ValueTag.Null: return null;
            case ValueTag.Default: return SavedFrame.DefaultValue.Instance;
            case ValueTag.False: return false;
            case ValueTag.True: return true;
            case ValueTag.Int: return Input.VarInt();
            case ValueTag.UInt: return Input.VarUInt();
            case ValueTag.Single: return Input.Single();
            case ValueTag.Double: return Input.Double();
            case ValueTag.Decimal: return ReadValue<decimal>(tag);
            case ValueTag.DateTime: return ReadValue<DateTime>(tag);
            case ValueTag.Guid: return ReadValue<Guid>(tag);
            case ValueTag.Array:
            case ValueTag.List:
                var count = Input.Count("a list");
                var list = new List<object?>(count);
                Remember(list);
                for (var i = 0; i < count; i++)
                {
                    list.Add(ReadUntyped());
                }
                return list;
            case ValueTag.Dictionary:
                var pairs = Input.Count("a dictionary", 2);
                var map = new List<KeyValuePair<object?, object?>>(pairs);
                Remember(map);
                for (var i = 0; i < pairs; i++)
                {
                    map.Add(new(ReadUntyped(), ReadUntyped()));
                }
                return map;
            case ValueTag.Rebuilt:
                return new SavedFrame.RebuiltName(Input.String());
            case ValueTag.Channel or ValueTag.Lock or ValueTag.Semaphore or ValueTag.Event or ValueTag.Releaser or ValueTag.SelectCase or ValueTag.Task:
                throw Error($"a {tag} in a frame that a migration changes cannot be read yet: save with the old code once no coroutine of this method holds one, or keep the method's structure");
            case ValueTag.Serialized:
                var bytes = new SavedFrame.SerializedBytes(Input.Bytes().ToArray());
                Remember(bytes);
                return bytes;
            default:
                return ReadValue<object>(tag);
        }
    }

    internal void Converted(object untyped, object typed) => (_converted ??= new(ReferenceEqualityComparer.Instance))[untyped] = typed;

    /// <summary>A value of a migrated frame as the field's declared type.</summary>
    internal T FromUntyped<T>(object? value)
    {
        switch (value)
        {
            case T typed:
                return typed;
            case null when !typeof(T).IsValueType || Nullable.GetUnderlyingType(typeof(T)) is not null:
                return default!;
            case SavedFrame.DefaultValue when typeof(T).IsValueType:
                return default!;
            case SavedFrame.SerializedBytes bytes:
                return _options.EffectiveSerializer.Deserialize<T>(bytes.Bytes);
            case { } when _converted is not null && _converted.TryGetValue(value, out var converted) && converted is T typedBefore:
                return typedBefore; // one untyped list shared by two fields stays one list
            case { } when ValueCodec<T>.Instance is { } codec && codec.TryFromUntyped(this, value, out var made):
                return made;
            case long or ulong when typeof(T).IsEnum:
                return EnumBits.From<T>(Convert.ToUInt64(value is long l ? unchecked((ulong)l) : value, CultureInfo.InvariantCulture));
            case long or ulong or float or double or decimal when typeof(T).IsPrimitive || typeof(T) == typeof(decimal):
                try
                {
                    return (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
                }
                catch (OverflowException)
                {
                    break;
                }
            case long ticks when typeof(T) == typeof(TimeSpan):
                return (T)(object)TimeSpan.FromTicks(ticks);
        }
        throw new SnapshotVersionException(
            $"The migrated frame of {_frame?.MethodId} gives field '{_field}' a {value?.GetType().Name ?? "null"}, which cannot become its type {typeof(T).Name}: set it with frame.Set(\"{_field}\", ...).");
    }
}
