using System.Globalization;
using System.Text;

namespace Kavach.PartnerChannel.HttpSignatures;

/// <summary>
/// The RFC 9421 §2.5 signature base: one line <c>"name";params: value</c> per covered component, then
/// <c>"@signature-params": …</c>, lines separated by LF, no final LF. Derived components supported: <c>@method</c>,
/// <c>@target-uri</c>, <c>@authority</c>, <c>@scheme</c>, <c>@path</c>, <c>@query</c>, <c>@status</c>; fields by
/// lower-case name, with <c>key</c> for a dictionary member and <c>req</c> for the request's components in a response.
/// </summary>
internal static class SignatureBase
{
    /// <summary>The base as ASCII bytes, or null when a component is absent, unknown, or not ASCII.</summary>
    /// <param name="signature">The signature whose components and parameters are covered.</param>
    /// <param name="message">The signed message.</param>
    /// <param name="request">For a response, the request it answers (read by <c>;req</c> components); else null.</param>
    public static byte[]? Build(HttpSignatureInput signature, HttpMessageView message, HttpMessageView? request)
    {
        var builder = new StringBuilder(512);
        foreach (SfItem component in signature.Components)
        {
            HttpMessageView source = message;
            if (component.Parameter("req") is true)
            {
                if (request is null)
                {
                    return null;
                }

                source = request;
            }

            string? value = Value((string)component.Value, component.Parameter("key") as string, source);
            if (value is null)
            {
                return null;
            }

            builder.Append(StructuredFieldSerializer.Item(component)).Append(": ").Append(value).Append('\n');
        }

        builder.Append("\"@signature-params\": ").Append(signature.SignatureParams);
        string text = builder.ToString();
        return Ascii.IsValid(text) ? Encoding.ASCII.GetBytes(text) : null;
    }

    private static string? Value(string name, string? key, HttpMessageView message)
    {
        if (name[0] == '@')
        {
            return key is null ? Derived(name, message) : null;
        }

        // Field names are lower case (RFC 9421 §2.1); an upper-case identifier names nothing.
        foreach (char c in name)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                return null;
            }
        }

        string? field = message.Field(name);
        if (field is null || key is null)
        {
            return field;
        }

        if (!StructuredFieldParser.TryParseDictionary(field, out IReadOnlyList<SfMember>? dictionary))
        {
            return null;
        }

        SfMember? member = StructuredFieldParser.Find(dictionary, key);
        return member is null ? null : StructuredFieldSerializer.MemberValue(member);
    }

    private static string? Derived(string name, HttpMessageView message)
    {
        switch (name)
        {
            case "@method":
                return message.Method;
            case "@target-uri":
                return message.TargetUri;
            case "@status":
                return message.Status is int status ? status.ToString("D3", CultureInfo.InvariantCulture) : null;
        }

        if (message.TargetUri is null || !Uri.TryCreate(message.TargetUri, UriKind.Absolute, out Uri? uri))
        {
            return null;
        }

        return name switch
        {
            "@authority" => uri.IsDefaultPort ? uri.Host.ToLowerInvariant() : string.Concat(uri.Host.ToLowerInvariant(), ":", uri.Port.ToString(CultureInfo.InvariantCulture)),
            "@scheme" => uri.Scheme.ToLowerInvariant(),
            "@path" => uri.AbsolutePath,
            "@query" => uri.Query.Length == 0 ? "?" : uri.Query,
            _ => null,
        };
    }
}
