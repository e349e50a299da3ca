namespace Kavach.Console.Tests.Support;

/// <summary>The test classes that share one <see cref="ConsoleEnvironment"/> (servers start once, a few seconds).</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleEnvironment>
{
    public const string Name = "console";
}
