using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kavach.Trust.Certificates;

/// <summary>MOSIP's DN strings (<c>formatCertificateDN</c>, spec §6.1): <c>CN=..,OU=..,O=..,L=..,ST=..,C=..</c>, present attributes only.</summary>
public static class DistinguishedNames
{
    private static readonly (string Oid, string Label)[] Order =
    [
        ("2.5.4.3", "CN"),
        ("2.5.4.11", "OU"),
        ("2.5.4.10", "O"),
        ("2.5.4.7", "L"),
        ("2.5.4.8", "ST"),
        ("2.5.4.6", "C"),
    ];

    /// <summary>The MOSIP form of <paramref name="name"/>; attributes other than the six are left out, as MOSIP does.</summary>
    public static string Format(X500DistinguishedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder();
        foreach (var (oid, label) in Order)
        {
            if (First(name, oid) is { } value)
            {
                if (text.Length > 0)
                {
                    text.Append(',');
                }

                text.Append(label).Append('=').Append(value);
            }
        }

        return text.ToString();
    }

    /// <summary>The first value of attribute <paramref name="oid"/> (e.g. <c>2.5.4.10</c>, O), or null.</summary>
    public static string? First(X500DistinguishedName name, string oid)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == oid)
            {
                return rdn.GetSingleElementValue();
            }
        }

        return null;
    }

    /// <summary>The subject's organisation (O), or null.</summary>
    public static string? Organization(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return First(certificate.SubjectName, "2.5.4.10");
    }
}
