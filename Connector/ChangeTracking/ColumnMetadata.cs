namespace Connector.ChangeTracking;

/// <summary>
/// One column of an existing table as sys.columns describes it: <see cref="TypeName"/> is the system type
/// (<c>nvarchar</c>, <c>decimal</c>, <c>geography</c>), an alias type resolved to the system type it is made from;
/// <see cref="MaxLength"/> is in bytes (-1 for (max)).
/// </summary>
/// <param name="AliasType">The alias type the column is declared with (<c>[dbo].[Phone]</c>), null for a system type.</param>
/// <param name="OtherCodePage">The column's collation has another code page than the database's default collation
/// (only char and varchar columns hold code-page text).</param>
public sealed record ColumnMetadata(
    string Name, string TypeName, bool Nullable, int MaxLength, byte Precision, byte Scale, string? AliasType = null, bool OtherCodePage = false);
