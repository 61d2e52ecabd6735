using DiligenceEngine.Cli.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DiligenceEngine.Cli.Worker;

/// <summary>Builds the worker's host: configuration from appsettings.json, DILIGENCE_* environment variables and the command line.</summary>
public static class WorkerHost
{
    public static IHost Build(IDictionary<string, string?> commandLine)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Configuration.AddEnvironmentVariables("DILIGENCE_");
        builder.Configuration.AddInMemoryCollection(commandLine);
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new RenderingResources(sp.GetRequiredService<IOptions<WorkerOptions>>().Value.ChromiumPath));
        builder.Services.AddSingleton(new InputCache());
        builder.Services.AddHostedService<JobWorker>();
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, worker) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(worker.Value.ShutdownGraceSeconds + 15));
        return builder.Build();
    }
}
