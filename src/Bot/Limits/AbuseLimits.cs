using Hotline.Core.Hosting;
using System.Globalization;
using System.Threading.RateLimiting;
using Hotline.Bot.Channels.DirectLine;
using Hotline.Core.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Limits;

/// <summary>
/// ASP.NET Core's rate limiter with partitioned policies: new web chat conversations per network address and posts per
/// conversation, both counted in Redis across Bots (<see cref="SharedWindow"/>), and one ceiling over all web chat and
/// Bot Framework requests of this Bot process (it guards the process, so it is counted in it). A refused request gets 429 with
/// Retry-After before its endpoint runs, so nothing of it is stored. Twilio's webhooks are not refused (Twilio does not
/// retry a refused SMS webhook, so the person's message would be lost): <see cref="SenderThrottle"/> answers them less.
/// </summary>
public static class AbuseLimits
{
    /// <summary>Direct Line tokens and new conversations, per keyed hash of the network address.</summary>
    public const string Starts = "starts";

    /// <summary>Activities posted, per conversation.</summary>
    public const string Posts = "posts";

    public static WebApplicationBuilder AddAbuseLimits(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LimitOptions>().Configure(o => LimitOptions.Bind(o, builder.Configuration)).ValidateOnStart(o => o.Problem());
        services.AddSingleton<NetworkAddresses>();
        services.AddSingleton<SharedWindow>();
        services.AddSingleton<SenderThrottle>();
        services.AddSingleton<SenderGates<Channels.Twilio.QueuedSms>>();
        services.AddSingleton<CaseBudget>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitOptions>, NetworkAddresses>((o, limits, addresses) =>
        {
            var l = limits.Value;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
            // Counted in Redis: every Bot of the deployment takes from the same allowance.
            o.AddPolicy(Starts, context => Shared(context, Starts, addresses.Of(context), l.StartsPerAddress, l.StartsWindow));
            // Counted only for a token that holds the conversation: a stranger who knows or guesses a conversation id cannot
            // use up the person's allowance, and a request the endpoint refuses anyway (no token, another conversation's,
            // a malformed id) stores nothing.
            o.AddPolicy(Posts, context => context.Request.RouteValues["conversationId"]?.ToString() is { } id && Ids.IsWellFormed(id)
                && context.RequestServices.GetRequiredService<DirectLineTokens>().Validate(DirectLineTokens.BearerFrom(context.Request.Headers.Authorization)) is { } grant
                && string.Equals(grant.ConversationId, id, StringComparison.Ordinal)
                ? Shared(context, Posts, id, l.PostsPerConversation, l.PostsWindow)
                : RateLimitPartition.GetNoLimiter(""));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Ceilinged(context.Request.Path)
                ? RateLimitPartition.GetFixedWindowLimiter("all", _ => Window(l.RequestsPerSecond, TimeSpan.FromSeconds(1)))
                : RateLimitPartition.GetNoLimiter(""));
        });
        return builder;
    }

    /// <summary>
    /// Loads the current pseudonym key for <see cref="NetworkAddresses"/>; before UseRateLimiter, whose partitions need it.
    /// The probes are left out: they are never limited, and a readiness check must answer for itself even when Redis
    /// refuses the write that a new period's key needs.
    /// </summary>
    public static IApplicationBuilder UseNetworkAddresses(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!Probe(context.Request.Path)) await context.RequestServices.GetRequiredService<NetworkAddresses>().PrepareAsync();
            await next(context);
        });

    private static bool Probe(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics");

    /// <summary>Twilio's webhooks (never refused) and the probes of health and metrics stay outside the ceiling.</summary>
    private static bool Ceilinged(PathString path) =>
        !path.StartsWithSegments("/api/twilio") && !Probe(path);

    private static RateLimitPartition<string> Shared(HttpContext context, string policy, string partition, int permits, TimeSpan window) =>
        RateLimitPartition.Get(partition, key => new SharedWindowLimiter(context.RequestServices.GetRequiredService<SharedWindow>(), policy, key, permits, window,
            context.RequestServices.GetRequiredService<TimeProvider>()));

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AbuseLimits).FullName!)
            .LogWarning("Refused a request to {Endpoint} over its limit; retry after {Seconds} s", context.GetEndpoint()?.DisplayName ?? "(ceiling)", seconds);
        await TypedResults.Problem($"Too many requests from here; try again in {seconds} s.", statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests").ExecuteAsync(context);
    }
}
