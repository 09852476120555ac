using System.Text;
using Connector.Adapter;
using Connector.Catalog;
using Connector.Journal;
using Connector.Sql;
using Connector.SqlServer.Applier;
using Connector.SqlServer.Sql;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;

namespace Connector.Applier;

/// <summary>
/// The inbound runner: for a Realm path, reads the journal after the position it last consumed, and applies each
/// transaction in version order (<see cref="TransactionApplier"/>), skipping those at or below the cursor. Bad
/// input is dead-lettered, then stops the path or is skipped (<c>Sync.OnBadTransaction</c>); transient errors
/// are retried with backoff; anything else stops the path. A stopped path stays stopped until restart.
/// </summary>
public sealed class InboundApplier
{
    private readonly IInboundStore _applier;
    private readonly InboundJournalReader _reader;
    private readonly JournalPaths _journal;
    private readonly ApplierOptions _options;
    private readonly RetryPolicy _retry;
    private readonly ILogger<InboundApplier> _logger;
    private readonly Dictionary<string, RealmState> _states = new(StringComparer.Ordinal);

    public InboundApplier(SqlConnectionFactory connections, JournalPaths journal, ApplierOptions options, ILogger<InboundApplier> logger, RetryPolicy? retry = null)
        : this(new TransactionApplier(connections, options), journal, options, logger, retry)
    {
    }

    /// <summary>The runner over any database's <see cref="IInboundStore"/>.</summary>
    public InboundApplier(IInboundStore store, JournalPaths journal, ApplierOptions options, ILogger<InboundApplier> logger, RetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _applier = store;
        _journal = journal;
        _options = options;
        _logger = logger;
        _reader = new InboundJournalReader(journal, w => logger.LogWarning("Journal: ignored {Path}: {Problem}", w.Path, w.Reason));
        _retry = retry ?? RetryPolicy.ForSync(options.MaxRetries, options.EffectiveRetryDelay);
    }

    public Task<InboundRunResult> RunOnceAsync(string realmPath, CancellationToken cancellationToken) => RunOnceAsync(realmPath, null, cancellationToken);

    /// <param name="listed">The path as the served list gave it: with its cursor, or unregistered under a partitioned mapping,
    /// it spares the catalog a query per path (thousands of paths, issue 12); null: the runner finds it.</param>
    public async Task<InboundRunResult> RunOnceAsync(string realmPath, MappedRealm? listed, CancellationToken cancellationToken)
    {
        if (!_states.TryGetValue(realmPath, out var state))
        {
            state = new RealmState(realmPath);
            _states[realmPath] = state;
            if (listed is { Cursor: { } cursor } || listed is { Registered: false, PartitionOf: not null })
            {
                (state.Realm, state.Cursor) = (listed, listed.Cursor ?? 0);
            }
        }

        if (state.StopReason is null && state.Realm is null)
        {
            try
            {
                (state.Realm, state.Cursor) = await _applier.FindAsync(realmPath, cancellationToken);
                if (state.Realm is null)
                {
                    Stop(state, $"Realm path '{realmPath}' is not mapped in realmsync.MappedRealm, and no partitioned mapping's pattern matches it: deploy its schema (bootstrap) first, then restart. Its journal is left untouched.");
                }
            }
            catch (ConnectorException e)
            {
                Stop(state, e.Message);
            }
        }

        var result = new RunCounts();
        if (state.StopReason is not null)
        {
            return result.For(state, InboundRunStatus.Stopped);
        }

        await foreach (var line in _reader.ReadAsync(realmPath, state.Position, cancellationToken))
        {
            var status = await ProcessLineAsync(state, line, result, cancellationToken);
            if (status is { } stopped)
            {
                return result.For(state, stopped);
            }

            state.Position = line.After;
        }

        return result.For(state, InboundRunStatus.CaughtUp);
    }

