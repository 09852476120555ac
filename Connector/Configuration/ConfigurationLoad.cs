namespace Connector.Configuration;

/// <summary>The outcome of loading the configuration: valid options, or every failure found.</summary>
public sealed record ConfigurationLoad(string File, ConnectorOptions? Options, IReadOnlyList<string> Failures)
{
    public static ConfigurationLoad Failed(string file, IReadOnlyList<string> failures) => new(file, null, failures);
}
