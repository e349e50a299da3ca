namespace Kavach.Server.Tests.Observability;

/// <summary>
/// The metrics and trace tests run alone: an OpenTelemetry meter provider listens to every meter of its name in the
/// process, so another test's server would add its requests (and a second <c>kavach_vault_up</c>) to the scrape.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObservabilityCollection
{
    public const string Name = "Observability";
}
