using Connector.Catalog;
using Connector.SchemaGeneration;
using Connector.SqlServer.Sql;
using Microsoft.SqlServer.Dac.Model;

namespace Connector.SqlServer.Schema;

/// <summary>
/// Builds the DacFx model of a mapping: the catalog (Schema/*.sql) and every generated table, with the
/// database options the connector relies on (Change Tracking, snapshot isolation) in the model options.
/// A model that does not validate with zero messages is refused: DacFx reports a missing table only as a
/// warning (SQL71502), so a warning is as fatal as an error here.
/// </summary>
public static class SqlModelBuilder
{
    public static TSqlModel Build(SchemaMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var options = new TSqlModelOptions
        {
            ChangeTrackingEnabled = true,
            ChangeTrackingRetentionPeriod = 2,
            ChangeTrackingRetentionUnit = TimeUnit.Days,
            ChangeTrackingAutoCleanup = true,
            AllowSnapshotIsolation = true,
        };
        var model = new TSqlModel(SqlServerVersion.Sql160, options);
        try
        {
            foreach (var (_, sql) in CatalogSchema.Scripts)
            {
                model.AddObjects(sql);
            }

            if (!string.Equals(mapping.SqlSchema, "dbo", StringComparison.OrdinalIgnoreCase))
            {
                model.AddObjects("CREATE SCHEMA " + SqlIdentifier.Quote(mapping.SqlSchema) + " AUTHORIZATION [dbo];");
            }

            foreach (var table in mapping.Tables)
            {
                model.AddObjects(TableDdlWriter.Write(table));
            }

            foreach (var script in ApplierRoutineScripts.Write(mapping))
            {
                model.AddObjects(script);
            }

            Validate(model);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Throws <see cref="SqlValidationException"/> listing every message DacFx reports.</summary>
    public static void Validate(TSqlModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var messages = model.Validate()
            .Select(m => $"{m.MessageType} SQL{m.Number}: {m.Message}")
            .ToList();
        if (messages.Count > 0)
        {
            throw new SqlValidationException("the generated DacFx model does not validate", messages);
        }
    }
}
