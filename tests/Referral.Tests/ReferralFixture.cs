using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Contracts;
using Platform.EventSourcing.Access;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Referral.Tests;

/// <summary>
/// One Referral service for the whole collection, on the real PostgreSQL (a schema of its own) and RabbitMQ, on a fake
/// clock that the follow-up tests move; Intake's integration events are published on the bus to drive its case access model.
/// </summary>
public sealed class ReferralFixture() : ServiceFixture<Program>("referrals")
{
    public const int AnswerWithinHours = 72;
    public const int UpdateWithinDays = 14;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public ConsumerHost Consumer { get; private set; } = null!;

    public IDocumentStore Store => App.Services.GetRequiredService<IDocumentStore>();

    protected override async Task BeforeStartAsync() =>
        Consumer = await ConsumerHost.StartAsync(Servers, typeof(Contracts.Referral.ReferralAccepted), typeof(Contracts.Referral.FollowUpDue),
            typeof(Contracts.Referral.ServiceDelivered));

    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting("Referrals:AnswerWithinHours", AnswerWithinHours.ToString());
        web.UseSetting("Referrals:UpdateWithinDays", UpdateWithinDays.ToString());
        web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Waits until Referral's access model of the case satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForAccessAsync(Guid caseId, Func<CaseAccess, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var session = Store.QuerySession();
            if (await session.LoadCaseAccessAsync(caseId, default) is { } access && condition(access)) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Referral's access model of case {caseId} did not reach the expected state.");
    }

    protected override async Task AfterStopAsync() => await Consumer.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ReferralCollection : ICollectionFixture<ReferralFixture>
{
    public const string Name = "referrals";
}
