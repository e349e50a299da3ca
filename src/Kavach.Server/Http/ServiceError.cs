namespace Kavach.Server.Http;

/// <summary>One error of a MOSIP response envelope.</summary>
public sealed record ServiceError(string ErrorCode, string Message);
