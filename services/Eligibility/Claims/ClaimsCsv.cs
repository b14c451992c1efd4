using Platform.ServiceDefaults;
using System.Globalization;
using System.Text;

namespace Platform.Eligibility.Claims;

/// <summary>
/// Claim lines as RFC 4180 CSV, ready for a spreadsheet and the reimbursement request: a header, one line per claimed service, and a total
/// line per unit (the number of services and the sum of their units). CRLF line ends; a field with a comma, a quote or a line break is quoted.
/// </summary>
public static class ClaimsCsv
{
    public static readonly string[] Header =
        ["case_id", "service_record_id", "delivered_on", "service_type", "units", "unit", "program_id", "program", "provider_agency_id"];

    public static string Write(IReadOnlyList<ClaimLine> lines)
    {
        var csv = new StringBuilder();
        Row(csv, Header);
        foreach (var l in lines)
            Row(csv, [l.CaseId.ToString(), l.Id.ToString(), l.DeliveredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                PlatformJson.Name(l.ServiceType), l.Units.ToString(CultureInfo.InvariantCulture), PlatformJson.Name(l.Unit),
                l.ProgramId, l.ProgramName, l.ProviderAgencyId]);
        // Units of different kinds (nights, sessions) are not added together: one total line per unit.
        foreach (var unit in lines.GroupBy(l => l.Unit).OrderBy(g => g.Key))
            Row(csv, ["Total", $"{unit.Count()} services", "", "", unit.Sum(l => l.Units).ToString(CultureInfo.InvariantCulture),
                PlatformJson.Name(unit.Key), "", "", ""]);
        if (lines.Count == 0) Row(csv, ["Total", "0 services", "", "", "0", "", "", "", ""]);
        return csv.ToString();
    }

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static void Row(StringBuilder csv, IEnumerable<string> fields) => csv.Append(string.Join(',', fields.Select(Field))).Append("\r\n");
}
