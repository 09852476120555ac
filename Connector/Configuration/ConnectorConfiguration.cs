using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Connector.Configuration;

/// <summary>
/// Loads the configuration: the JSON file (<c>--config</c>, default <c>./connector.config.json</c>), then the
/// environment variables named <c>RealmSqlServer__Section__Key</c> over it (so the connection string never
/// needs to sit in the file), checks every key, binds and validates. The result lists every failure.
/// </summary>
public static class ConnectorConfiguration
{
    public const string DefaultFile = "connector.config.json";
    private const string EnvironmentPrefix = ConnectorOptions.SectionName + "__";

    /// <summary>Loads and validates; the options are null when any failure was found.</summary>
    public static ConfigurationLoad Load(string path, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            return ConfigurationLoad.Failed(full, [$"{path}: the configuration file does not exist; give --config FILE or copy connector.config.json there (README.md, Configuration)."]);
        }

        IConfigurationRoot configuration;
        try
        {
            configuration = new ConfigurationBuilder()
                .AddJsonFile(full, optional: false, reloadOnChange: false)
                .AddInMemoryCollection(Overrides(environment ?? ProcessEnvironment()))
                .Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return ConfigurationLoad.Failed(full, [$"{path}: {e.Message} Fix the JSON (see connector.config.json in the repository)."]);
        }

        var failures = ConfigurationKeyChecker.Check(configuration);
        if (failures.Count > 0)
        {
            return ConfigurationLoad.Failed(full, failures);
        }

        var options = new ConnectorOptions();
        configuration.GetSection(ConnectorOptions.SectionName).Bind(options);
        failures = ConnectorOptionsValidator.Check(options);
        return failures.Count > 0 ? ConfigurationLoad.Failed(full, failures) : new ConfigurationLoad(full, options, []);
    }

    /// <summary>Loads and validates, or throws a <see cref="ConnectorException"/> listing every failure.</summary>
    public static ConnectorOptions LoadOrThrow(string path, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var load = Load(path, environment);
        return load.Options ?? throw new ConnectorException(
            $"the configuration ({load.File}) is not valid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", load.Failures),
            ExitCodes.Configuration);
    }

    private static Dictionary<string, string?> Overrides(IReadOnlyDictionary<string, string?> environment) =>
        environment
            .Where(e => e.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => e.Value, StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, string?> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string;
        }

        return variables;
    }
}
