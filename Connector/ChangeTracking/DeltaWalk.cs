using Connector.Adapter;
using Connector.SchemaGeneration;

namespace Connector.ChangeTracking;

/// <summary>
/// The order in which a pass reads a Realm path's tables, on both databases, so that its instructions come out in
/// dependency order (<see cref="DeltaPhase"/>): CLEARs of the classes re-sent whole (in reverse dependency order),
/// then every class's upserts in dependency order, then the collections, then the deferred links, then the deletes
/// of the classes not re-sent whole, in reverse order. The reads themselves are the database's.
/// </summary>
public static class DeltaWalk
{
    /// <param name="classPages">Reads one class for one phase, every page of it.</param>
    /// <param name="collectionPages">Reads one collection property of one owner class, every page of it.</param>
    public static async Task RunAsync(
        DeltaConverter converter,
        IReadOnlySet<string> whole,
        ICollection<Instruction> output,
        Func<ClassMapping, DeltaPhase, CancellationToken, Task> classPages,
        Func<ClassMapping, PropertyMapping, CancellationToken, Task> collectionPages,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(converter);
        ArgumentNullException.ThrowIfNull(whole);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(classPages);
        ArgumentNullException.ThrowIfNull(collectionPages);
        var order = converter.Order.Classes;
        foreach (var cleared in order.Reverse().Where(c => whole.Contains(c.Class.Name)))
        {
            output.Add(new ClearInstruction(cleared.Class.Name));
        }

        foreach (var mapped in order)
        {
            await classPages(mapped, DeltaPhase.Upserts, cancellationToken);
        }

        foreach (var (owner, property) in order.SelectMany(c => c.Properties.Where(p => p.ChildTable is not null).Select(p => (c, p))))
        {
            await collectionPages(owner, property, cancellationToken);
        }

        foreach (var mapped in order.Where(converter.HasLateValues))
        {
            await classPages(mapped, DeltaPhase.DeferredLinks, cancellationToken);
        }

        foreach (var mapped in order.Reverse().Where(c => !whole.Contains(c.Class.Name)))
        {
            await classPages(mapped, DeltaPhase.Deletes, cancellationToken);
        }
    }
}
