namespace Connector.ChangeTracking;

/// <summary>
/// One column of an existing table as sys.columns describes it: <see cref="TypeName"/> is the system type
/// (<c>nvarchar</c>, <c>decimal</c>), <see cref="MaxLength"/> is in bytes (-1 for (max)).
/// </summary>
public sealed record ColumnMetadata(string Name, string TypeName, bool Nullable, int MaxLength, byte Precision, byte Scale);
