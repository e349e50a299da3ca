namespace Kavach.PartnerChannel.HttpSignatures;

/// <summary>One RFC 9421 signature as received or about to be sent: its covered components, parameters and value.</summary>
/// <param name="Label">The dictionary key in both headers (<c>sig1</c>).</param>
/// <param name="Components">The covered component identifiers, in order (strings with <c>req</c>/<c>key</c> parameters).</param>
/// <param name="Parameters">The signature parameters, in order.</param>
/// <param name="Signature">The signature bytes (empty before signing).</param>
internal sealed record HttpSignatureInput(string Label, IReadOnlyList<SfItem> Components, IReadOnlyList<SfParameter> Parameters, byte[] Signature)
{
    /// <summary>The serialized <c>@signature-params</c> value (also the <c>Signature-Input</c> member value).</summary>
    public string SignatureParams => StructuredFieldSerializer.InnerList(Components, Parameters);

    /// <summary>The <c>Signature-Input</c> field value.</summary>
    public string SignatureInputField => string.Concat(Label, "=", SignatureParams);

    /// <summary>The <c>Signature</c> field value.</summary>
    public string SignatureField => string.Concat(Label, "=", StructuredFieldSerializer.ByteSequence(Signature));

    /// <summary>The parameter named <paramref name="name"/>, or null.</summary>
    public object? Parameter(string name)
    {
        foreach (SfParameter parameter in Parameters)
        {
            if (parameter.Name == name)
            {
                return parameter.Value;
            }
        }

        return null;
    }
}
