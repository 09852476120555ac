using System.Collections.Immutable;
using Connector.Adapter;
using Connector.Catalog;
using Connector.SchemaGeneration;

namespace Connector.ChangeTracking;

/// <summary>
/// What a <c>resend</c> sends whole, the same on every database: the classes asked for (every class of the path when
/// none is named), and by <see cref="ReloadScope"/> every class linking to one of them, transitively, because CLEAR in
/// Realm also drops every link to the objects it clears. The unknown path or class is refused with the known names.
/// </summary>
public sealed class ResendScope
{
    public const string Requested = "requested";
    public const string Linking = "links to a re-sent class (CLEAR dropped those links in Realm)";
    public const string Behind = "its change history is gone (see the warning)";

    private readonly SchemaMapping mapping;

    private ResendScope(SchemaMapping mapping, ImmutableSortedSet<string> classes)
    {
        this.mapping = mapping;
        Classes = classes;
        Tables = mapping.Classes.Where(c => classes.Contains(c.Class.Name)).Select(c => c.Table).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The classes asked for.</summary>
    public ImmutableSortedSet<string> Classes { get; }

    /// <summary>Their tables: what a pass is told to read whole (its reload scope adds the linking classes).</summary>
    public IReadOnlySet<string> Tables { get; }

    /// <summary>The catalog's entry for <paramref name="realmPath"/>; refused (exit 2) with the mapped paths.</summary>
    public static MappedRealm FindRealm(IReadOnlyList<MappedRealm> realms, string realmPath)
    {
        ArgumentNullException.ThrowIfNull(realms);
        return realms.FirstOrDefault(r => string.Equals(r.RealmPath, realmPath, StringComparison.Ordinal))
            ?? throw new ConnectorException(realms.Count == 0
                ? $"--realm-path '{realmPath}': no Realm path is mapped in the catalog yet; deploy a schema first (bootstrap --apply, deploy.sql, or install with SqlFirst.Tables)."
                : $"--realm-path '{realmPath}' is not mapped in the catalog; the mapped paths are: {Names(realms.Select(r => r.RealmPath))}.",
                ExitCodes.Usage);
    }

    /// <summary>The scope of <paramref name="classes"/> (every class when empty); an unknown name is refused (exit 2) with the path's classes.</summary>
    public static ResendScope Resolve(SchemaMapping mapping, IReadOnlyCollection<string> classes)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(classes);
        var known = mapping.Classes.Select(c => c.Class.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = classes.Where(c => !known.Contains(c)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ConnectorException(
                $"--class {Names(unknown)}: Realm path '{mapping.RealmPath}' has no such class (names are case-sensitive); its classes are: {Names(known.Order(StringComparer.Ordinal))}.",
                ExitCodes.Usage);
        }

        return new ResendScope(mapping, [.. classes.Count == 0 ? known : classes]);
    }

    /// <summary>
    /// Why each class a pass sends whole goes whole, given the tables whose change history was gone
    /// (<see cref="PollResult.Reloads"/>): the pass's own scope, <see cref="ReloadScope.Classes"/> of both.
    /// </summary>
    public IReadOnlyDictionary<string, string> Reasons(IEnumerable<string> tablesBehind)
    {
        ArgumentNullException.ThrowIfNull(tablesBehind);
        var behind = tablesBehind.ToHashSet(StringComparer.Ordinal);
        var own = ReloadScope.Owning(mapping, behind);
        return ReloadScope.Classes(mapping, behind.Union(Tables).ToHashSet(StringComparer.Ordinal)).ToDictionary(
            c => c,
            c => Classes.Contains(c) ? Requested : own.Contains(c) ? Behind : Linking,
            StringComparer.Ordinal);
    }

    /// <summary>Per class of the mapping that <paramref name="transactions"/> hold instructions for: how many of each, with its reason.</summary>
    public async Task<ImmutableArray<ClassResend>> TallyAsync(
        IAsyncEnumerable<AdapterTransaction> transactions, IReadOnlyDictionary<string, string> reasons, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(reasons);
        var counts = new Dictionary<string, (int Transactions, long Instructions)>(StringComparer.Ordinal);
        await foreach (var transaction in transactions.WithCancellation(cancellationToken))
        {
            foreach (var group in transaction.Instructions.GroupBy(i => i.ObjectType, StringComparer.Ordinal))
            {
                var (t, n) = counts.GetValueOrDefault(group.Key);
                counts[group.Key] = (t + 1, n + group.Count());
            }
        }

        return [.. mapping.Classes.Select(c => c.Class.Name).Where(counts.ContainsKey)
            .Select(c => new ClassResend(c, reasons.GetValueOrDefault(c), counts[c].Transactions, counts[c].Instructions))];
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + n + "'"));
}
