namespace Hotline.EndToEnd.Tests.Cluster;

/// <summary>
/// The hotline as `infra/up --cluster` runs it, whatever HOTLINE_TEST_CLUSTER says: a Redis Cluster of three primaries
/// (real redis-server processes on free loopback ports, each with its own temporary data folder and the production ACL)
/// and two of each service, Bots A and B, Operator services A and B and two Triage workers, all in this process.
/// </summary>
public sealed class ClusterStack() : HotlineHost(new HotlineHostOptions
{
    Name = "hotline-cluster",
    Cluster = true,
    Bot = true,
    Triage = true,
    Operator = true,
    DemoPassword = DemoPassword,
    Accounts = [new(SecondPassword, "add-operator", SecondOperator, "Operator")],
})
{
    public const string DemoPassword = HotlineStack.DemoPassword;
    public const string SecondOperator = HotlineStack.SecondOperator;
    public const string SecondPassword = HotlineStack.SecondPassword;

    public Uri BotA => AddressOf(BotHosts[0]);
    public Uri BotB => AddressOf(BotHosts[1]);
    public Uri OperatorA => AddressOf(OperatorHosts[0]);
    public Uri OperatorB => AddressOf(OperatorHosts[1]);

    /// <summary>A client of one Operator service, signed in as this operator.</summary>
    public async Task<HttpClient> SignInAtAsync(Uri operatorService, string username, string password)
    {
        using var anonymous = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = operatorService, Timeout = TimeSpan.FromSeconds(60) };
        var token = await Hotline.Operator.Accounts.ClientKeys.SignInAsync(anonymous, username, password);
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = operatorService, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }
}
