using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Referral.Referrals.FollowUp;
using FollowUpDue = Platform.Referral.Referrals.FollowUpDue;

namespace Platform.Referral.Tests.Api;

[Collection(ReferralCollection.Name)]
public sealed class FollowUpTests(ReferralFixture fixture)
{
    private FollowUpMonitor AnotherInstance() =>
        new(fixture.Store, fixture.Clock, fixture.App.Services.GetRequiredService<FollowUpOptions>(), NullLogger<FollowUpMonitor>.Instance);

    private async Task<IReadOnlyList<FollowUpDue>> FollowUpsAsync(Guid referralId)
    {
        await using var session = fixture.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(referralId)).Select(e => e.Data).OfType<FollowUpDue>().ToList();
    }

    [Fact]
    public async Task An_unanswered_referral_raises_one_follow_up_per_lapse_whatever_the_number_of_monitors_and_an_update_re_arms_it()
    {
        var s = await ReferralScenario.StartAsync(fixture);
        var referralId = await s.RequestAsync();
        var requestedAt = fixture.Clock.GetUtcNow();

        fixture.Clock.Advance(TimeSpan.FromHours(ReferralFixture.AnswerWithinHours) - TimeSpan.FromMinutes(1));
        await AnotherInstance().RaiseDueAsync(default);
        Assert.Empty(await FollowUpsAsync(referralId));

        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        // The hosted monitor wakes on the clock too; two more instances race it, then a restarted one looks again.
        await Task.WhenAll(AnotherInstance().RaiseDueAsync(default), AnotherInstance().RaiseDueAsync(default));
        await AnotherInstance().RaiseDueAsync(default);
        var raised = Assert.Single(await FollowUpsAsync(referralId));
        Assert.Equal(Contracts.Referral.FollowUpReason.NoAnswer, raised.Reason);
        Assert.Equal(requestedAt.AddHours(ReferralFixture.AnswerWithinHours), raised.DueAt);

        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await AnotherInstance().RaiseDueAsync(default);
        Assert.Single(await FollowUpsAsync(referralId));

        await ReferralScenario.Expect(s.ProviderClient.PostAsync($"/api/referrals/{referralId}/acceptance", null), HttpStatusCode.NoContent);
        var view = await s.LeadClient.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/referrals/{referralId}");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, view.GetProperty("followUpDueAt").ValueKind);

        fixture.Clock.Advance(TimeSpan.FromDays(ReferralFixture.UpdateWithinDays) + TimeSpan.FromMinutes(1));
        await Task.WhenAll(AnotherInstance().RaiseDueAsync(default), AnotherInstance().RaiseDueAsync(default));
        var both = await FollowUpsAsync(referralId);
        Assert.Equal([Contracts.Referral.FollowUpReason.NoAnswer, Contracts.Referral.FollowUpReason.NoUpdate], both.Select(f => f.Reason));

        var published = await fixture.Consumer.WaitForAsync(s.CaseId, 3);
        Assert.Equal(2, published.Count(e => e.MessageType == "FollowUpDue"));
    }
}
