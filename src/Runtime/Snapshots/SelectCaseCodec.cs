using System;
using System.Reflection;

namespace Coroutines.Snapshots;

/// <summary>
/// A case of <c>Yield.Select</c> in a field: written once (later occurrences, such as the select's
/// own list of cases, are references) with its kind and state. A receive or send case is read
/// with the item type of the field that holds it: one held only as a <see cref="SelectCase"/>
/// cannot be, so Save refuses it by name.
/// </summary>
internal sealed class SelectCaseCodec<T> : ValueCodec<T>
{
    // ReceiveCase<X>.ReadSnapshot or SendCase<X>.ReadSnapshot for a field of that type (the running code's type, never a name read from the snapshot).
    private static readonly Func<SnapshotReader, SelectCase>? ChannelCaseReader = MakeChannelCaseReader();

    public override void Write(SnapshotWriter writer, T value)
    {
        var selectCase = (SelectCase)(object)value!;
        if (selectCase.SnapshotKind <= 1 && ChannelCaseReader is null)
        {
            writer.Refuse($"a Yield.Select case ({selectCase}) held as a {typeof(T).Name}: keep it in a local of its own type (ReceiveCase<T> or SendCase<T>) to save it");
            writer.Buffer.Byte((byte)ValueTag.Null);
            return;
        }
        writer.Remember(selectCase);
        writer.Buffer.Byte((byte)ValueTag.SelectCase);
        writer.Buffer.Byte(selectCase.SnapshotKind);
        selectCase.WriteSnapshot(writer);
    }

    public override T Read(SnapshotReader reader, ValueTag tag)
    {
        reader.Expect(tag, ValueTag.SelectCase, typeof(T));
        var kind = reader.Input.Byte();
        SelectCase selectCase = kind switch
        {
            0 or 1 when ChannelCaseReader is not null && kind == (typeof(T).GetGenericTypeDefinition() == typeof(ReceiveCase<>) ? 0 : 1) => ChannelCaseReader(reader),
            2 => TimeoutCase.ReadSnapshot(reader),
            3 => EndCase.ReadSnapshot(reader),
            _ => throw reader.Error($"a select case of kind {kind} cannot be read as a {typeof(T).Name}"),
        };
        return selectCase is T typed ? typed : throw reader.Error($"a {selectCase.GetType().Name} is not a {typeof(T).Name}");
    }

    private static Func<SnapshotReader, SelectCase>? MakeChannelCaseReader()
    {
        if (!typeof(T).IsGenericType)
        {
            return null;
        }
        var definition = typeof(T).GetGenericTypeDefinition();
        if (definition != typeof(ReceiveCase<>) && definition != typeof(SendCase<>))
        {
            return null;
        }
        var read = typeof(T).GetMethod("ReadSnapshot", BindingFlags.NonPublic | BindingFlags.Static)!;
        return read.CreateDelegate<Func<SnapshotReader, SelectCase>>();
    }
}
