namespace Kavach.Keys.Storage;

/// <summary>
/// The caller on whose behalf keys are being created in the current asynchronous flow. The key store writes it into
/// <c>key_alias.cr_by</c> (MOSIP's "created by" column; <c>SYSTEM</c> outside a creation), which is what
/// <see cref="IKeyStore.CountBaseKeysCreatedByAsync"/> counts. Ambient because the generator that writes the rows is
/// shared by every creation path, and only this one fact has to travel with it.
/// </summary>
public static class KeyCreator
{
    private static readonly AsyncLocal<string?> Ambient = new();

    /// <summary>The creator of keys made in this flow, or null (the store then writes <c>SYSTEM</c>).</summary>
    public static string? Current => Ambient.Value;

    /// <summary>Sets the creator for the calling flow and its callees; dispose the result to restore the previous one.</summary>
    public static Restore Enter(string? creator)
    {
        var previous = Ambient.Value;
        Ambient.Value = creator;
        return new Restore(previous);
    }

    /// <summary>Restores the creator that was current before <see cref="Enter"/>.</summary>
    public readonly struct Restore(string? previous) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => Ambient.Value = previous;
    }
}
