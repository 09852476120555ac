using Connector.SchemaGeneration;

namespace Connector.SqlServer.Schema;

/// <summary>
/// Every type and procedure the applier calls, one CREATE statement per script, for the DacFx model (where
/// validation checks every table and column they name before anything runs).
/// </summary>
public static class ApplierRoutineScripts
{
    public static IEnumerable<string> Write(SchemaMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var objects = ApplierObjects.Name(mapping);
        foreach (var (sqlType, name) in objects.KeyTypes.OrderBy(k => k.Value, StringComparer.Ordinal))
        {
            yield return KeyTypeWriter.Keys(name, sqlType);
        }

        foreach (var (sqlType, name) in objects.RekeyTypes.OrderBy(k => k.Value, StringComparer.Ordinal))
        {
            yield return KeyTypeWriter.Rekey(name, sqlType);
        }

        var tables = mapping.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var mapped in mapping.Classes)
        {
            var table = tables[mapped.Table];
            var routines = objects.Classes[mapped.Table];
            yield return ClassRoutineWriter.RowType(table, routines);
            yield return ClassRoutineWriter.Upsert(table, routines);
            yield return ClassRoutineWriter.Update(table, routines);
            yield return DeleteRoutineWriter.Delete(mapping, mapped, objects);
            yield return DeleteRoutineWriter.Clear(mapped, objects, mapping);
            if (routines.Rekey is not null)
            {
                yield return DeleteRoutineWriter.Rekey(mapping, mapped, objects);
            }

            foreach (var childName in mapped.Properties.Where(p => p.ChildTable is not null).Select(p => p.ChildTable!))
            {
                foreach (var script in Collection(tables[childName], objects.Collections[childName], table, objects.KeyTypes[mapped.KeySqlType]))
                {
                    yield return script;
                }
            }
        }
    }

    private static IEnumerable<string> Collection(SqlTableDefinition child, CollectionRoutines routines, SqlTableDefinition owner, string ownerKeys)
    {
        if (child.Role == TableRole.LinkList)
        {
            yield return CollectionRoutineWriter.ListInsert(child, routines, owner);
            yield return CollectionRoutineWriter.ListSet(child, routines, owner);
            yield return CollectionRoutineWriter.ListErase(child, routines, owner);
            yield return CollectionRoutineWriter.ListClear(child, routines, owner);
        }
        else
        {
            yield return CollectionRoutineWriter.ItemType(child, routines);
            yield return CollectionRoutineWriter.Replace(child, routines, ownerKeys);
        }
    }
}
