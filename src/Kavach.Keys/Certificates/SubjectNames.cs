using System.Security.Cryptography.X509Certificates;

namespace Kavach.Keys.Certificates;

/// <summary>
/// Builds subject distinguished names in MOSIP's RDN order (C, ST, L, O, OU, CN). Values are encoded as proper
/// RDNs, so a comma in a value stays inside its attribute (MOSIP concatenates strings and breaks on commas).
/// </summary>
public static class SubjectNames
{
    /// <summary>
    /// Null when the requested attributes can be encoded; otherwise what is wrong (a country must be two letters,
    /// as X.520 requires; no value may exceed 64 characters).
    /// </summary>
    public static string? Problem(SubjectRequest request)
    {
        if (!string.IsNullOrWhiteSpace(request.Country) && !(request.Country.Trim() is { Length: 2 } country && country.All(char.IsAsciiLetter)))
        {
            return "country must be a two-letter code";
        }

        string?[] values = [request.CommonName, request.OrganizationalUnit, request.Organization, request.Location, request.State];
        return values.Any(v => v is { Length: > 64 }) ? "subject attributes are limited to 64 characters" : null;
    }

    /// <summary>The subject of a ROOT, master or EC signing key: default CN is <c>"&lt;cn&gt; (&lt;APP&gt;[-&lt;REF&gt;])"</c>.</summary>
    public static X500DistinguishedName ForVaultKey(string appId, string refId, SubjectRequest request, SubjectDefaults defaults)
    {
        var suffix = refId.Length == 0 ? appId : $"{appId}-{refId}";
        var commonName = Pick(request.CommonName, $"{defaults.CommonName} ({suffix})");
        return Build(request, defaults, commonName);
    }

    /// <summary>The subject of a CSR: the request's values, else the plain defaults.</summary>
    public static X500DistinguishedName ForCsr(SubjectRequest request, SubjectDefaults defaults) =>
        Build(request, defaults, Pick(request.CommonName, defaults.CommonName));

    /// <summary>The subject of a base key: the master certificate's attributes with CN = <c>appId-refId</c>.</summary>
    public static X500DistinguishedName ForBaseKey(X500DistinguishedName masterSubject, string appId, string refId)
    {
        // .NET's builder encodes the last added RDN first; adding CN first yields MOSIP's encoded order C..CN.
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName($"{appId}-{refId}");
        Add(builder, masterSubject, "2.5.4.11", builder.AddOrganizationalUnitName);
        Add(builder, masterSubject, "2.5.4.10", builder.AddOrganizationName);
        Add(builder, masterSubject, "2.5.4.7", builder.AddLocalityName);
        Add(builder, masterSubject, "2.5.4.8", builder.AddStateOrProvinceName);
        Add(builder, masterSubject, "2.5.4.6", builder.AddCountryOrRegion);
        return builder.Build();
    }

    private static X500DistinguishedName Build(SubjectRequest request, SubjectDefaults defaults, string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        builder.AddOrganizationalUnitName(Pick(request.OrganizationalUnit, defaults.OrganizationalUnit));
        builder.AddOrganizationName(Pick(request.Organization, defaults.Organization));
        builder.AddLocalityName(Pick(request.Location, defaults.Location));
        builder.AddStateOrProvinceName(Pick(request.State, defaults.State));
        builder.AddCountryOrRegion(Pick(request.Country, defaults.Country));
        return builder.Build();
    }

    private static void Add(X500DistinguishedNameBuilder builder, X500DistinguishedName source, string oid, Action<string> add)
    {
        foreach (var rdn in source.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == oid && rdn.GetSingleElementValue() is { } value)
            {
                add(value);
                return;
            }
        }
    }

    private static string Pick(string? requested, string fallback) =>
        string.IsNullOrWhiteSpace(requested) ? fallback : requested.Trim();
}
