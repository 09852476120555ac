using DotNet.Testcontainers.Builders;
using Testcontainers.MsSql;

namespace Connector.Tests.Integration;

/// <summary>
/// One SQL Server per test run for tier 3 (DESIGN.md section 10): the server named by REALMSYNC_TEST_SQLSERVER,
/// else a Testcontainers SQL Server 2022. Without either, every integration test is reported SKIPPED with the
/// reason (<see cref="Require"/>), never passed. Any other failure to start a container fails the tests.
/// </summary>
[SetUpFixture]
public sealed class SqlServerFixture
{
    public const string EnvironmentVariable = "REALMSYNC_TEST_SQLSERVER";
    public const string Image = "mcr.microsoft.com/mssql/server:2022-latest";

    private static MsSqlContainer? _container;

    /// <summary>A connection string to the server (its default database), or null.</summary>
    public static string? ServerConnectionString { get; private set; }

    public static string SkipReason { get; private set; } = "the integration fixture did not run";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ServerConnectionString = configured;
            return;
        }

        try
        {
            _container = new MsSqlBuilder(Image).Build();
            await _container.StartAsync();
            ServerConnectionString = _container.GetConnectionString();
        }
        catch (Exception e) when (e is DockerUnavailableException || e.Message.Contains("Docker", StringComparison.OrdinalIgnoreCase))
        {
            SkipReason = $"SKIPPED: no SQL Server: {EnvironmentVariable} is not set and Testcontainers cannot start {Image} " +
                $"({e.GetType().Name}: {e.Message.Split('\n')[0].Trim()})";
            await DisposeContainerAsync();
        }
    }

    [OneTimeTearDown]
    public Task StopAsync() => DisposeContainerAsync();

    /// <summary>The server's connection string; otherwise the calling test is ignored with the reason.</summary>
    public static string Require()
    {
        if (ServerConnectionString is null)
        {
            Assert.Ignore(SkipReason);
        }

        return ServerConnectionString!;
    }

    private static async Task DisposeContainerAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
            _container = null;
        }
    }
}
