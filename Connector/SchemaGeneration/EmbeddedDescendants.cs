using System.Collections.Immutable;
using Connector.RealmSchema;

namespace Connector.SchemaGeneration;

/// <summary>
/// The embedded classes whose objects deleting objects of <see cref="Root"/> takes with it (Realm deletes an
/// embedded object with its owner, at any depth): every embedded class reachable from the root through links,
/// lists and dictionaries of embedded objects, each once, and the links that lead to each. The delete procedure
/// gathers their keys class by class instead of calling each class's own delete procedure, whose nesting would
/// stop at SQL Server's limit of 32 levels (Msg 217) on a deep embedded tree.
/// </summary>
public sealed class EmbeddedDescendants
{
    private EmbeddedDescendants(ClassMapping root, ImmutableArray<ClassMapping> classes, ImmutableArray<EmbeddedLink> links, bool cyclic)
    {
        Root = root;
        Classes = classes;
        Links = links;
        Cyclic = cyclic;
    }

    public ClassMapping Root { get; }

    /// <summary>
    /// The embedded classes below the root, each once; owners come before what they own unless <see cref="Cyclic"/>.
    /// The root's own class is here too when an embedded class embeds it again (its descendants of its own class).
    /// </summary>
    public ImmutableArray<ClassMapping> Classes { get; }

    /// <summary>Every embedded link from the root or from one of <see cref="Classes"/>, in that order.</summary>
    public ImmutableArray<EmbeddedLink> Links { get; }

    /// <summary>
    /// Whether an embedded class embeds itself, directly or through others. Realm's own schema validation refuses
    /// such a schema ("Cycles containing embedded objects are not currently supported"), but a mapping may still
    /// hold one, and the procedure must then search until a pass finds nothing new instead of in one pass.
    /// </summary>
    public bool Cyclic { get; }

    public static EmbeddedDescendants Of(SchemaMapping mapping, ClassMapping root)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(root);
        var classes = mapping.Classes.ToDictionary(c => c.Class.Name, StringComparer.Ordinal);
        var search = new Search(classes);
        search.VisitTargetsOf(root);
        var order = search.Finished.AsEnumerable().Reverse().ToImmutableArray();
        var index = order.Select((c, i) => (c.Class.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var links = ImmutableArray.CreateBuilder<EmbeddedLink>();
        foreach (var (owner, ownerIndex) in order.Select((c, i) => (c, (int?)i)).Prepend((root, null)))
        {
            links.AddRange(EmbeddedProperties(owner, classes).Select(p => new EmbeddedLink(owner, ownerIndex, p, index[p.Property.ObjectType!])));
        }

        return new EmbeddedDescendants(root, order, links.ToImmutable(), search.Cyclic);
    }

    /// <summary>The links of <paramref name="owner"/> to embedded objects: to-one, list or dictionary (Realm has no set of them).</summary>
    private static IEnumerable<PropertyMapping> EmbeddedProperties(ClassMapping owner, Dictionary<string, ClassMapping> classes) =>
        owner.Properties.Where(p => p.Property.IsLink && classes[p.Property.ObjectType!].Class.Kind == ClassKind.Embedded);

    /// <summary>
    /// Depth-first search from the root's embedded links. Finishing order reversed puts owners before what they own
    /// (a topological order) when there is no cycle; meeting a class that is still open on the path is a cycle.
    /// Children are visited last first, so that the reversed order reads in declaration order.
    /// </summary>
    private sealed class Search(Dictionary<string, ClassMapping> classes)
    {
        private readonly HashSet<string> _open = new(StringComparer.Ordinal);
        private readonly HashSet<string> _done = new(StringComparer.Ordinal);

        public List<ClassMapping> Finished { get; } = [];

        public bool Cyclic { get; private set; }

        public void VisitTargetsOf(ClassMapping owner)
        {
            // An explicit stack rather than recursion: a chain of embedded classes may be as deep as the schema is long.
            var stack = new Stack<(ClassMapping Class, bool Finish)>();
            Push(stack, owner);
            while (stack.TryPop(out var entry))
            {
                var name = entry.Class.Class.Name;
                if (entry.Finish)
                {
                    _open.Remove(name);
                    _done.Add(name);
                    Finished.Add(entry.Class);
                }
                else if (_open.Contains(name))
                {
                    Cyclic = true;
                }
                else if (!_done.Contains(name))
                {
                    _open.Add(name);
                    stack.Push((entry.Class, true));
                    Push(stack, entry.Class);
                }
            }
        }

        private void Push(Stack<(ClassMapping, bool)> stack, ClassMapping owner)
        {
            foreach (var property in EmbeddedProperties(owner, classes))
            {
                stack.Push((classes[property.Property.ObjectType!], false));
            }
        }
    }
}