    /// <summary>Null when the line is done with (applied, skipped or dead-lettered and skipped).</summary>
    private async Task<InboundRunStatus?> ProcessLineAsync(RealmState state, JournalLine line, RunCounts counts, CancellationToken cancellationToken)
    {
        AdapterTransaction transaction;
        try
        {
            transaction = AdapterCodec.Decode(line.Utf8.Span);
            if (transaction.RealmPath != state.RealmPath)
            {
                throw new AdapterFormatException($"realm_path '{transaction.RealmPath}' is not the journal's Realm path '{state.RealmPath}'", "$.realm_path", transaction.Version);
            }
        }
        catch (AdapterFormatException e)
        {
            return await BadInputAsync(state, line, e, counts, cancellationToken);
        }

        try
        {
            // A line retried on a later run (RetryLater) was checked already; checking it again would report it out of order.
            if (state.CheckedLine != line.After)
            {
                state.Order.Check(line, transaction.Version);
                state.CheckedLine = line.After;
            }
        }
        catch (JournalException e)
        {
            return Stop(state, e.Message);
        }

        if (FailureClassifier.IsAlreadyApplied(transaction.Version, state.Cursor))
        {
            counts.Skipped++;
            return null;
        }

        return await ApplyAsync(state, line, transaction, counts, cancellationToken);
    }

    private async Task<InboundRunStatus?> ApplyAsync(RealmState state, JournalLine line, AdapterTransaction transaction, RunCounts counts, CancellationToken cancellationToken)
    {
        ApplyOutcome outcome;
        try
        {
            outcome = await _retry.ExecuteAsync(
                (_, token) => _applier.ApplyAsync(state.Realm!, transaction, token),
                e => FailureClassifier.Classify(e) == FailureKind.Transient,
                (e, attempt, wait) => _logger.LogWarning("Realm path {RealmPath}, version {Version}: transient failure on attempt {Attempt} ({Error}); rolled back, retrying in {Wait}",
                    state.RealmPath, transaction.Version, attempt, e.Message, wait),
                cancellationToken);
        }
        catch (Exception e) when (FailureClassifier.Classify(e) == FailureKind.BadInput)
        {
            return await BadInputAsync(state, line, ((AdapterFormatException)e).WithContext(transaction.Version, null), counts, cancellationToken);
        }
        catch (Exception e) when (FailureClassifier.Classify(e) == FailureKind.Transient)
        {
            _logger.LogError(e, "Realm path {RealmPath}, version {Version}: still failing after {Attempts} attempts; it will be retried on the next run", state.RealmPath, transaction.Version, _retry.MaxAttempts);
            return InboundRunStatus.RetryLater;
        }
        catch (ConnectorException e)
        {
            // The connector's own refusal to go on (no deployment in force, a schema change it cannot script): this path stops, the others go on.
            _logger.LogError(e, "Realm path {RealmPath}, version {Version}: {Error}", state.RealmPath, transaction.Version, e.Message);
            return Stop(state, $"version {transaction.Version}: {e.Message}");
        }
        catch (SqlException e)
        {
            _logger.LogError(e, "Realm path {RealmPath}, version {Version}: SQL error {Number} at line {LineNumber} of {Procedure}: {Error}",
                state.RealmPath, transaction.Version, e.Number, e.LineNumber, e.Procedure, e.Message);
            return Stop(state, $"SQL error {e.Number} applying version {transaction.Version}: {e.Message} Fix the cause, then restart.");
        }
        catch (System.Data.Common.DbException e)
        {
            _logger.LogError(e, "Realm path {RealmPath}, version {Version}: database error {SqlState}: {Error}", state.RealmPath, transaction.Version, e.SqlState, e.Message);
            return Stop(state, $"database error {e.SqlState} applying version {transaction.Version}: {e.Message} Fix the cause, then restart.");
        }

        return await FinishAsync(state, transaction, outcome, counts, cancellationToken);
    }

