using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Coroutines.Snapshots;

/// <summary>The one serializer a snapshot uses for values of user types.</summary>
public interface ISnapshotSerializer
{
    /// <summary>The bytes of <paramref name="value"/>, serialized as its declared type <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException">The serializer does not know <typeparamref name="T"/>.</exception>
    byte[] Serialize<T>(T value);

    /// <summary>The value <see cref="Serialize{T}"/> wrote.</summary>
    T Deserialize<T>(ReadOnlySpan<byte> bytes);
}

/// <summary>
/// The default serializer: System.Text.Json, with the type information of the user's
/// source-generated context only (no reflection-based fallback: a type the context does not
/// list is refused, which keeps what restore can instantiate to what the user chose).
/// </summary>
public sealed class JsonSnapshotSerializer : ISnapshotSerializer
{
    private readonly JsonSerializerOptions? _options;

    /// <summary>Uses <paramref name="options"/> (their <c>TypeInfoResolver</c>, a source-generated context).</summary>
    public JsonSnapshotSerializer(JsonSerializerOptions? options) => _options = options;

    /// <inheritdoc/>
    public byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());

    /// <inheritdoc/>
    public T Deserialize<T>(ReadOnlySpan<byte> bytes) => JsonSerializer.Deserialize(bytes, TypeInfo<T>())!;

    private JsonTypeInfo<T> TypeInfo<T>()
    {
        if (_options?.TypeInfoResolver?.GetTypeInfo(typeof(T), _options) is JsonTypeInfo<T> info)
        {
            return info;
        }
        throw new NotSupportedException(
            $"Type '{typeof(T)}' is not in the snapshot's JSON context: add [JsonSerializable(typeof({typeof(T).Name}))] to your JsonSerializerContext and pass it with SnapshotOptions.UseJson(...), or register the object as a permanent.");
    }
}
