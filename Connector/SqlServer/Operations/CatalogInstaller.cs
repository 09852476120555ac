using System.Text.RegularExpressions;
using Connector.Catalog;
using Connector.Operations;

namespace Connector.SqlServer.Operations;

/// <summary>
/// Creates the catalog (Schema/*.sql, as embedded) in one transaction when schema <c>realmsync</c> is absent,
/// and records its version; otherwise reports the version found. No upgrade step exists yet: version 1 is
/// the only catalog, and a newer catalog than the program knows is refused.
/// </summary>
public static partial class CatalogInstaller
{
    public static async Task<CheckResult> InstallAsync(OperationsConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        const string Name = "catalog";
        var version = await DatabaseProbe.CatalogVersionAsync(connection, cancellationToken);
        if (version is null)
        {
            await CreateAsync(connection, cancellationToken);
            return CheckResult.Pass(Name, $"created schema {CatalogSchema.SchemaName} at catalog version {CatalogSchema.Version}.");
        }

        return version switch
        {
            CatalogSchema.Version => CheckResult.Pass(Name, $"catalog version {version} is installed; nothing to do."),
            0 => CheckResult.Fail(Name, DatabaseProbe.CatalogDescription(version) + ": it was not created by install or deploy.sql.",
                $"inspect schema {CatalogSchema.SchemaName}; if it holds nothing of value, drop it and run install again."),
            > CatalogSchema.Version => CheckResult.Fail(Name, DatabaseProbe.CatalogDescription(version) + ", newer than this program.",
                "run a realm-sqlserver release that knows this catalog version."),
            _ => CheckResult.Fail(Name, DatabaseProbe.CatalogDescription(version) + "; this release has no upgrade step for it.",
                "upgrade with the release notes of the version that introduced the newer catalog."),
        };
    }

    /// <summary>The catalog's batches in order (each file split at its <c>GO</c> lines).</summary>
    public static IReadOnlyList<OperationsQuery> Batches() =>
        [.. CatalogSchema.Scripts.SelectMany(s => Sql.SqlBatches.Split(s.Sql)
            .Select((b, i) => new OperationsQuery($"catalog {s.Name} batch {i + 1}", b) { SchemaChange = true }))];

    private static async Task CreateAsync(OperationsConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var batch in Batches())
        {
            await connection.ExecuteAsync(batch, cancellationToken, transaction);
        }

        await connection.ExecuteAsync(OperationsSql.RecordCatalogVersion, cancellationToken, transaction, ("@version", CatalogSchema.Version));
        await transaction.CommitAsync(cancellationToken);
    }

}
