namespace Kavach.Storage.Inventory;

/// <summary>
/// What a key's state is computed from in the database: the instant, and the aliases the audit trail records as revoked
/// (<c>key_alias</c> keeps only dates; a revocation moves the expiry to now).
/// </summary>
/// <param name="Now">The instant, UTC.</param>
/// <param name="Revoked">The revoked aliases (bound as parameters; a few thousand at most in practice).</param>
public sealed record KeyStateClock(DateTime Now, IReadOnlyCollection<string> Revoked);
