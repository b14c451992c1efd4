using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Consumers;
using Platform.EventSourcing.Http;
using Platform.EventSourcing.Relay;
using Platform.ServiceDefaults;
using Weasel.Core;

namespace Platform.EventSourcing;

/// <summary>
/// A service's Marten event store, set up the same way everywhere: its own schema on <c>ConnectionStrings:Events</c>,
/// Guid streams, camelCase JSON, full event metadata, LISTEN/NOTIFY on append, the HotCold async daemon, and the
/// integration event relay as a subscription.
/// </summary>
public static class EventStore
{
    /// <summary>PostgreSQL connections one service process may hold (<c>EventStore:MaxPoolSize</c>).</summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>
    /// Registers the store in <paramref name="schema"/>; <c>EventStore:Schema</c> overrides it (tests give each host its own).
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore<TMap>(
        this WebApplicationBuilder builder, string schema, Action<StoreOptions>? configure = null)
        where TMap : IntegrationEventMap, new()
    {
        var connectionString = builder.Configuration.GetConnectionString("Events")
            ?? throw new InvalidOperationException("ConnectionStrings:Events (PostgreSQL) is required.");

        var databaseSchema = builder.Configuration["EventStore:Schema"] ?? schema;
        // The pool is bounded by configuration, not by load or data; the application name shows whose connections they are.
        var pooled = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = builder.Configuration.GetValue("EventStore:MaxPoolSize", DefaultMaxPoolSize),
            ApplicationName = databaseSchema,
        };
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(pooled.ConnectionString));
        builder.Services.AddSingleton<IntegrationEventMap>(new TMap());
        var relayOptions = builder.Configuration.GetSection("Relay").Get<RelayOptions>() ?? new RelayOptions();
        builder.Services.AddSingleton(relayOptions);
        builder.Services.AddSingleton<IPipelineStep, IdempotencyKeys.Step>();
        builder.Services.AddExceptionHandler<EventSourcingExceptionHandler>();
        builder.Services.AddExceptionHandler<DependencyUnavailableExceptionHandler>();
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgresql", tags: [Health.Ready]);

        return builder.Services
            .AddMarten(options =>
            {
                options.DatabaseSchemaName = databaseSchema;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                options.Events.MetadataConfig.EnableAll();
                // EnableAll leaves the user name out; the history and the integration events name the user.
                options.Events.MetadataConfig.UserNameEnabled = true;
                options.Events.UseListenNotifyForEventAppends = true;
                // A notification that arrives while the daemon is already looking is dropped; the slow poll is the
                // backstop for an event with no commit after it, so keep it short.
                options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(250);
                options.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();
                options.Schema.For<ProcessedMessage>();
                options.Schema.For<IdempotentRequest>();
                options.Schema.For<CaseAccess>();
                configure?.Invoke(options);
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .BuildSessionsWith<PlatformSessionFactory>()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(DaemonMode.HotCold)
            .AddSubscriptionWithServices<IntegrationEventRelay>(ServiceLifetime.Singleton);
    }
}

internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", ex);
        }
    }
}
