using System.Collections.Immutable;
using Connector.RealmSchema;

namespace Connector.RealmFile;

/// <summary>A table of the file: where its objects are and how its columns map to the class's properties.</summary>
internal sealed record RealmTable(
    string TableName,
    RealmClass Class,
    bool IsBookkeeping,
    long ClusterRoot,
    ImmutableArray<RealmColumn> Columns,
    RealmColumn? PrimaryKeyColumn);
