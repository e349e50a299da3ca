using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.PartnerChannel.Auditing;
using Kavach.PartnerChannel.Internal;
using Kavach.PartnerChannel.Keys;
using Kavach.PartnerChannel.Partners;
using Kavach.Trust.Channel;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kavach.PartnerChannel.Service;

/// <summary>
/// The service side of the partner channel (docs/partner-channel.md): TLS client certificate → partner → body limit →
/// the profile's signature, time window, replay and decryption → the rest of the pipeline with the verified partner
/// and its response buffered → response signed (and, kavach, encrypted). Every refusal is one 401 <c>KER-PCH-001</c>
/// and one audit record, and nothing reaches the rest of the pipeline; faults of keys, trust store or database are
/// 503 <c>KER-PCH-003</c>.
/// </summary>
internal sealed partial class PartnerChannelMiddleware
{
    private const string PartnerHeaderPrefix = "X-Kavach-";

    private readonly RequestDelegate _next;
    private readonly PartnerChannelServiceOptions _options;
    private readonly IPartnerResolver _resolver;
    private readonly IPartnerChannelAudit _audit;
    private readonly TimeProvider _time;
    private readonly ILogger<PartnerChannelMiddleware> _logger;
    private readonly ChannelCertificateCache _certificates = new();
    private readonly MosipRequestVerifier _mosip;
    private readonly KavachRequestVerifier _kavach;
    private readonly ResponseSealer _sealer;

