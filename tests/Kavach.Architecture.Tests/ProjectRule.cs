namespace Kavach.Architecture.Tests;

/// <summary>One row of the project graph: a src project, what of ours it may use, and what from outside it must not.</summary>
/// <param name="Project">The project name, as in src/{Project}/{Project}.csproj and Kavach.slnx.</param>
/// <param name="AssemblyName">The built assembly's name (the CLI's is <c>kavach</c>).</param>
/// <param name="MayReference">Kavach projects it may reference; what those may reference is allowed too.</param>
/// <param name="MustNotReach">Outside assembly families it must not reference, itself or through any Kavach assembly it reaches.</param>
internal sealed record ProjectRule(
    string Project,
    string AssemblyName,
    IReadOnlyList<string> MayReference,
    IReadOnlyList<ExternalGroup> MustNotReach);
