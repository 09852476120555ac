using Connector.Catalog;
using Connector.SchemaGeneration;
using Connector.SqlServer.Sql;
using Microsoft.SqlServer.Dac.Model;

namespace Connector.SqlServer.Schema;

/// <summary>
/// Builds the DacFx model of a mapping: the catalog (Schema/*.sql) and every generated object, with the
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

            foreach (var script in GeneratedObjects(mapping))
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

    /// <summary>
    /// The generated objects of a mapping, one script each: schemas, tables, and the applier's types and procedures.
    /// Partitioned, the tables carry the partition column, the per-Realm views follow them in <see cref="SchemaMapping.ScopeSchema"/>,
    /// and the procedures write through the views (<see cref="SchemaMapping.ForRealm"/>), never to the tables.
    /// </summary>
    public static IEnumerable<string> GeneratedObjects(SchemaMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (mapping.Scoped)
        {
            throw new ArgumentException($"the mapping of one Realm ('{mapping.RealmPath}') of a partitioned mapping has no DDL of its own; build the partitioned mapping.", nameof(mapping));
        }

        var schemas = mapping.Partitioned ? [mapping.SqlSchema, mapping.ScopeSchema] : new[] { mapping.SqlSchema };
        foreach (var schema in schemas.Where(s => !string.Equals(s, "dbo", StringComparison.OrdinalIgnoreCase)))
        {
            yield return "CREATE SCHEMA " + SqlIdentifier.Quote(schema) + " AUTHORIZATION [dbo];";
        }

        foreach (var table in mapping.Tables)
        {
            yield return TableDdlWriter.Write(table, mapping.Partitioned);
        }

        foreach (var table in mapping.Partitioned ? mapping.Tables : [])
        {
            yield return PartitionViewWriter.Write(mapping, table);
        }

        foreach (var script in ApplierRoutineScripts.Write(mapping.ForRealm(mapping.RealmPath)))
        {
            yield return script;
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
