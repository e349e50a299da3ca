namespace Kavach.Devices.Updates.Verification;

/// <summary>The three signed update documents (TUF-lite roles, spec §4.9); each has its own JWS <c>typ</c>, so a signature made for one role never verifies as another.</summary>
public enum UpdateRole
{
    /// <summary><c>trust.json</c>, signed offline by the Release Root.</summary>
    Trust,

    /// <summary><c>releases/{n}.json</c>, signed offline by release keys.</summary>
    Release,

    /// <summary><c>timestamp.json</c>, signed online by the timestamp key.</summary>
    Timestamp,
}
