namespace Hotline.EndToEnd.Tests;

/// <summary>
/// The whole hotline (Triage, Bot, Operator over one redis-server) with 'demo' and a second operator, and a Direct Line
/// secret for the partner-site tests.
/// </summary>
public sealed class HotlineStack() : HotlineHost(new HotlineHostOptions
{
    Name = "hotline-e2e",
    Bot = true,
    Triage = true,
    Operator = true,
    Settings = new Dictionary<string, string?>
    {
        ["HOTLINE_DIRECTLINE_SECRET"] = DirectLineSecret,
        // One outcome kept shorter than the rest, so that a test sees the console's Resolve choose the retention.
        [Hotline.Core.Cases.RetentionOptions.VariableFor(SafetyPlan)] = SafetyPlanDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
    },
    DemoPassword = DemoPassword,
    Accounts = [new(SecondPassword, "add-operator", SecondOperator, "Operator")],
})
{
    public const string DemoPassword = "correct horse battery staple";
    public const string SecondOperator = "nightshift";
    public const string SecondPassword = "another long passphrase";
    public const string DirectLineSecret = "a-partner-site-direct-line-secret-0123456789";
    public const string SafetyPlan = "safety-plan";
    public const int SafetyPlanDays = 3;

    public Task<HttpClient> SignInAsync() => SignInAsync("demo", DemoPassword);
}
