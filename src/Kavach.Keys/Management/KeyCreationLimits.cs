namespace Kavach.Keys.Management;

/// <summary>
/// Bounds on implicit base-key creation, per caller and per application. <see cref="PerMinute"/> is a token bucket kept
/// by each process (a burst of that many, refilled evenly over a minute); <see cref="Total"/> counts the caller's keys
/// of the application in the key store (<c>key_alias.cr_by</c>), so it holds across restarts and replicas.
/// </summary>
/// <param name="PerMinute">New base keys one caller may create per minute for one application.</param>
/// <param name="Total">Base keys one caller may have created in all for one application.</param>
public sealed record KeyCreationLimits(int PerMinute, int Total)
{
    /// <summary>
    /// 30 a minute (one RSA-2048 generation every two seconds keeps a core mostly free for everyone else) and 10,000 in
    /// all: a registration fleet (REGISTRATION / CenterID_MachineID) of thousands of machines fits, a flood does not.
    /// </summary>
    public static KeyCreationLimits Default { get; } = new(30, 10_000);
}
