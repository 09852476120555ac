using System.Globalization;
using System.Text;
using static Connector.SqlServer.Schema.ClassRoutineWriter;
using Connector.SchemaGeneration;

namespace Connector.SqlServer.Schema;

/// <summary>
/// The statements of a delete procedure that gather, before anything is deleted, the keys of every embedded object
/// the deleted objects own at any depth: one table variable per embedded class, filled from its owners' rows in
/// one pass (owners first), or, for a schema whose embedded classes embed each other in a cycle, in passes
/// until one finds no new key. No procedure calls another, so no depth of embedding reaches SQL Server's nesting
/// limit of 32 (Msg 217).
/// </summary>
internal static class EmbeddedKeysWriter
{
    /// <summary>Writes the statements; returns the table variable holding the keys of each of <see cref="EmbeddedDescendants.Classes"/>.</summary>
    public static IReadOnlyList<string> Write(StringBuilder sql, SchemaMapping mapping, EmbeddedDescendants descendants, ApplierObjects objects)
    {
        var variables = descendants.Classes.Select((_, i) => "@embedded" + (i + 1).ToString(CultureInfo.InvariantCulture)).ToList();
        if (variables.Count == 0)
        {
            return variables;
        }

        foreach (var (variable, embedded) in variables.Zip(descendants.Classes))
        {
            sql.Append("DECLARE ").Append(variable).Append(' ').Append(ApplierObjects.Quote(objects.KeyTypes[embedded.KeySqlType])).Append(";\n");
        }

        var lines = Enumerable.Range(0, variables.Count)
            .SelectMany(target => InsertLines(mapping, descendants.Links.Where(l => l.Target == target).ToList(), variables, descendants.Cyclic));
        if (descendants.Cyclic)
        {
            // A pass adds only keys not found before (EXCEPT), so the loop ends once a pass finds none: after at most
            // as many passes as there are embedded rows, whatever links SQL-side edits left between them.
            sql.Append("DECLARE @found int = 1;\nWHILE @found > 0\nBEGIN\n");
            foreach (var line in lines.Prepend("SET @found = 0;"))
            {
                sql.Append("    ").Append(line).Append('\n');
            }

            sql.Append("END\n");
        }
        else
        {
            foreach (var line in lines)
            {
                sql.Append(line).Append('\n');
            }
        }

        return variables;
    }

    /// <summary>
    /// One INSERT of the keys that <paramref name="links"/> (all to the same class) hold in the rows of their owners'
    /// gathered keys, without duplicates: an embedded object has one owner, but a SQL-side edit may have linked it twice.
    /// In passes, only the keys not found before, and the count of those. EXCEPT after UNION applies to the whole union:
    /// they are evaluated left to right ("Set Operators - EXCEPT and INTERSECT", Remarks).
    /// </summary>
    private static List<string> InsertLines(SchemaMapping mapping, List<EmbeddedLink> links, List<string> variables, bool inPasses)
    {
        var target = variables[links[0].Target];
        var select = links.Count == 1 && !inPasses ? "SELECT DISTINCT" : "SELECT";
        var lines = new List<string> { $"INSERT INTO {target} ([{KeyTypeWriter.KeyColumn}])" };
        for (var i = 0; i < links.Count; i++)
        {
            var link = links[i];
            var e = "e" + (i + 1).ToString(CultureInfo.InvariantCulture);
            var owners = DeleteRoutineWriter.KeysIn(link.OwnerIndex is { } owner ? variables[owner] : "@keys");
            var (table, column, ownerColumn) = link.Property.ChildTable is null
                ? (Q(DeleteRoutineWriter.ClassTable(mapping, link.Owner)), Q(link.Property.Column!), Q(link.Owner.KeyColumn))
                : (Q(mapping.Tables.First(t => t.Name == link.Property.ChildTable)), "[" + SchemaMapper.TargetColumn + "]", "[" + SchemaMapper.OwnerColumn + "]");
            if (i > 0)
            {
                lines.Add("UNION");
            }

            lines.Add($"{select} {e}.{column} FROM {table} AS {e} WHERE {e}.{column} IS NOT NULL AND {e}.{ownerColumn} IN {owners}");
        }

        if (!inPasses)
        {
            lines[^1] += ";";
            return lines;
        }

        lines.AddRange(["EXCEPT", $"SELECT f.[{KeyTypeWriter.KeyColumn}] FROM {target} AS f;", "SET @found += @@ROWCOUNT;"]);
        return lines;
    }
}
