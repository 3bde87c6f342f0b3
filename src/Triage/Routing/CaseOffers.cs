using Hotline.Core.Live;
using Hotline.Core.Cases;
using Hotline.Core.Storage;
using Hotline.Core.Team;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Triage.Routing;

/// <summary>
/// Offers a waiting case to one operator at a time, best first: if the operator offered does not claim it within the offer
/// window, declines it, or goes away, the next-best free operator not yet offered gets it. Each step is on the case's
/// timeline; the escalation deadline does not move. The case hash keeps who holds the offer (<c>offeredTo</c>) and
/// everyone offered so far (<c>offered</c>); <c>hl:offers</c> holds each offer's end.
/// </summary>
public sealed class CaseOffers(
    HotlineRedis redis,
    CaseStore cases,
    CaseTimeline timeline,
    TeamDirectory team,
    PresenceStore presence,
    ConsoleSignals signals,
    TeamLoad load,
    IOptions<RoutingOptions> options,
    TimeProvider time,
    ILogger<CaseOffers> logger)
{
    // Moves the offer on only if it is still where the caller saw it: a second worker or a repeated decline changes nothing.
    // The timeline entries (why the last offer ended, whom it goes to) go in with it: whoever sees the offer sees them too.
    private static readonly RedisScript Move = RedisScript.Named(
        $"if redis.call('HGET', @key, '{CaseFields.Status}') ~= 'open' then return 0 end " +
        $"if (redis.call('HGET', @key, '{CaseFields.OfferedTo}') or '') ~= @from then return 0 end " +
        "if @ended ~= '' then redis.call('RPUSH', @timeline, @ended) end " +
        $"if @to == '' then redis.call('HDEL', @key, '{CaseFields.OfferedTo}') return 1 end " +
        $"local all = redis.call('HGET', @key, '{CaseFields.Offered}') " +
        $"redis.call('HSET', @key, '{CaseFields.OfferedTo}', @to, '{CaseFields.Offered}', (all and all ~= '') and (all .. ',' .. @to) or @to) " +
        "redis.call('RPUSH', @timeline, @entry) return 1",
        keys: ["key", "timeline"],
        args: ["from", "to", "ended", "entry"]);

    // Waiting cases found with nobody free left to offer them to, and who was free then (this worker's own memory). Whether
    // someone can be offered a case depends only on who is free and whom it was offered to, which only grows: until the
    // free operators change, such a case is not read again every second.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> nobodyNew = new();

    // Who holds each running offer as this worker last read it, with the offer's end: a new offer has a new end, and a claim
    // removes the offer, so while the end is the same and its holder online, the offer needs no reading on each tick.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (double Ends, string Holder)> running = new();

    // A case's first offer, made once whichever worker gets there (a redelivered event beside a slow opener): only from the
    // opening's announced step, which it moves on with the offer and its timeline entry (or the entry saying nobody is free).
    // Answers 0: another worker made it; 1: made; 2: nothing to offer (claimed or closed already, or offered meanwhile by
    // the watch that offers waiting urgent cases nobody is offered).
    private static readonly RedisScript First = RedisScript.Named(
        $"if redis.call('HGET', @key, '{CaseFields.Opening}') ~= @announced then return 0 end " +
        $"redis.call('HSET', @key, '{CaseFields.Opening}', @offered) " +
        $"if redis.call('HGET', @key, '{CaseFields.Status}') ~= 'open' then return 2 end " +
        $"if (redis.call('HGET', @key, '{CaseFields.OfferedTo}') or '') ~= '' then return 2 end " +
        "if @to == '' then redis.call('RPUSH', @timeline, @waiting) return 1 end " +
        $"local all = redis.call('HGET', @key, '{CaseFields.Offered}') " +
        $"redis.call('HSET', @key, '{CaseFields.OfferedTo}', @to, '{CaseFields.Offered}', (all and all ~= '') and (all .. ',' .. @to) or @to) " +
        "redis.call('RPUSH', @timeline, @entry) return 1",
        keys: ["key", "timeline"],
        args: ["announced", "offered", "to", "entry", "waiting"]);

    /// <summary>
    /// A case just opened (<see cref="CaseOpening.Announced"/>): offer it to the best free operator, once. A case whose
    /// opener died after offering it (<see cref="CaseOpening.Offered"/>) gets the offer's deadline and notice, which that
    /// worker may not have sent; the offer itself is not made again. Either way the opening is then finished.
    /// </summary>
    /// <param name="step">The opening's step as the caller last wrote or read it.</param>
    /// <returns>Whether an offer's notice went to the consoles (they read the case's row again with it).</returns>
    public async Task<bool> OfferFirstAsync(CaseRecord record, CaseOpening step)
    {
        var noticed = false;
        if (step == CaseOpening.Announced)
        {
            var candidates = OperatorPicker.Candidates(await team.AllAsync().ConfigureAwait(false), await presence.AllAsync().ConfigureAwait(false),
                await load.HoldersAsync().ConfigureAwait(false));
            var to = OperatorPicker.Next(candidates, record.Language, record.Categories, [])?.Member.Username ?? "";
            var outcome = (int)await First.EvaluateAsync(redis.Db,
                [
                    RedisKeys.Case(record.Id), // key
                    RedisKeys.CaseTimeline(record.Id), // timeline
                ],
                [
                    CaseStore.OpeningWire(CaseOpening.Announced), // announced
                    CaseStore.OpeningWire(CaseOpening.Offered), // offered
                    to,
                    timeline.Entry(TimelineKind.Offered, detail: to), // entry
                    timeline.Entry(TimelineKind.Waiting, detail: "no operator free"), // waiting
                ]).ConfigureAwait(false);
            if (outcome == 0) return false;
            if (outcome == 1 && to.Length > 0)
            {
                await SendOfferAsync(record, to, "").ConfigureAwait(false);
                noticed = true;
            }
            else if (outcome == 1) await redis.Db.SortedSetRemoveAsync(RedisKeys.OfferDeadlines, record.Id).ConfigureAwait(false);
        }
        else if (step == CaseOpening.Offered)
        {
            // Still offered to whom the worker that died offered it (nobody declined or let it lapse since): its deadline
            // is kept if that worker set it, and the notice goes again (a console counts a repeat, it does not show two).
            var (holder, _) = await OffersAsync(record.Id).ConfigureAwait(false);
            if (holder.Length > 0)
            {
                running.TryRemove(record.Id, out _);
                var ends = (time.GetUtcNow() + options.Value.OfferWindow(record.Severity)).ToUnixTimeMilliseconds() + Random.Shared.Next(1, 1000) / 1000.0;
                await redis.Db.SortedSetAddAsync(RedisKeys.OfferDeadlines, record.Id, ends, SortedSetWhen.NotExists).ConfigureAwait(false);
                await signals.OfferAsync(record.Id, holder, "").ConfigureAwait(false);
                noticed = true;
            }
        }
        else return false;
        await cases.FinishOpeningAsync(record.Id).ConfigureAwait(false);
        return noticed;
    }

    /// <summary>The offer to <paramref name="from"/> ended: offer the case to the next-best operator not yet offered.</summary>
    public async Task MoveOnAsync(string caseId, string from, OfferEnd why)
    {
        if (await cases.GetAsync(caseId).ConfigureAwait(false) is not { Status: CaseStatus.Open } record)
        {
            await redis.Db.SortedSetRemoveAsync(RedisKeys.OfferDeadlines, caseId).ConfigureAwait(false);
            return;
        }
        await OfferNextAsync(record, from, why, retry: false).ConfigureAwait(false);
    }

    /// <summary>
    /// Once a second, when someone is free: a waiting case without a running offer (nobody was free, or everyone offered
    /// let it pass) is offered to a free operator it has not been offered to yet, e.g. one who just came online.
    /// </summary>
    public async Task OfferWaitingAsync(IReadOnlyList<string> waiting, IReadOnlyList<Candidate> candidates)
    {
        foreach (var gone in nobodyNew.Keys.Except(waiting)) nobodyNew.TryRemove(gone, out _);
        if (waiting.Count == 0 || !candidates.Any(c => c.Free)) return;
        var free = string.Join(',', candidates.Where(c => c.Free).Select(c => c.Member.Username).Order(StringComparer.Ordinal));
        var running = (await redis.Db.SortedSetRangeByRankAsync(RedisKeys.OfferDeadlines).ConfigureAwait(false)).Select(v => v.ToString()).ToHashSet();
        foreach (var caseId in waiting.Where(id => !running.Contains(id)))
        {
            if (nobodyNew.TryGetValue(caseId, out var then) && then == free) continue;
            if (await cases.GetAsync(caseId).ConfigureAwait(false) is not { Status: CaseStatus.Open } record) continue;
            var (holder, offered) = await OffersAsync(caseId).ConfigureAwait(false);
            if (OperatorPicker.Next(candidates, record.Language, record.Categories, [.. offered, holder]) is null)
            {
                nobodyNew[caseId] = free;
                continue;
            }
            nobodyNew.TryRemove(caseId, out _);
            await OfferNextAsync(record, holder, null, retry: true).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// On every tick: offers whose window passed, and offers held by an operator who is no longer online, move on.
    /// Removing the entry from hl:offers is the lock between workers.
    /// </summary>
    public async Task WatchAsync(DateTimeOffset now)
    {
        var all = await redis.Db.SortedSetRangeByRankWithScoresAsync(RedisKeys.OfferDeadlines).ConfigureAwait(false);
        foreach (var gone in running.Keys.Except(all.Select(p => p.Element.ToString()))) running.TryRemove(gone, out _);
        if (all.Length == 0) return;
        var status = (await presence.AllAsync().ConfigureAwait(false)).ToDictionary(p => p.Username, p => p.Status);
        var nowMs = now.ToUnixTimeMilliseconds();
        var pending = all.Where(p => p.Score <= nowMs || !running.TryGetValue(p.Element.ToString(), out var known) || known.Ends != p.Score
            || status.GetValueOrDefault(known.Holder) != PresenceStatus.Online).ToArray();
        if (pending.Length == 0) return;
        var holders = await cases.OpenOffersAsync(pending.Select(p => p.Element.ToString()).ToList()).ConfigureAwait(false);
        for (var i = 0; i < pending.Length; i++)
        {
            var caseId = pending[i].Element.ToString();
            var holder = holders[i];
            var held = holder.Length > 0;
            OfferEnd? end = !held ? null
                : pending[i].Score <= now.ToUnixTimeMilliseconds() ? OfferEnd.Lapsed
                : status.GetValueOrDefault(holder) != PresenceStatus.Online ? OfferEnd.Gone
                : null;
            if (held && end is null)
            {
                running[caseId] = (pending[i].Score, holder);
                continue;
            }
            running.TryRemove(caseId, out _);
            if (!await redis.Db.SortedSetRemoveAsync(RedisKeys.OfferDeadlines, pending[i].Element).ConfigureAwait(false)) continue;
            if (end is { } why) await MoveOnAsync(caseId, holder, why).ConfigureAwait(false);
        }
    }

    /// <summary>Who holds the offer now ("" if nobody) and everyone offered the case so far.</summary>
    private async Task<(string Holder, IReadOnlyList<string> Offered)> OffersAsync(string caseId) =>
        await cases.FactsAsync(caseId).ConfigureAwait(false) is { } facts ? (facts.OfferedTo ?? "", facts.Offered) : ("", []);

    /// <param name="retry">A waiting case looked at again: nothing goes on the timeline unless someone is offered it.</param>
    private async Task OfferNextAsync(CaseRecord record, string from, OfferEnd? why, bool retry)
    {
        var key = RedisKeys.Case(record.Id);
        var (_, offered) = await OffersAsync(record.Id).ConfigureAwait(false);
        var candidates = OperatorPicker.Candidates(await team.AllAsync().ConfigureAwait(false), await presence.AllAsync().ConfigureAwait(false),
            await load.HoldersAsync().ConfigureAwait(false));
        var next = OperatorPicker.Next(candidates, record.Language, record.Categories, [.. offered, from]);
        var window = options.Value.OfferWindow(record.Severity);
        if (next is null && why == OfferEnd.Lapsed)
        {
            // Nobody else is free: the offer stays where it is, and the deadline's alert reaches everyone.
            await timeline.AppendAsync(record.Id, TimelineKind.OfferLapsed, detail: $"{from} did not claim within {(int)window.TotalSeconds} s; no other operator free").ConfigureAwait(false);
            return;
        }
        if (next is null && retry) return;
        var to = next?.Member.Username ?? "";
        if (why is not null || to.Length > 0)
        {
            var moved = await Move.EvaluateAsync(redis.Db,
                [
                    key,
                    RedisKeys.CaseTimeline(record.Id), // timeline
                ],
                [
                    from,
                    to,
                    why switch // ended
                    {
                        OfferEnd.Lapsed => timeline.Entry(TimelineKind.OfferLapsed, detail: $"{from} did not claim within {(int)window.TotalSeconds} s"),
                        OfferEnd.Gone => timeline.Entry(TimelineKind.OfferWithdrawn, detail: $"{from} is no longer online"),
                        _ => "",
                    },
                    timeline.Entry(TimelineKind.Offered, detail: to), // entry
                ]).ConfigureAwait(false);
            if ((int)moved != 1) return;
        }
        if (next is null)
        {
            await redis.Db.SortedSetRemoveAsync(RedisKeys.OfferDeadlines, record.Id).ConfigureAwait(false);
            await timeline.AppendAsync(record.Id, TimelineKind.Waiting, detail: why is null ? "no operator free" : "no other operator free").ConfigureAwait(false);
            if (why is not null) await signals.CaseChangedAsync(record.Id).ConfigureAwait(false);
            return;
        }
        await SendOfferAsync(record, to, from).ConfigureAwait(false);
        if (why is not null) logger.LogInformation("Case {CaseId} offered to the next operator ({Reason})", record.Id, why.Value.ToString());
    }

    /// <summary>The offer made: its end, for the watch, and the notice to the operator offered it (and to the one before).</summary>
    private async Task SendOfferAsync(CaseRecord record, string to, string from)
    {
        // A fraction of a millisecond tells this offer's end from an earlier one's in the same millisecond (the watch's memory).
        running.TryRemove(record.Id, out _);
        var ends = (time.GetUtcNow() + options.Value.OfferWindow(record.Severity)).ToUnixTimeMilliseconds() + Random.Shared.Next(1, 1000) / 1000.0;
        await redis.Db.SortedSetAddAsync(RedisKeys.OfferDeadlines, record.Id, ends).ConfigureAwait(false);
        await signals.OfferAsync(record.Id, to, from).ConfigureAwait(false);
    }
}