    private async Task<InboundRunStatus?> FinishAsync(RealmState state, AdapterTransaction transaction, ApplyOutcome outcome, RunCounts counts, CancellationToken cancellationToken)
    {
        if (outcome.Status == ApplyStatus.SchemaScriptNeeded)
        {
            var owner = outcome.SchemaOwner ?? state.Realm!.RealmId;
            var path = await SchemaScriptFile.WriteAsync(_journal, state.RealmPath, owner, transaction.Version, outcome.PreviousMapping!, outcome.PendingSchema!, cancellationToken);
            _logger.LogError("Realm path {RealmPath}: version {Version} needs a schema change and Schema.ApplyMode is 'script'. A DBA must review and run {ScriptPath}, then restart the connector",
                state.RealmPath, transaction.Version, path);
            return Stop(state, $"version {transaction.Version} needs a schema change: a DBA must run '{path}', then restart the connector.");
        }

        if (outcome.Registered is { } registered)
        {
            state.Realm = registered;
            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation("Realm path {RealmPath}: registered as RealmId {RealmId} under partitioned mapping {PartitionOf} with version {Version}",
                    state.RealmPath, registered.RealmId, registered.PartitionOf, transaction.Version);
            }
        }

        if (outcome.Status == ApplyStatus.Applied)
        {
            counts.Applied++;
            counts.Instructions += transaction.Instructions.Length;
            counts.Conflicts += outcome.Conflicts;
            counts.LeftOut += outcome.Refused.Length;
            foreach (var refused in outcome.Refused)
            {
                // Not a stop under either OnBadTransaction: the rest of the transaction was applied.
                _logger.LogWarning("Realm path {RealmPath}: version {Version}, instruction {InstructionIndex}: {Error}; recorded in realmsync.DeadLetter",
                    state.RealmPath, transaction.Version, refused.Instructions[0], refused.Error);
            }
        }
        else
        {
            counts.Skipped++;
        }

        state.Cursor = transaction.Version;
        return null;
    }

    private async Task<InboundRunStatus?> BadInputAsync(RealmState state, JournalLine line, AdapterFormatException error, RunCounts counts, CancellationToken cancellationToken)
    {
        // A line that does not decode has no version to record: 0. The text names the segment and line once ({line}).
        var version = error.Version ?? 0;
        var text = $"{line}: {error.Message}";
        var skip = _options.OnBadTransaction == BadTransactionPolicy.Skip && version > state.Cursor;
        if (!state.Realm!.Registered)
        {
            // A new path's first transaction is bad: the path is registered all the same, for its dead letter to name it.
            state.Realm = await _applier.RegisterAsync(state.Realm, cancellationToken);
        }

        await _applier.DeadLetterAsync(
            new DeadLetterRecord(state.Realm!.RealmId, version, error.InstructionIndex, text, Encoding.UTF8.GetString(line.Utf8.Span)), skip, cancellationToken);
        counts.DeadLettered++;
        _logger.LogError("Realm path {RealmPath}: version {Version} is bad input at instruction {InstructionIndex}: {Error}; it is in realmsync.DeadLetter, policy {Policy}",
            state.RealmPath, version, error.InstructionIndex, text, _options.OnBadTransaction);
        if (_options.OnBadTransaction == BadTransactionPolicy.Skip)
        {
            state.Cursor = Math.Max(state.Cursor, version);
            return null;
        }

        return Stop(state, $"version {version} could not be applied ({text}); it is in realmsync.DeadLetter. Correct or remove it from the journal, or set {ApplierOptions.OnBadTransactionKey} to 'skip', then restart.");
    }

    private InboundRunStatus Stop(RealmState state, string reason)
    {
        state.StopReason = reason;
        _logger.LogError("Realm path {RealmPath} stopped: {Reason}", state.RealmPath, reason);
        return InboundRunStatus.Stopped;
    }

    private sealed class RealmState(string realmPath)
    {
        public string RealmPath { get; } = realmPath;

        public MappedRealm? Realm { get; set; }

        public long Cursor { get; set; }

        public JournalPosition? Position { get; set; }

        public VersionOrder Order { get; } = new();

        public JournalPosition? CheckedLine { get; set; }

        public string? StopReason { get; set; }
    }

    private sealed class RunCounts
    {
        public int Applied { get; set; }

        public int Skipped { get; set; }

        public int DeadLettered { get; set; }

        public int Conflicts { get; set; }

        public int LeftOut { get; set; }

        public long Instructions { get; set; }

        public InboundRunResult For(RealmState state, InboundRunStatus status) =>
            new(state.RealmPath, status, Applied, Skipped, DeadLettered, Conflicts, state.Cursor, state.StopReason) { LeftOut = LeftOut, Instructions = Instructions };
    }
}
