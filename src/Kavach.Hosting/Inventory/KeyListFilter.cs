namespace Kavach.Hosting.Inventory;

/// <summary>Which keys to list.</summary>
/// <param name="AppId">Only this application id.</param>
/// <param name="RefId">Only this reference id (<c>""</c> for module keys).</param>
/// <param name="State">Only this state (<see cref="Kavach.Keys.Inventory.KeyStates"/>).</param>
/// <param name="ExpiringWithinDays">Only active keys whose validity ends within this many days, soonest first.</param>
public sealed record KeyListFilter(string? AppId = null, string? RefId = null, string? State = null, int? ExpiringWithinDays = null);
