namespace Kavach.Devices.Server.Admin;

/// <summary>A body with an optional reason (<c>{"reason":"…"}</c>): rejections, de-registration requests.</summary>
public sealed record ReasonBody(string? Reason);
