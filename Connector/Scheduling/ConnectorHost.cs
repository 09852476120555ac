using Connector.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NLog.Extensions.Logging;

namespace Connector.Scheduling;

/// <summary>
/// The Generic Host of <c>run</c> and <c>sync</c>: NLog (nlog.config beside the program), systemd and Windows
/// service integration (each inert outside its service manager), the validated options, and the passes.
/// </summary>
public static class ConnectorHost
{
    public const string ServiceName = "realm-sqlserver";

    public static HostApplicationBuilder CreateBuilder(ConnectorOptions options, Action<IServiceCollection, ConnectorOptions>? addPasses = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = ServiceName,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        var nlogConfig = Path.Combine(AppContext.BaseDirectory, "nlog.config");
        if (File.Exists(nlogConfig))
        {
            builder.Logging.AddNLog(nlogConfig);
        }
        else
        {
            builder.Logging.AddNLog();
        }

        builder.Services.AddSystemd();
        builder.Services.AddWindowsService(o => o.ServiceName = ServiceName);
        AddOptions(builder.Services, options);
        builder.Services.AddSingleton<Metrics.ConnectorMetrics>();
        builder.Services.AddSingleton<PassRunner>();
        builder.Services.AddTransient<SyncRunner>();
        (addPasses ?? PassRegistration.Add)(builder.Services, options);
        return builder;
    }

    private static void AddOptions(IServiceCollection services, ConnectorOptions options)
    {
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(Options.Create(options.SqlServer));
        services.AddSingleton(Options.Create(options.Realm));
        services.AddSingleton(Options.Create(options.Schema));
        services.AddSingleton(Options.Create(options.Sync));
        services.AddSingleton(Options.Create(options.Scheduler));
        services.AddSingleton(Options.Create(options.ChangeTracking));
        services.AddSingleton(Options.Create(options.SqlFirst));
        services.AddSingleton(Options.Create(options.Metrics));
    }
}
