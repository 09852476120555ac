using System.Globalization;

namespace Connector.Tests.Integration;

/// <summary>
/// Tier 3: the server the integration tier runs against, named in the first-run report (scripts/first-run.cs reads
/// the line this test writes), and checked against what the connector needs. Skipped, with the reason, when there is none.
/// </summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class ServerVersionTests
{
    /// <summary>SQL Server 2016 (13.x): DROP ... IF EXISTS, ALTER DATABASE CURRENT, STRING_SPLIT, OPENJSON.</summary>
    public const int MinimumMajorVersion = 13;

    [Test]
    public async Task The_server_reports_its_version_and_is_sql_server_2016_or_later(CancellationToken cancellationToken)
    {
        await using var database = await TestDatabase.CreateAsync(SqlServerFixture.Require(), cancellationToken);
        var row = (await database.QueryAsync(
            "SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)), CAST(SERVERPROPERTY('Edition') AS nvarchar(128)), " +
            "CAST(SERVERPROPERTY('ProductLevel') AS nvarchar(128)), CAST(SERVERPROPERTY('ProductUpdateLevel') AS nvarchar(128)), " +
            "(SELECT d.[compatibility_level] FROM sys.databases AS d WHERE d.[database_id] = DB_ID())", cancellationToken)).Single();
        var version = (string)row[0]!;

        TestContext.Out.WriteLine($"SQL Server version: {version} {row[2]}{(row[3] is null ? "" : " " + row[3])}, {row[1]}, compatibility level {row[4]}");

        Assert.That(int.Parse(version.Split('.')[0], CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(MinimumMajorVersion), version);
        Assert.That(Convert.ToInt32(row[4], CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(MinimumMajorVersion * 10), "a new database's compatibility level");
    }
}
