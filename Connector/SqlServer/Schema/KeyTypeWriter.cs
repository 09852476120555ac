namespace Connector.SqlServer.Schema;

/// <summary>The shared table types of keys (for deletes and replaces) and of re-keyings (old to new), per key SQL type.</summary>
public static class KeyTypeWriter
{
    public const string KeyColumn = "key";
    public const string OldColumn = "old";
    public const string NewColumn = "new";

    public static string Keys(string typeName, string sqlType) =>
        $"CREATE TYPE {ApplierObjects.Quote(typeName)} AS TABLE (\n    [{KeyColumn}] {SqlTypeMapper.Declare(sqlType)} NOT NULL PRIMARY KEY\n);\n";

    public static string Rekey(string typeName, string sqlType) =>
        $"CREATE TYPE {ApplierObjects.Quote(typeName)} AS TABLE (\n    [{OldColumn}] {SqlTypeMapper.Declare(sqlType)} NOT NULL PRIMARY KEY,\n    [{NewColumn}] {SqlTypeMapper.Declare(sqlType)} NOT NULL UNIQUE\n);\n";
}
