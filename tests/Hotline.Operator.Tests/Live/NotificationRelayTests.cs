using System.Collections.Concurrent;
using System.Diagnostics;
using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Identity;
using Hotline.Core.Live;
using Hotline.Core.Storage;
using Hotline.Core.Telemetry;
using Hotline.Operator.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Hotline.Operator.Tests.Live;

/// <summary>
/// The relay between Triage's signals (hl:notify, its own redis-server) and the consoles' SignalR sends, which are recorded
/// here as the consoles would receive them: what an operator's console chimes, and in which order.
/// </summary>
public sealed class NotificationRelayTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task A_send_that_fails_for_one_case_is_retried_alone_and_the_other_cases_notices_chime_once()
    {
        var (hotline, signals) = await FreshStreamAsync();
        var failedOnce = 0;
        var consoles = new Consoles(send =>
            send.Contains("\"case-a\",\"stage\":1", StringComparison.Ordinal) && Interlocked.Exchange(ref failedOnce, 1) == 0
                ? throw new HubException("the backplane is out of reach")
                : Task.CompletedTask);
        // One read: case A's first alert fails once; case B's alert, case C's offer and a surge go through.
        await signals.AlertAsync("case-a", 1, "operators");
        await signals.AlertAsync("case-b", 1, "operators");
        await signals.OfferAsync("case-c", "op-c");
        await signals.SurgeAsync(true, 2, 0);
        await signals.AlertAsync("case-a", 2, "operators");

        using (var first = Relay(hotline, consoles))
        {
            await first.StartAsync(CancellationToken.None);
            await consoles.WaitForAsync(d => d.Count(s => s.Contains("\"case-b\"") || s.Contains("case-c") || s.Contains("surge")) == 3);
            // Stopping hands what stays pending back; the next relay takes it at once (as after ClaimIdle).
            await first.StopAsync(CancellationToken.None);
        }
        using (var second = Relay(hotline, consoles))
        {
            await second.StartAsync(CancellationToken.None);
            await consoles.WaitForAsync(d => d.Any(s => s.Contains("\"case-a\",\"stage\":2", StringComparison.Ordinal)));
            await Task.Delay(300);
            await second.StopAsync(CancellationToken.None);
        }

        // The other cases' notices once each (in any order: different cases go at once).
        Assert.Equal(
        [
            "group:staff alert {\"caseId\":\"case-b\",\"stage\":1,\"audience\":\"operators\"}",
            "group:staff surge {\"active\":true,\"waiting\":2,\"free\":0}",
            "user:op-c offered {\"caseId\":\"case-c\"}",
        ], consoles.Delivered.Where(s => !s.Contains("case-a")).Order(StringComparer.Ordinal));
        // Case A's alerts, once each and in their order, after the retry.
        Assert.Equal(
        [
            "group:staff alert {\"caseId\":\"case-a\",\"stage\":1,\"audience\":\"operators\"}",
            "group:staff alert {\"caseId\":\"case-a\",\"stage\":2,\"audience\":\"operators\"}",
        ], consoles.Delivered.Where(s => s.Contains("case-a")));
        Assert.Equal(0, (await redis.Database.StreamPendingAsync(RedisKeys.Notifications, "operator")).PendingMessageCount);
    }

    [Fact]
    public async Task An_offer_moved_on_in_the_same_read_reaches_the_first_operator_before_its_withdrawal_however_slow_the_send()
    {
        var (hotline, signals) = await FreshStreamAsync();
        // The offer to A is slow to go out (a busy backplane); its withdrawal must still arrive after it.
        var consoles = new Consoles(send => send.StartsWith("user:op-a offered", StringComparison.Ordinal) ? Task.Delay(300) : Task.CompletedTask);
        await signals.OfferAsync("case-k", "op-a");
        await signals.OfferAsync("case-k", "op-b", from: "op-a");

        using var relay = Relay(hotline, consoles);
        await relay.StartAsync(CancellationToken.None);
        await consoles.WaitForAsync(d => d.Count == 3);
        await relay.StopAsync(CancellationToken.None);

        // A's console ends without the offer; B's holds it.
        Assert.Equal(["user:op-a offered", "user:op-a offerWithdrawn"], consoles.Delivered.Where(s => s.StartsWith("user:op-a", StringComparison.Ordinal)).Select(s => s[..s.IndexOf(" {", StringComparison.Ordinal)]));
        Assert.Contains("user:op-b offered {\"caseId\":\"case-k\"}", consoles.Delivered);
    }

    [Fact]
    public async Task A_case_row_that_fails_once_reaches_the_consoles_on_retry_without_chiming_the_alert_again()
    {
        var (hotline, signals) = await FreshStreamAsync();
        await new CaseStore(hotline, TimeProvider.System).OpenAsync("case-r", Ids.New("c", 16), Severity.Critical, ["violence"], Language.Sq, Channel.Sms);
        var failedOnce = 0;
        var consoles = new Consoles(send =>
            send.StartsWith("group:staff caseChanged", StringComparison.Ordinal) && Interlocked.Exchange(ref failedOnce, 1) == 0
                ? throw new HubException("the backplane is out of reach")
                : Task.CompletedTask);
        await signals.AlertAsync("case-r", 1, "operators");

        await RelayUntilRowAsync(hotline, consoles);

        await AssertNoticeThenRowAsync(consoles, "group:staff alert", "case-r");
    }

    [Fact]
    public async Task A_new_case_whose_read_is_abandoned_before_its_row_went_out_reaches_the_consoles_when_relayed_again()
    {
        var (hotline, signals) = await FreshStreamAsync();
        await new CaseStore(hotline, TimeProvider.System).OpenAsync("case-n", Ids.New("c", 16), Severity.Critical, ["violence"], Language.Sq, Channel.Sms);
        var shutdown = new TaskCompletionSource();
        var dispatching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The dispatch's send is still out when the Operator's shutdown timeout runs out, and ends cancelled.
        var stalled = new Consoles(async send =>
        {
            if (!send.StartsWith("group:staff dispatch", StringComparison.Ordinal)) return;
            dispatching.TrySetResult();
            await shutdown.Task;
            throw new OperationCanceledException();
        });
        await signals.CaseChangedAsync("case-n");
        await signals.DispatchAsync("case-n", null);

        using (var first = Relay(hotline, stalled))
        {
            await first.StartAsync(CancellationToken.None);
            await dispatching.Task.WaitAsync(TimeSpan.FromSeconds(30));
            using var timedOut = new CancellationTokenSource();
            await timedOut.CancelAsync();
            var stopping = first.StopAsync(timedOut.Token);
            shutdown.SetResult();
            await stopping;
        }
        Assert.DoesNotContain(stalled.Delivered, s => s.Contains("caseChanged", StringComparison.Ordinal));
        Assert.Equal(2, (await redis.Database.StreamPendingAsync(RedisKeys.Notifications, "operator")).PendingMessageCount);

        var consoles = new Consoles(_ => Task.CompletedTask);
        await RelayUntilRowAsync(hotline, consoles);

        // The consoles list the new case (its row) and hear of the dispatch.
        await AssertNoticeThenRowAsync(consoles, "group:staff dispatch", "case-n");
    }

    [Fact]
    public async Task A_case_row_that_can_be_neither_sent_nor_handed_back_keeps_the_cases_later_signals_pending_and_their_order()
    {
        var (hotline, consoles, server, rowFailed) = await RowOwedAsync("case-d");
        try
        {
            using (var first = Relay(hotline, consoles))
            {
                await FailRowAndHandBackAsync(first, server, rowFailed);
                await first.StopAsync(CancellationToken.None);
            }
            // Another relay takes them (this one stopped): it relays the case's signals again in their order.
            await RelayUntilRowAsync(hotline, consoles);
        }
        finally
        {
            await server.ConfigSetAsync("maxmemory", "0");
        }

        // The alert never after the dispatch that followed it, then the row; nothing stays pending.
        Assert.Equal(
            ["group:staff alert", "group:staff dispatch", "group:staff alert", "group:staff dispatch", "group:staff caseChanged"],
            consoles.Delivered.Select(s => s[..s.IndexOf(" {", StringComparison.Ordinal)]));
        Assert.Equal(0, (await redis.Database.StreamPendingAsync(RedisKeys.Notifications, "operator")).PendingMessageCount);
    }

    [Fact]
    public async Task A_case_row_that_can_be_neither_sent_nor_handed_back_reaches_the_consoles_on_the_same_relays_retry_without_chiming_again()
    {
        var (hotline, consoles, server, rowFailed) = await RowOwedAsync("case-e");
        using var relay = Relay(hotline, consoles);
        try
        {
            await FailRowAndHandBackAsync(relay, server, rowFailed);
            // Half a minute on (ClaimIdle) the relay claims its pending signals again: here they are made that idle at once.
            var pending = await redis.Database.StreamPendingMessagesAsync(RedisKeys.Notifications, "operator", 10, RedisValue.Null);
            await redis.Database.ExecuteAsync("XCLAIM",
                [RedisKeys.Notifications, "operator", pending[0].ConsumerName.ToString(), 0, .. pending.Select(p => p.MessageId.ToString()), "IDLE", 30_000, "JUSTID"]);
            await redis.Connection.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisKeys.Wake(RedisKeys.Notifications)), StreamGroupWorker.HandedBack);
            await consoles.WaitForAsync(d => d.Any(s => s.StartsWith("group:staff caseChanged", StringComparison.Ordinal)));
            await Task.Delay(300);
        }
        finally
        {
            await server.ConfigSetAsync("maxmemory", "0");
            await relay.StopAsync(CancellationToken.None);
        }

        // The alert and the dispatch chimed once, in their order, then the row; nothing stays pending.
        Assert.Equal(
            ["group:staff alert", "group:staff dispatch", "group:staff caseChanged"],
            consoles.Delivered.Select(s => s[..s.IndexOf(" {", StringComparison.Ordinal)]));
        Assert.Equal(0, (await redis.Database.StreamPendingAsync(RedisKeys.Notifications, "operator")).PendingMessageCount);
    }

    [Fact]
    public async Task Each_signal_is_traced_under_the_type_Triage_wrote_it_with()
    {
        var (hotline, signals) = await FreshStreamAsync();
        var traced = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == HotlineTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "hotline.console.signal" && activity.GetTagItem("hotline.signal") is string type) traced.Enqueue(type);
            },
        };
        ActivitySource.AddActivityListener(listener);
        var consoles = new Consoles(_ => Task.CompletedTask);
        await signals.AlertAsync("case-t", 1, "operators");
        await signals.SurgeAsync(true, 1, 0);
        // The types as the writer put them on hl:notify, under the field it named them with.
        var written = (await redis.Database.StreamRangeAsync(RedisKeys.Notifications)).Select(e => e[WireNames.TypeField].ToString()).ToList();
        Assert.Equal(["alert", "surge"], written);

        using var relay = Relay(hotline, consoles);
        await relay.StartAsync(CancellationToken.None);
        await consoles.WaitForAsync(d => d.Any(s => s.Contains("surge", StringComparison.Ordinal)) && d.Any(s => s.Contains("\"case-t\"", StringComparison.Ordinal)));
        await relay.StopAsync(CancellationToken.None);
        Assert.All(written, type => Assert.Contains(type, traced));
    }

    [Fact]
    public async Task The_rows_of_cases_signalled_together_reach_the_consoles_in_one_message_each_as_it_stands_now()
    {
        var (hotline, signals) = await FreshStreamAsync();
        var store = new CaseStore(hotline, TimeProvider.System);
        string[] ids = ["case-f", "case-g", "case-h"];
        foreach (var id in ids) await store.OpenAsync(id, Ids.New("c", 16), Severity.High, ["violence"], Language.Sq, Channel.Sms);
        foreach (var id in ids) await signals.CaseChangedAsync(id);
        // Case G closed after its signal was sent: the consoles get it closed, not as the signal found it.
        await store.CloseAsync("case-g", "resolved", "{}");
        await signals.CaseChangedAsync("case-g");
        var consoles = new Consoles(_ => Task.CompletedTask);

        using (var relay = Relay(hotline, consoles))
        {
            await relay.StartAsync(CancellationToken.None);
            await consoles.WaitForAsync(d => d.Count > 0);
            await Task.Delay(300);
            await relay.StopAsync(CancellationToken.None);
        }

        var send = Assert.Single(consoles.Delivered);
        Assert.StartsWith("group:staff-rows casesChanged [", send, StringComparison.Ordinal);
        var rows = JsonDocument.Parse(send["group:staff-rows casesChanged ".Length..]).RootElement.EnumerateArray()
            .ToDictionary(r => r.GetProperty("Id").GetString()!, r => r.GetProperty("Status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["case-f"] = "open", ["case-g"] = "closed", ["case-h"] = "open" }, rows);
        Assert.Equal(0, (await redis.Database.StreamPendingAsync(RedisKeys.Notifications, "operator")).PendingMessageCount);
    }

    /// <summary>
    /// A case's alert and dispatch on the stream; the consoles fail the case's first row, and Redis refuses writes from then
    /// on (out of memory, until the caller sets maxmemory back to 0), so that handing the row back fails too.
    /// </summary>
    private async Task<(HotlineRedis, Consoles, IServer, Task RowFailed)> RowOwedAsync(string caseId)
    {
        var (hotline, signals) = await FreshStreamAsync();
        await new CaseStore(hotline, TimeProvider.System).OpenAsync(caseId, Ids.New("c", 16), Severity.Critical, ["violence"], Language.Sq, Channel.Sms);
        var server = redis.Connection.GetServer(redis.ConnectionString);
        var rowFailed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consoles = new Consoles(async send =>
        {
            if (!send.StartsWith("group:staff caseChanged", StringComparison.Ordinal) || rowFailed.Task.IsCompleted) return;
            await server.ConfigSetAsync("maxmemory", "1");
            rowFailed.TrySetResult();
            throw new HubException("the backplane is out of reach");
        });
        await signals.AlertAsync(caseId, 1, "operators");
        await signals.DispatchAsync(caseId, null);
        return (hotline, consoles, server, rowFailed.Task);
    }

    /// <summary>The relay chimes the alert and the dispatch, fails the row and its hand-back, and Redis takes writes again.</summary>
    private async Task FailRowAndHandBackAsync(NotificationRelay relay, IServer server, Task rowFailed)
    {
        await relay.StartAsync(CancellationToken.None);
        await rowFailed.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        await server.ConfigSetAsync("maxmemory", "0");
        // Neither signal is acknowledged: the row is still owed, and the dispatch came after the alert.
        Assert.Equal(2, (await redis.Database.StreamPendingAsync(RedisKeys.Notifications, "operator")).PendingMessageCount);
    }

    /// <summary>The consoles got the notice, then the case's row, and nothing stays pending.</summary>
    private async Task AssertNoticeThenRowAsync(Consoles consoles, string notice, string caseId)
    {
        Assert.Equal([notice, "group:staff caseChanged"], consoles.Delivered.Select(s => s[..s.IndexOf(" {", StringComparison.Ordinal)]));
        Assert.Contains($"\"{caseId}\"", consoles.Delivered[1], StringComparison.Ordinal);
        Assert.Equal(0, (await redis.Database.StreamPendingAsync(RedisKeys.Notifications, "operator")).PendingMessageCount);
    }

    /// <summary>The stream is written before the relay starts, so one read takes every signal.</summary>
    private async Task<(HotlineRedis, ConsoleSignals)> FreshStreamAsync()
    {
        await redis.FlushAllAsync();
        var hotline = new HotlineRedis(redis.Connection);
        return (hotline, new ConsoleSignals(hotline));
    }

    /// <summary>A relay runs (taking what is pending at once) until a case's row reached the consoles, and a moment more.</summary>
    private static async Task RelayUntilRowAsync(HotlineRedis hotline, Consoles consoles)
    {
        using var relay = Relay(hotline, consoles);
        await relay.StartAsync(CancellationToken.None);
        await consoles.WaitForAsync(d => d.Any(s => s.StartsWith("group:staff caseChanged", StringComparison.Ordinal)));
        await Task.Delay(300);
        await relay.StopAsync(CancellationToken.None);
    }

    private static NotificationRelay Relay(HotlineRedis hotline, Consoles consoles) =>
        new(hotline, new ConsoleNotifier(consoles, new CaseStore(hotline, TimeProvider.System), hotline), NullLogger<NotificationRelay>.Instance, TimeProvider.System);

    /// <summary>
    /// The SignalR hub as the relay sees it: each send ("recipient method json") is recorded once it went out, in that
    /// order; <c>sending</c> may delay it or fail it first.
    /// </summary>
    private sealed class Consoles(Func<string, Task> sending) : IHubContext<ConsoleHub>, IHubClients
    {
        private readonly List<string> delivered = [];
        private readonly Func<string, Task> sending = sending;

        public IReadOnlyList<string> Delivered { get { lock (delivered) return [.. delivered]; } }

        public async Task WaitForAsync(Func<IReadOnlyList<string>, bool> done)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!done(Delivered))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("delivered: " + string.Join(" | ", Delivered));
                await Task.Delay(20);
            }
        }

        IHubClients IHubContext<ConsoleHub>.Clients => this;
        IGroupManager IHubContext<ConsoleHub>.Groups => throw new NotSupportedException();
        public IClientProxy All => new Proxy(this, "all");
        public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => new Proxy(this, "all");
        public IClientProxy Client(string connectionId) => new Proxy(this, "connection:" + connectionId);
        public IClientProxy Clients(IReadOnlyList<string> connectionIds) => new Proxy(this, "connections");
        public IClientProxy Group(string groupName) => new Proxy(this, "group:" + groupName);
        public IClientProxy Groups(IReadOnlyList<string> groupNames) => new Proxy(this, "groups");
        public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => new Proxy(this, "group:" + groupName);
        public IClientProxy User(string userId) => new Proxy(this, "user:" + userId);
        public IClientProxy Users(IReadOnlyList<string> userIds) => new Proxy(this, "users");

        private sealed class Proxy(Consoles consoles, string to) : IClientProxy
        {
            public async Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
            {
                var send = $"{to} {method} {JsonSerializer.Serialize(args.Single())}";
                await consoles.sending(send);
                lock (consoles.delivered) consoles.delivered.Add(send);
            }
        }
    }
}
