namespace Kavach.Keys.Management;

/// <summary>
/// Told at once when a key is revoked, so whatever holds the key or a lookup that leads to it drops it. Hosts register
/// every listener with the container; <see cref="KeyLifecycleService"/> calls them all.
/// </summary>
public interface IKeyRevocationListener
{
    /// <summary>The key with this alias id was revoked.</summary>
    void KeyRevoked(string aliasId);
}
