using System.ComponentModel;

namespace Coroutines.Snapshots;

/// <summary>
/// Implemented by the state machine of a <c>[Coroutine(Saveable = true)]</c> method: the
/// generated code that writes and reads its state number and fields.
/// </summary>
/// <remarks>Implemented by the generator, not by hand; hidden from IntelliSense.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISaveableCoroutine
{
    /// <summary>Writes the state number, then every field, in the manifest's order.</summary>
    /// <remarks>For generated code.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    void SaveFrame(SnapshotWriter writer);

    /// <summary>Reads what <see cref="SaveFrame"/> wrote (or a migrated frame, by field name).</summary>
    /// <remarks>For generated code.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    void LoadFrame(SnapshotReader reader);
}
