using System.Collections.Immutable;
using Connector.Adapter;
using Connector.RealmSchema;
using Connector.Sql;

namespace Connector.Applier;

/// <summary>
/// Validates a transaction against the mapping and plans it as calls of the generated procedures. Consecutive
/// INSERTs (SETs, DELETEs) of one class become one table-valued call where that cannot change the outcome;
/// everything else keeps its order. Any problem is bad input (<see cref="AdapterFormatException"/>) naming
/// the version, the instruction and the JSON path, and nothing of the transaction is applied. The one exception
/// is an object with a null primary key (<see cref="NullKeyRefusals"/>): it and the instructions naming it are
/// left out and listed in <see cref="TransactionPlan.Refused"/>, and the rest is planned.
/// </summary>
public static class TransactionPlanner
{
    public static TransactionPlan Plan(AdapterTransaction transaction, SchemaGeneration.SchemaMapping current)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        try
        {
            var evolution = SchemaEvolution.Apply(transaction, current);
            var context = MappingContext.For(evolution.Mapping);
            var (leftOut, refused) = NullKeyRefusals.Find(context, transaction.Instructions);
            var calls = new PlanBuilder(context, evolution).Build(transaction.Instructions, leftOut);
            return new TransactionPlan(transaction.RealmPath, transaction.Version, evolution.Mapping, evolution.Changed, calls) { Refused = refused };
        }
        catch (AdapterFormatException e)
        {
            throw e.WithContext(transaction.Version, null);
        }
    }

    private sealed class PlanBuilder(MappingContext context, SchemaEvolution evolution)
    {
        private readonly ImmutableArray<PlannedCall>.Builder _calls = ImmutableArray.CreateBuilder<PlannedCall>();
        private ObjectRowGroup? _rows;
        private DeleteGroup? _deletes;

        public ImmutableArray<PlannedCall> Build(ImmutableArray<Instruction> instructions, IReadOnlySet<int> leftOut)
        {
            for (var i = 0; i < instructions.Length; i++)
            {
                if (leftOut.Contains(i))
                {
                    continue;
                }

                // Paths inside are relative to the instruction, made whole only for an error.
                try
                {
                    Add(instructions[i], i, string.Empty);
                }
                catch (AdapterFormatException e)
                {
                    throw new AdapterFormatException(e.Problem, "$.instructions" + JsonReadContext.Element(i) + e.JsonPath, e.Version, e.LineNumber, e.InnerException);
                }
            }

            Flush();
            return _calls.ToImmutable();
        }

        private void Add(Instruction instruction, int index, string path)
        {
            if (instruction is SchemaInstruction)
            {
                return; // Planned as a whole by SchemaEvolution, deployed before the data.
            }

            var mapped = context.Class(instruction.ObjectType, path + ".object_type");
            evolution.RequireKnownAt(index, mapped.Class.Name, null, path + ".object_type");
            switch (instruction)
            {
                case InsertInstruction insert:
                    AddValues(mapped, insert.Identity, insert.Values, insert: true, index, path);
                    break;
                case SetInstruction set:
                    AddValues(mapped, set.Identity, set.Values, insert: false, index, path);
                    break;
                case DeleteInstruction delete:
                    AddDelete(mapped, delete.Identity, index, path);
                    break;
                case ClearInstruction:
                    Flush();
                    _calls.Add(new PlannedCall(context.Objects.Classes[mapped.Table].Clear, CallKind.Clear, mapped.Class.Name, [], index, index));
                    break;
                case ListInstruction list:
                    Flush();
                    _calls.Add(ListCalls.Plan(context, mapped, list, index, path, evolution));
                    break;
                case ChangeIdentityInstruction change:
                    Flush();
                    _calls.Add(Rekey(mapped, index, path, (change.Identity, change.NewIdentity, ".identity", ".new_identity")));
                    break;
                case SwapIdentityInstruction swap:
                    Flush();
                    _calls.Add(Rekey(
                        mapped, index, path,
                        (swap.Identity, swap.SwapIdentity, ".identity", ".swap_identity"),
                        (swap.SwapIdentity, swap.Identity, ".swap_identity", ".identity")));
                    break;
                default:
                    throw new AdapterFormatException($"{instruction.GetType().Name} is not supported by the applier", path);
            }
        }

        private void AddValues(SchemaGeneration.ClassMapping mapped, RealmValue identity, PropertyValues values, bool insert, int index, string path)
        {
            var key = IdentityConverter.Convert(identity, mapped, path + ".identity", context.Provider);
            var joins = _rows is not null && _rows.ClassName == mapped.Class.Name &&
                (_rows.Insert == insert ? true : !insert && _rows.Holds(key));
            if (!joins)
            {
                Flush();
                _rows = new ObjectRowGroup(context, mapped, insert, index);
            }

            _rows!.Add(key, values, index, path, evolution);
        }

        private void AddDelete(SchemaGeneration.ClassMapping mapped, RealmValue identity, int index, string path)
        {
            var key = IdentityConverter.Convert(identity, mapped, path + ".identity", context.Provider);
            if (_deletes is null || _deletes.ClassName != mapped.Class.Name)
            {
                Flush();
                _deletes = new DeleteGroup(context, mapped, index);
            }

            _deletes.Add(key, index);
        }

        private PlannedCall Rekey(SchemaGeneration.ClassMapping mapped, int index, string path, params (RealmValue From, RealmValue To, string FromField, string ToField)[] moves)
        {
            var routines = context.Objects.Classes[mapped.Table];
            if (routines.Rekey is null)
            {
                throw new AdapterFormatException(
                    $"class '{mapped.Class.Name}' has a primary key; CHANGE_IDENTITY and SWAP_IDENTITY apply only to classes without one", path);
            }

            var keyType = SqlColumnType.Parse(mapped.KeySqlType);
            var rows = moves.Select(m => new[] { IdentityConverter.Convert(m.From, mapped, path + m.FromField, context.Provider), IdentityConverter.Convert(m.To, mapped, path + m.ToField, context.Provider) })
                .Cast<object?[]>().ToList();
            var map = new TableArgument(
                "@map",
                context.Objects.RekeyTypes[mapped.KeySqlType],
                [new TableColumn(SqlServer.Schema.KeyTypeWriter.OldColumn, keyType), new TableColumn(SqlServer.Schema.KeyTypeWriter.NewColumn, keyType)],
                rows);
            return new PlannedCall(routines.Rekey, CallKind.Rekey, mapped.Class.Name, [map], index, index);
        }

        private void Flush()
        {
            if (_rows is not null)
            {
                _calls.AddRange(_rows.Calls());
                _rows = null;
            }

            if (_deletes is not null)
            {
                _calls.Add(_deletes.Call());
                _deletes = null;
            }
        }
    }
}
