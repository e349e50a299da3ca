using System.Diagnostics.CodeAnalysis;

namespace Kavach.PartnerChannel.HttpSignatures;

/// <summary>
/// Reads one labelled signature from the <c>Signature-Input</c> and <c>Signature</c> fields. Refuses anything
/// malformed: either field missing or not a dictionary, a duplicate label, the label missing from either field, an input
/// that is not an inner list of strings, a component with parameters other than <c>req</c> and <c>key</c>, a
/// component listed twice, or a signature that is not a bare byte sequence.
/// </summary>
internal static class HttpSignatureHeaders
{
    public static bool TryRead(string? signatureInputField, string? signatureField, string label, [NotNullWhen(true)] out HttpSignatureInput? signature)
    {
        signature = null;
        if (!StructuredFieldParser.TryParseDictionary(signatureInputField, out IReadOnlyList<SfMember>? inputs)
            || !StructuredFieldParser.TryParseDictionary(signatureField, out IReadOnlyList<SfMember>? signatures))
        {
            return false;
        }

        SfMember? input = StructuredFieldParser.Find(inputs, label);
        SfMember? value = StructuredFieldParser.Find(signatures, label);
        if (input?.InnerList is null || value is null || value.InnerList is not null || value.Value is not byte[] bytes
            || bytes.Length == 0 || value.Parameters.Count != 0)
        {
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (SfItem component in input.InnerList)
        {
            if (component.Value is not string name || name.Length == 0 || !seen.Add(StructuredFieldSerializer.Item(component)))
            {
                return false;
            }

            foreach (SfParameter parameter in component.Parameters)
            {
                bool known = (parameter.Name == "req" && parameter.Value is true)
                    || (parameter.Name == "key" && parameter.Value is string);
                if (!known)
                {
                    return false;
                }
            }
        }

        signature = new HttpSignatureInput(label, input.InnerList, input.Parameters, bytes);
        return true;
    }
}
