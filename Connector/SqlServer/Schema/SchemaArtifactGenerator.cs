using Connector.Catalog;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.SqlServer.Sql;
using Microsoft.SqlServer.Dac;
using Microsoft.SqlServer.Dac.Model;

namespace Connector.SqlServer.Schema;

/// <summary>
/// Realm schema to dacpac and <c>deploy.sql</c>, offline: map, build and validate the DacFx model, pack it,
/// script it, and parse the script before anything is handed out. Any message from DacFx or the parser
/// stops it with <see cref="SqlValidationException"/>.
/// </summary>
public static class SchemaArtifactGenerator
{
    private static readonly HashSet<string> ForbiddenSchemas =
        new([CatalogSchema.SchemaName, "sys", "INFORMATION_SCHEMA", "guest"], StringComparer.OrdinalIgnoreCase);

    /// <param name="pathPattern">
    /// A partitioned mapping's Realm path pattern (<c>--realm-path-pattern</c>), checked here; then <paramref name="realmPath"/> is
    /// not used: the mapping's catalog row holds the pattern, and each matching path registers under it. Null for one Realm path.
    /// </param>
    public static SchemaArtifacts Generate(RealmSchemaModel schema, string realmPath, string sqlSchema, string source, string? pathPattern = null)
    {
        CheckSqlSchema(sqlSchema);
        if (pathPattern is not null)
        {
            Partitioning.RealmPathPattern.Parse(pathPattern, "--realm-path-pattern");
            CheckSqlSchema(sqlSchema + SchemaMapper.ScopeSchemaSuffix, "--sql-schema (with the suffix of the per-Realm views)");
            realmPath = pathPattern;
        }

        var mapping = SchemaMapper.Map(schema, realmPath, sqlSchema, previous: null, Configuration.DatabaseProvider.SqlServer, pathPattern);
        using var model = SqlModelBuilder.Build(mapping);
        var dacpac = Pack(model, realmPath);
        using var package = DacPackage.Load(new MemoryStream(dacpac));
        var script = DeployScriptWriter.Write(mapping, DeployScriptWriter.GenerateCreateScript(package), dacpac, source);
        var errors = TSqlScriptParser.Errors(script);
        if (errors.Count > 0)
        {
            throw new SqlValidationException("the generated deploy.sql does not parse", errors);
        }

        return new SchemaArtifacts(mapping, dacpac, script);
    }

    public static void CheckSqlSchema(string sqlSchema) => CheckSqlSchema(sqlSchema, "--sql-schema");

    private static void CheckSqlSchema(string sqlSchema, string option)
    {
        if (!SqlIdentifier.IsValid(sqlSchema, out var problem))
        {
            throw new ConnectorException($"{option} '{sqlSchema}': {problem}; choose a name of 1 to 128 characters.", ExitCodes.Usage);
        }

        if (ForbiddenSchemas.Contains(sqlSchema))
        {
            throw new ConnectorException(
                $"{option} '{sqlSchema}' is reserved ({CatalogSchema.SchemaName} holds the connector's catalog); choose another schema, such as dbo.",
                ExitCodes.Usage);
        }
    }

    internal static byte[] Pack(TSqlModel model, string realmPath)
    {
        using var stream = new MemoryStream();
        var metadata = new PackageMetadata
        {
            Name = "RealmSqlServer",
            Version = "1.0.0",
            Description = "RealmSqlServer catalog and generated tables for Realm path " + realmPath,
        };
        DacPackageExtensions.BuildPackage(stream, model, metadata, new PackageOptions());
        return stream.ToArray();
    }
}
