namespace Hotline.Testing;

/// <summary>
/// The Bot's abuse limits raised far beyond any test's traffic: every test talks from 127.0.0.1, so with the defaults
/// the whole suite would be one network address. Tests of the limits themselves set their own.
/// </summary>
public static class TestLimits
{
    public static IReadOnlyDictionary<string, string?> Raised { get; } = new Dictionary<string, string?>
    {
        ["HOTLINE_LIMIT_STARTS_PER_ADDRESS"] = "1000000",
        ["HOTLINE_LIMIT_POSTS_PER_CONVERSATION"] = "1000000",
        ["HOTLINE_LIMIT_REQUESTS_PER_SECOND"] = "1000000",
        ["HOTLINE_LIMIT_SMS_PER_SENDER"] = "1000000",
        ["HOTLINE_LIMIT_SMS_PER_SECOND"] = "1000000",
        ["HOTLINE_LIMIT_CASES_PER_ADDRESS"] = "1000000",
    };
}
