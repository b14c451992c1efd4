using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.Testing;

namespace Platform.Intake.Tests.Api;

[Collection(IntakeCollection.Name)]
public sealed class IdentityVaultTests(IntakeFixture fixture)
{
    // Synthetic: an invented name no real person has.
    private const string SyntheticName = "Zorblax Quenthwarp";

    [Fact]
    public async Task The_identity_is_stored_only_encrypted_read_under_consent_and_unrecoverable_once_erased()
    {
        var lead = fixture.ClientFor(TestTokens.NewAgency("lead"));
        var (team, other) = (TestTokens.NewAgency("team"), TestTokens.NewAgency("team"));
        var (opened, _) = await lead.OpenAsync();
        var url = $"/api/intake/cases/{opened.Id}";
        foreach (var agency in new[] { team, other })
            await lead.PostAsJsonAsync($"{url}/team", new { agencyId = agency, role = "legal" });
        await lead.PostAsJsonAsync($"{url}/consents", new
        {
            agencyId = team, categories = new[] { "identity" }, expiresAt = DateTimeOffset.UtcNow.AddDays(1),
            givenBy = "client", releaseReference = "release-test-0004",
        });
        await lead.PostAsJsonAsync($"{url}/consents", new
        {
            agencyId = other, categories = new[] { "needs" }, expiresAt = DateTimeOffset.UtcNow.AddDays(1),
            givenBy = "client", releaseReference = "release-test-0005",
        });

        var put = await lead.PutAsJsonAsync($"{url}/identity", new
        {
            names = new[] { SyntheticName }, aliases = new[] { "Zeeq" }, dateOfBirth = "1990-01-02", phone = "+1-555-0100",
        });
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);

        var read = await lead.GetFromJsonAsync<JsonElement>($"{url}/identity");
        Assert.Equal(SyntheticName, read.GetProperty("names")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await fixture.ClientFor(team, "provider").GetAsync($"{url}/identity")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(other, "provider").GetAsync($"{url}/identity")).StatusCode);
        Assert.Equal(0, await RowsContainingAsync(SyntheticName));

        Assert.Equal(HttpStatusCode.NoContent, (await lead.DeleteAsync($"{url}/identity")).StatusCode);

        var erased = await lead.GetAsync($"{url}/identity");
        Assert.Equal(HttpStatusCode.Gone, erased.StatusCode);
        Assert.Contains("erased", (await erased.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(0, await RowsContainingAsync(SyntheticName));
        var history = await lead.GetFromJsonAsync<JsonElement>($"{url}/history");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("event").GetString() == "identity_erased");
    }

    [Fact]
    public async Task Only_the_lead_agency_erases_an_identity()
    {
        var lead = fixture.ClientFor(TestTokens.NewAgency("lead"));
        var (opened, _) = await lead.OpenAsync();
        var url = $"/api/intake/cases/{opened.Id}";
        await lead.PutAsJsonAsync($"{url}/identity", new { names = new[] { "Synthetic Person" } });

        var stranger = await fixture.ClientFor(TestTokens.NewAgency()).DeleteAsync($"{url}/identity");

        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"{url}/identity")).StatusCode);
    }

    /// <summary>Every row of every table in the test database whose text contains the value, in the clear.</summary>
    private async Task<long> RowsContainingAsync(string value)
    {
        await using var connection = new NpgsqlConnection(fixture.Servers.Postgres);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select format('%I.%I', schemaname, tablename) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
            connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));

        long found = 0;
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from {table} t where t::text ilike @value", connection);
            count.Parameters.AddWithValue("value", $"%{value}%");
            found += (long)(await count.ExecuteScalarAsync())!;
        }
        return found;
    }
}
