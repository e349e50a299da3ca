namespace Kavach.Devices.Transparency;

/// <summary>One FTM chip certificate that the log shows under more than one device serial (a cloned or re-used chip).</summary>
/// <param name="FtmCertSha256">The FTM chip certificate's hash.</param>
/// <param name="SerialNos">The device serials it appears under, in order of first appearance.</param>
/// <param name="LeafIndexes">The leaves that show it.</param>
public sealed record FtmConflict(string FtmCertSha256, IReadOnlyList<string> SerialNos, IReadOnlyList<long> LeafIndexes);
