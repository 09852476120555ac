namespace Connector.ChangeTracking;

/// <summary>
/// One column of an existing table as sys.columns describes it: <see cref="TypeName"/> is the system type
/// (<c>nvarchar</c>, <c>decimal</c>, <c>geography</c>), an alias type resolved to the system type it is made from;
/// <see cref="MaxLength"/> is in bytes (-1 for (max)).
/// </summary>
/// <param name="AliasType">The alias type the column is declared with (<c>[dbo].[Phone]</c>), null for a system type.</param>
/// <param name="OtherCodePage">The column's collation has another code page than the database's default collation
/// (only char and varchar columns hold code-page text).</param>
/// <param name="Declared">The type as the database spells it, where the reader has it whole (PostgreSQL's <c>format_type</c>:
/// <c>character varying(50)</c>, <c>numeric(10,2)</c>); null on SQL Server, whose mapper spells it from the parts.</param>
public sealed record ColumnMetadata(
    string Name, string TypeName, bool Nullable, int MaxLength, byte Precision, byte Scale, string? AliasType = null, bool OtherCodePage = false, string? Declared = null);
