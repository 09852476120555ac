using Connector.SqlServer.Schema;

namespace Connector.Cli;

/// <summary>What <c>bootstrap</c> prints: what it wrote, and every name it had to change and why.</summary>
public static class BootstrapReport
{
    public static void Write(TextWriter output, SchemaArtifacts artifacts, string directory)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(artifacts);
        WriteMapping(output, artifacts.Mapping);
        output.WriteLine($"Wrote {Path.Combine(directory, "schema.dacpac")} ({artifacts.Dacpac.Length:N0} bytes).");
        output.WriteLine($"Wrote {Path.Combine(directory, "deploy.sql")} ({artifacts.DeployScript.Length:N0} characters): run it on an empty database with Change Tracking and snapshot isolation on (README.md, Deploying).");
    }

    /// <summary>The classes and tables of a mapping, and every name that differs from its Realm name with the reason.</summary>
    public static void WriteMapping(TextWriter output, SchemaGeneration.SchemaMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(mapping);
        output.WriteLine(mapping.Partitioned
            ? $"Realm paths matching '{mapping.PathPattern}' (partitioned): {mapping.Classes.Length} classes mapped to {mapping.Tables.Length} shared tables in SQL schema " +
              $"[{mapping.SqlSchema}], each row's Realm in [{SchemaGeneration.SchemaMapper.RealmColumn}]; the connector writes through the per-Realm views of [{mapping.ScopeSchema}]."
            : $"Realm path '{mapping.RealmPath}': {mapping.Classes.Length} classes mapped to {mapping.Tables.Length} tables in SQL schema [{mapping.SqlSchema}].");
        foreach (var mapped in mapping.Classes)
        {
            if (mapped.NameResolution is not null)
            {
                output.WriteLine($"  class '{mapped.Class.Name}' -> table [{mapped.Table}]: {mapped.NameResolution}");
            }

            foreach (var property in mapped.Properties.Where(p => p.NameResolution is not null))
            {
                var target = property.Column is not null ? $"column [{property.Column}]" : $"table [{property.ChildTable}]";
                output.WriteLine($"  property '{mapped.Class.Name}.{property.Property.Name}' -> {target}: {property.NameResolution}");
            }
        }
    }
}
