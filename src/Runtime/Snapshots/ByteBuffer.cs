using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Coroutines.Snapshots;

/// <summary>
/// A growable byte buffer with the snapshot format's primitive encodings (LEB128 varints,
/// little-endian). Its array is rented from the shared pool and given back by <see cref="Dispose"/>
/// (cleared): a save of a large scheduler writes megabytes, and fresh arrays of that size each time
/// cost a gen2 collection.
/// </summary>
internal sealed class ByteBuffer : IDisposable
{
    private byte[] _bytes;
    private int _length;

    public ByteBuffer(int capacity = 256) => _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(16, capacity));

    public int Length => _length;

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, _length);

    public void Dispose()
    {
        var bytes = _bytes;
        _bytes = [];
        _length = 0;
        if (bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(bytes, clearArray: true); // the pool must not hand out saved user data
        }
    }

    private Span<byte> Take(int count)
    {
        if (_length + count > _bytes.Length)
        {
            Grow(count);
        }
        var span = _bytes.AsSpan(_length, count);
        _length += count;
        return span;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int count)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _length + count));
        Span.CopyTo(bigger);
        var old = _bytes;
        _bytes = bigger;
        if (old.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(old, clearArray: true);
        }
    }

    public void Byte(byte value)
    {
        var length = _length;
        if ((uint)length >= (uint)_bytes.Length)
        {
            Grow(1);
        }
        _bytes[length] = value;
        _length = length + 1;
    }

    public void VarUInt(ulong value)
    {
        if (_length + 10 > _bytes.Length)
        {
            Grow(10); // the longest varint: the loop below needs no check per byte
        }
        var bytes = _bytes;
        var length = _length;
        while (value >= 0x80)
        {
            bytes[length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        bytes[length++] = (byte)value;
        _length = length;
    }

    public void VarInt(long value) => VarUInt((ulong)((value << 1) ^ (value >> 63)));

    public void UInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Take(8), value);

    public void Double(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Take(8), value);

    public void Single(float value) => BinaryPrimitives.WriteSingleLittleEndian(Take(4), value);

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        VarUInt((ulong)bytes.Length);
        bytes.CopyTo(Take(bytes.Length));
    }

    public void Raw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

    public void String(string value)
    {
        // Short strings (names, tags, most values): their UTF-8 length fits the one-byte count, so
        // they are encoded once, straight after it, without counting them first.
        if (value.Length <= MaxOneByteChars)
        {
            if (_length + 1 + 3 * MaxOneByteChars > _bytes.Length)
            {
                Grow(1 + 3 * MaxOneByteChars);
            }
            var written = Encoding.UTF8.GetBytes(value, _bytes.AsSpan(_length + 1));
            _bytes[_length] = (byte)written;
            _length += 1 + written;
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        VarUInt((ulong)count);
        Encoding.UTF8.GetBytes(value, Take(count));
    }

    // At most 3 UTF-8 bytes per UTF-16 char (a surrogate pair is 4 bytes for 2 chars): 42 chars
    // make at most 126 bytes, under the 128 of a one-byte varint.
    private const int MaxOneByteChars = 42;
}

/// <summary>
/// Reads what <see cref="ByteBuffer"/> wrote, from input that may be hostile: every read checks
/// the bytes left, every length is checked against them before anything is allocated, and every
/// problem is a <see cref="SnapshotFormatException"/> saying where.
/// </summary>
internal sealed class ByteReader
{
    private readonly byte[] _bytes;
    private int _position;

    public ByteReader(byte[] bytes) => _bytes = bytes;

    public int Position => _position;

    public int Remaining => _bytes.Length - _position;

    public bool AtEnd => _position == _bytes.Length;

    public SnapshotFormatException Error(string what) =>
        new($"Not a valid snapshot: {what} (at byte {_position} of {_bytes.Length}).");

    public byte Byte()
    {
        if (_position >= _bytes.Length)
        {
            throw Error("the input ends too early");
        }
        return _bytes[_position++];
    }

    public ulong VarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            if (shift == 63 && b > 1)
            {
                throw Error("a number is too large");
            }
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw Error("a number is too long");
    }

    public long VarInt()
    {
        var raw = VarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A count of items that each take at least <paramref name="minBytesEach"/> bytes: never more than the input can hold.</summary>
    public int Count(string what, int minBytesEach = 1)
    {
        var count = VarUInt();
        if (count > (ulong)(Remaining / Math.Max(1, minBytesEach)))
        {
            throw Error($"{what} claims {count} entries, more than the {Remaining} bytes left can hold");
        }
        return (int)count;
    }

    public int Index(string what, int limit)
    {
        var index = VarUInt();
        if (index >= (ulong)limit)
        {
            throw Error($"{what} {index} is out of range (there are {limit})");
        }
        return (int)index;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw Error("the input ends too early");
        }
        var span = _bytes.AsSpan(_position, count);
        _position += count;
        return span;
    }

    public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public float Single() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public ReadOnlySpan<byte> Bytes() => Take(Count("a byte string"));

    public ReadOnlySpan<byte> Raw(int count) => Take(count);

    public string String()
    {
        var bytes = Take(Count("a string"));
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (ArgumentException)
        {
            throw Error("a string is not valid UTF-8");
        }
    }
}
