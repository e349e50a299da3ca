using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Storage;

namespace Kavach.Keys.Management;

/// <summary>A key found (or just made) for an (appId, refId): its alias row, its certificate and its class.</summary>
public sealed record ResolvedKey(KeyAlias Alias, X509Certificate2 Certificate, KeyClass Class);
