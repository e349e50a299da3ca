namespace Kavach.PartnerChannel.HttpSignatures;

/// <summary>What a signature base reads of one HTTP message: its derived components and its fields.</summary>
/// <param name="Method">The request method (for a response: null).</param>
/// <param name="TargetUri">The request's target URI: scheme, authority (port when not the default), path, query.</param>
/// <param name="Status">The response status (for a request: null).</param>
/// <param name="Field">A field's value by lower-case name (lines combined with <c>", "</c>, trimmed), or null when absent.</param>
internal sealed record HttpMessageView(string? Method, string? TargetUri, int? Status, Func<string, string?> Field);
