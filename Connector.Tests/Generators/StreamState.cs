using Connector.Adapter;
using Connector.RealmSchema;
using Connector.Tests.Model;

namespace Connector.Tests.Generators;

/// <summary>
/// The running state a stream is generated against: the reference model under the target's options, one instruction
/// at a time inside the transaction being built (so that each intent sees what the earlier ones did: new objects,
/// cascades, list lengths), and whole transactions through <see cref="RealmModel.Apply"/>. A transaction the target
/// refuses (a value its database cannot hold) leaves the state as it was, as it leaves the database.
/// </summary>
internal sealed class StreamState(ModelOptions target)
{
    private readonly RealmModel model = new(target);
    private ModelState committed = new();
    private ModelNullKeys nullKeys = new();

    public ModelState Work { get; private set; } = new();

    public IEnumerable<RealmClass> Classes => Work.Classes.Values;

    public void Begin()
    {
        Work = committed.Copy();
        nullKeys = new ModelNullKeys();
    }

    /// <summary>Applies one generated instruction; a refusal here is a bug of the generator, not of the stream.</summary>
    public void Apply(Instruction instruction)
    {
        if (target.NullKeys == NullKeys.Refuse && nullKeys.Refusal(Work, instruction) is not null)
        {
            return;
        }

        try
        {
            RealmModel.Apply(Work, instruction, target.MixedLinks);
        }
        catch (Exception e) when (e is ModelInputException or AdapterFormatException)
        {
            throw new InvalidOperationException($"the stream generator made an invalid instruction {instruction}: {e.Message}", e);
        }
    }

    /// <summary>The transaction through the target's model: applied, the state moves on; refused, it stays.</summary>
    public ModelOutcome Commit(AdapterTransaction transaction)
    {
        var outcome = model.Apply(transaction);
        if (outcome.Status == ModelStatus.Applied)
        {
            committed = Work;
        }

        Work = committed;
        return outcome;
    }

    public IReadOnlyList<RealmValue> Objects(string className) =>
        Work.Objects.TryGetValue(className, out var objects) ? [.. objects.Keys] : [];

    /// <summary>The objects a link may name: not embedded (each has its one owner), not the null-keyed one (null means "no link").</summary>
    public IReadOnlyList<RealmValue> LinkTargets(string className) =>
        Work.Classes.TryGetValue(className, out var realmClass) && realmClass.Kind != ClassKind.Embedded
            ? [.. Objects(className).Where(o => o is not NullValue)]
            : [];

    public int ListCount(string className, RealmValue identity, string property) =>
        Work.Objects[className][identity].TryGetValue(property, out var list) ? ((ListValue)list).Items.Length : 0;
}
