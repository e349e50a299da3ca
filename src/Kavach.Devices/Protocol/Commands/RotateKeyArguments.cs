namespace Kavach.Devices.Protocol.Commands;

/// <summary>Arguments of <c>rotateKey</c> (spec §4.8).</summary>
/// <param name="RotationId">The rotation's id (UUIDv4); a retry with the same id and CSR gets the same certificate.</param>
/// <param name="Deadline">When the rotation must be confirmed (ISO 8601 UTC, milliseconds).</param>
public sealed record RotateKeyArguments(string RotationId, string Deadline) : IDeviceCommandArguments;
