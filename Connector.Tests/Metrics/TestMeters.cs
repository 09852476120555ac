using System.Diagnostics.Metrics;
using Connector.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Metrics;

/// <summary>
/// Metrics for a test: a <see cref="ConnectorMetrics"/> on a meter of its own (its own <see cref="IMeterFactory"/>),
/// so that tests never see each other's measurements; disposing it disposes the meter, which otherwise stays
/// known to every listener of the process (an endpoint test's OpenTelemetry pipeline among them).
/// </summary>
internal sealed class TestMeters : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public TestMeters(TimeProvider? time = null) =>
        Metrics = new ConnectorMetrics(_services.GetRequiredService<IMeterFactory>(), time);

    public ConnectorMetrics Metrics { get; }

    public void Dispose() => _services.Dispose();
}

/// <summary>A clock a test sets.</summary>
internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// Listens to one meter and keeps every measurement: the counters' sums and the gauges' latest observation per
/// instrument and Realm path tag (null for an untagged measurement).
/// </summary>
internal sealed class MeasuredValues : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, string? RealmPath, IReadOnlyDictionary<string, object?> Tags, double Value)> _all = [];
    private readonly Lock _gate = new();

    public MeasuredValues(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of every measurement of a counter for the path.</summary>
    public double Sum(string instrument, string? realmPath)
    {
        lock (_gate)
        {
            return Of(instrument, realmPath).Sum(m => m.Value);
        }
    }

    /// <summary>How many measurements of the instrument carried the tags.</summary>
    public int Count(string instrument, params (string Key, object Value)[] tags)
    {
        lock (_gate)
        {
            return _all.Count(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && Equals(v, t.Value)));
        }
    }

    /// <summary>Observes the gauges now and returns each path's value (untagged under the key "").</summary>
    public IReadOnlyDictionary<string, double> Gauge(string instrument)
    {
        lock (_gate)
        {
            _all.RemoveAll(m => m.Instrument == instrument);
        }

        _listener.RecordObservableInstruments();
        lock (_gate)
        {
            return _all.Where(m => m.Instrument == instrument).ToDictionary(m => m.RealmPath ?? "", m => m.Value);
        }
    }

    public void Dispose() => _listener.Dispose();

    private IEnumerable<(string Instrument, string? RealmPath, IReadOnlyDictionary<string, object?> Tags, double Value)> Of(string instrument, string? realmPath) =>
        _all.Where(m => m.Instrument == instrument && m.RealmPath == realmPath);

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_gate)
        {
            _all.Add((instrument.Name, copy.GetValueOrDefault(ConnectorMetrics.RealmPathTag) as string, copy, value));
        }
    }
}
