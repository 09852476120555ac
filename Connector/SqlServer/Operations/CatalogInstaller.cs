using System.Text.RegularExpressions;
using Connector.Catalog;
using Connector.Operations;

namespace Connector.SqlServer.Operations;

/// <summary>
/// Creates the catalog (Schema/*.sql, as embedded) in one transaction when schema <c>realmsync</c> is absent,
/// and records its version; upgrades an older catalog (Schema/Upgrade/*.sql, each step in order) in one transaction
/// with the version row of each step; otherwise reports the version found. A newer catalog than the program knows is refused.
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
            >= 1 and < CatalogSchema.Version => await UpgradeAsync(connection, version.Value, cancellationToken),
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

    /// <summary>The upgrade steps past version <paramref name="from"/>, in order: the version each leads to and its batches.</summary>
    public static IReadOnlyList<(int ToVersion, IReadOnlyList<OperationsQuery> Batches)> UpgradeSteps(int from) =>
        [.. CatalogSchema.Upgrades.Where(u => u.ToVersion > from).Select(u => (u.ToVersion, (IReadOnlyList<OperationsQuery>)[.. Sql.SqlBatches.Split(u.Sql)
            .Select((b, i) => new OperationsQuery($"catalog upgrade {u.Name} batch {i + 1}", b) { SchemaChange = true })]))];

    private static async Task<CheckResult> UpgradeAsync(OperationsConnection connection, int from, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (toVersion, batches) in UpgradeSteps(from))
        {
            foreach (var batch in batches)
            {
                await connection.ExecuteAsync(batch, cancellationToken, transaction);
            }

            await connection.ExecuteAsync(OperationsSql.RecordCatalogVersion, cancellationToken, transaction, ("@version", toVersion));
        }

        await transaction.CommitAsync(cancellationToken);
        return CheckResult.Pass("catalog", $"upgraded schema {CatalogSchema.SchemaName} from catalog version {from} to {CatalogSchema.Version} in one transaction.");
    }

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