    public PartnerChannelMiddleware(
        RequestDelegate next,
        IOptions<PartnerChannelServiceOptions> options,
        IPartnerResolver resolver,
        IChannelSigner signer,
        IChannelDecryptor decryptor,
        IReplayLedger ledger,
        IPartnerChannelAudit audit,
        TimeProvider time,
        ILogger<PartnerChannelMiddleware> logger)
    {
        _next = next;
        _options = options.Value;
        _resolver = resolver;
        _audit = audit;
        _time = time;
        _logger = logger;
        _mosip = new MosipRequestVerifier(ledger, decryptor, _certificates, time, _options.ClockSkew);
        _kavach = new KavachRequestVerifier(ledger, decryptor, _certificates, time, _options.ClockSkew);
        _sealer = new ResponseSealer(signer, _certificates, time);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        X509Certificate2? tls = context.Connection.ClientCertificate
            ?? await context.Connection.GetClientCertificateAsync(cancellationToken).ConfigureAwait(false);
        string? tlsThumbprint = tls is null ? null : Base64Url.Encode(SHA256.HashData(tls.RawDataMemory.Span));
        VerifiedPartner? partner = null;
        AcceptedRequest? accepted;
        ChannelRefusal? refusal;
        try
        {
            (partner, refusal, accepted) = await VerifyAsync(context, tls, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFault(_logger, exception.GetType().Name, context.TraceIdentifier, exception);
            (refusal, accepted) = (ChannelRefusal.Unavailable("verification fault: " + exception.GetType().Name), null);
        }

        if (refusal is not null || accepted is null || partner is null)
        {
            refusal ??= ChannelRefusal.Refused("not verified");
            await RefuseAsync(context, refusal, partner?.PartnerId, tlsThumbprint).ConfigureAwait(false);
            return;
        }

        Admit(context, partner, accepted);
        Stream original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The protected service failed: answer with the channel's envelope, never an unsigned 500 with its detail.
            context.Response.Body = original;
            LogFault(_logger, exception.GetType().Name, context.TraceIdentifier, exception);
            await RefuseAsync(context, ChannelRefusal.BackendFailed(exception.GetType().Name), partner.PartnerId, tlsThumbprint).ConfigureAwait(false);
            return;
        }
        finally
        {
            context.Response.Body = original;
        }

        ReadOnlyMemory<byte> sealedBody;
        try
        {
            sealedBody = await _sealer.SealAsync(context, _options.Profile, partner, accepted, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFault(_logger, exception.GetType().Name, context.TraceIdentifier, exception);
            await RefuseAsync(context, ChannelRefusal.Unavailable("response signing fault: " + exception.GetType().Name), partner.PartnerId, tlsThumbprint).ConfigureAwait(false);
            return;
        }

        if (context.Response.StatusCode is not (StatusCodes.Status204NoContent or StatusCodes.Status304NotModified))
        {
            context.Response.ContentLength = sealedBody.Length;
        }

        await original.WriteAsync(sealedBody, cancellationToken).ConfigureAwait(false);
        await AuditAsync(context, partner.PartnerId, tlsThumbprint, PartnerChannelAuditEvent.Success, null, context.Response.StatusCode).ConfigureAwait(false);
    }

    private async ValueTask<(VerifiedPartner? Partner, ChannelRefusal? Refusal, AcceptedRequest? Accepted)> VerifyAsync(HttpContext context, X509Certificate2? tls, CancellationToken cancellationToken)
    {
        if (tls is null)
        {
            return (null, ChannelRefusal.Refused("no TLS client certificate"), null);
        }

        VerifiedPartner? partner;
        try
        {
            partner = await _resolver.ResolveAsync(tls, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFault(_logger, exception.GetType().Name, context.TraceIdentifier, exception);
            return (null, ChannelRefusal.Unavailable("partner resolution fault"), null);
        }

        if (partner is null)
        {
            return (null, ChannelRefusal.Refused("TLS client certificate not resolved to an active partner"), null);
        }

        byte[]? body;
        try
        {
            body = await RequestBodyReader.ReadAsync(context.Request.Body, context.Request.ContentLength, _options.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is BadHttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // A truncated or malformed body is the caller's fault, not ours: the one refusal, not a 503.
            return (partner, ChannelRefusal.Refused("request body could not be read"), null);
        }

        if (body is null)
        {
            return (partner, ChannelRefusal.TooLarge(), null);
        }

        ChannelCertificate? signing = _certificates.Get(partner.SigningCertificate);
        if (signing is null)
        {
            return (partner, ChannelRefusal.Refused("partner signature certificate has no usable RSA key"), null);
        }

        try
        {
            Verification verification = _options.Profile == ChannelProfile.Mosip
                ? await _mosip.VerifyAsync(context, partner, signing, body, cancellationToken).ConfigureAwait(false)
                : await _kavach.VerifyAsync(context, partner, signing, body, cancellationToken).ConfigureAwait(false);
            return (partner, verification.Refusal, verification.Accepted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The ledger, the decryptor or the signer's certificate source is down: keep the partner for the audit.
            LogFault(_logger, exception.GetType().Name, context.TraceIdentifier, exception);
            return (partner, ChannelRefusal.Unavailable("verification fault: " + exception.GetType().Name), null);
        }
    }

    private void Admit(HttpContext context, VerifiedPartner partner, AcceptedRequest accepted)
    {
        IHeaderDictionary headers = context.Request.Headers;
        List<string>? strip = null;
        foreach (string name in headers.Keys)
        {
            if (name.StartsWith(PartnerHeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                (strip ??= []).Add(name);
            }
        }

        if (strip is not null)
        {
            foreach (string name in strip)
            {
                headers.Remove(name);
            }
        }

        headers[PartnerChannelHeaders.PartnerId] = partner.PartnerId;
        headers[PartnerChannelHeaders.PartnerOrganization] = partner.Organization;
        headers[PartnerChannelHeaders.PartnerDomain] = partner.Domain;
        if (accepted.BodyChanged)
        {
            headers.Remove(KavachHeaders.ContentDigest);
            headers.Remove(KavachHeaders.SignatureInput);
            headers.Remove(KavachHeaders.Signature);
            if (_options.Profile == ChannelProfile.Kavach)
            {
                headers.ContentType = accepted.ContentType;
            }
        }

        context.Request.Body = new MemoryStream(accepted.Body, writable: false);
        context.Request.ContentLength = accepted.Body.Length;
        context.Features.Set<IPartnerChannelFeature>(new PartnerChannelFeature(partner, _options.Profile));
    }

    private async Task RefuseAsync(HttpContext context, ChannelRefusal refusal, string? partnerId, string? tlsThumbprint)
    {
        LogRefused(_logger, context.TraceIdentifier, refusal.Error.Code, refusal.Reason);
        await AuditAsync(context, partnerId, tlsThumbprint, refusal.Error.Code, refusal.Reason, refusal.Status).ConfigureAwait(false);
        HttpResponse response = context.Response;
        if (response.HasStarted)
        {
            context.Abort();
            return;
        }

        response.Clear();
        response.StatusCode = refusal.Status;
        response.ContentType = "application/json";
        byte[] envelope = ErrorEnvelope.Create(refusal.Error, _time.GetUtcNow());
        response.ContentLength = envelope.Length;
        await response.Body.WriteAsync(envelope, CancellationToken.None).ConfigureAwait(false);
    }

    private async ValueTask AuditAsync(HttpContext context, string? partnerId, string? tlsThumbprint, string outcome, string? reason, int status)
    {
        var auditEvent = new PartnerChannelAuditEvent(
            _time.GetUtcNow(),
            context.TraceIdentifier,
            context.Connection.RemoteIpAddress?.ToString(),
            partnerId,
            tlsThumbprint,
            PartnerChannelAuditEvent.PartnerRequest,
            outcome,
            reason,
            status);
        try
        {
            await _audit.RecordAsync(auditEvent, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The answer is already decided; a failing audit sink must not turn it into a 500.
            LogFault(_logger, exception.GetType().Name, context.TraceIdentifier, exception);
        }
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Debug, Message = "Partner request {RequestId} refused ({Code}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string requestId, string code, string reason);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Error, Message = "Partner channel fault ({Fault}) on request {RequestId}")]
    private static partial void LogFault(ILogger logger, string fault, string requestId, Exception exception);
}
