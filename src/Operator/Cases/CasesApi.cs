using Hotline.Core.Telemetry;
using System.Text;
using Hotline.Core;
using Hotline.Core.Conversations;
using Hotline.Core.Dispatch;
using Hotline.Core.Events;
using Hotline.Core.Outbox;
using Hotline.Core.Places;
using Hotline.Core.Team;
using Hotline.Core.Transcripts;
using Hotline.Operator.Directory;
using Hotline.Operator.Live;
using Hotline.Operator.Team;

using Role = Hotline.Operator.Accounts.Role;

namespace Hotline.Operator.Cases;

public static class CasesApi
{
    public const int MaxReplyLength = 4000;
    public const int MaxNoteLength = 2000;

    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases").RequireAuthorization(Policies.Staff).Audited();
        api.MapGet("/", ListCases);
        api.MapGet("/{id}", GetCase);
        api.MapGet("/{id}/detail", GetDetail);
        api.MapGet("/{id}/transcript", GetTranscript);
        api.MapGet("/{id}/notes", GetNotes);
        api.MapGet("/{id}/replies", GetReplyStates);
        api.MapPost("/{id}/claim", Claim);
        api.MapPost("/{id}/messages", Reply);
        api.MapPost("/{id}/typing", Typing);
        api.MapPost("/{id}/release", Release);
        api.MapPost("/{id}/decline", Decline);
        api.MapPost("/{id}/transfer", Transfer);
        api.MapPut("/{id}/record", SaveRecord);
        api.MapPut("/{id}/severity", CorrectSeverity);
        api.MapPost("/{id}/close", Close);
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<CaseView>>, ProblemHttpResult>> ListCases(string? status, CaseStore cases)
    {
        if (status is not (null or "" or "open" or "claimed" or "active"))
        {
            return TypedResults.Problem("status must be open, claimed or active.", statusCode: StatusCodes.Status400BadRequest, title: "Bad status");
        }
        IReadOnlyList<CaseRecord> list = status switch
        {
            "open" => await cases.QueueAsync(),
            "claimed" => (await cases.ActiveAsync()).Where(c => c.Status == CaseStatus.Claimed).ToList(),
            _ => await cases.ActiveAsync(),
        };
        return TypedResults.Ok<IReadOnlyList<CaseView>>(list.Select(CaseView.From).ToList());
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> GetCase(string id, CaseStore cases) =>
        await cases.GetAsync(id) is { } record ? TypedResults.Ok(CaseView.From(record)) : NotFound();

    public static async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> GetDetail(string id, CaseStore cases, CaseTimeline timeline, CaseRecordStore records,
        DispatchStore dispatches, HotlineRedis redis, CaseViews views)
    {
        if (await cases.GetAsync(id) is not { } record || await cases.FactsAsync(id) is not { } facts) return NotFound();
        await views.ViewedAsync(id);
        return TypedResults.Ok(new CaseDetail(
            CaseView.From(record),
            await cases.SealedFactsAsync(id),
            facts.Duress,
            facts.Escalation,
            facts.OfferedTo,
            await timeline.ReadAsync(id),
            await records.GetAsync(id),
            await dispatches.GetAsync(id),
            await CaseMoveApi.PendingAsync(redis, record.ConversationId)));
    }

    /// <summary>
    /// The sealed entries, for the operator's browser to open with the team key; <c>?from=N</c> gives those from sequence N
    /// onwards, for a console that already holds the earlier ones. Opening one is audited (the filter).
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<TranscriptEntry>>, ProblemHttpResult>> GetTranscript(string id, long? from, CaseStore cases, TranscriptStore transcripts,
        CaseViews views, CancellationToken cancellationToken)
    {
        if (from is < 0) return TypedResults.Problem(title: "Invalid 'from'", detail: "'from' is a sequence number: 0 or more.", statusCode: StatusCodes.Status400BadRequest);
        if (await cases.GetAsync(id) is not { } record) return NotFound();
        // Marked before the read: a message stored after it is signalled to the consoles (CaseViews), one before it is read here.
        await views.ViewedAsync(id);
        return TypedResults.Ok(await transcripts.ReadAsync(record.ConversationId, cancellationToken, from ?? 0));
    }

    public static async Task<Results<Ok<IReadOnlyList<TranscriptEntry>>, ProblemHttpResult>> GetNotes(string id, CaseStore cases, CaseNotes notes, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(id) is null) return NotFound();
        return TypedResults.Ok(await notes.ReadAsync(id, cancellationToken));
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Claim(string id, ClaimsPrincipal user, CaseStore cases, ConversationStore conversations,
        HotlineRedis redis, ConsoleNotifier notifier, CaseTimeline timeline, TimeProvider time, SigningIdentity signer, HotlineMetrics metrics)
    {
        var me = user.Identity!.Name!;
        switch (await cases.ClaimAsync(id, me))
        {
            case ClaimOutcome.NotFound: return NotFound();
            case ClaimOutcome.Closed: return TypedResults.Problem("The case is closed.", statusCode: StatusCodes.Status409Conflict, title: "Case closed");
            case ClaimOutcome.AlreadyHeld: return TypedResults.Problem("Another operator holds this case.", statusCode: StatusCodes.Status409Conflict, title: "Already claimed");
        }
        var record = (await cases.GetAsync(id))!;
        var conversation = await conversations.GetAsync(record.ConversationId);
        if (conversation?.Operator != me)
        {
            await conversations.SetOperatorAsync(record.ConversationId, me);
            await redis.PublishAsync(RedisKeys.Outbox, new OutboxMessage(record.ConversationId, OutboxKind.OperatorJoined, null).ToFields(signer));
            await timeline.AppendAsync(id, TimelineKind.Claimed, me);
            var now = time.GetUtcNow();
            metrics.Claimed(record.Severity, now - record.OpenedAt);
            if (record.Severity == Severity.Critical) await TeamStatus.RecordCriticalClaimAsync(redis.Db, me, id, now);
        }
        await notifier.CaseChangedAsync(record.Id);
        return TypedResults.Ok(CaseView.From(record));
    }

    /// <summary>The delivery state of each operator reply in the case's conversation, by transcript sequence; no text.</summary>
    public static async Task<Results<Ok<IReadOnlyList<ReplyStateView>>, ProblemHttpResult>> GetReplyStates(string id, CaseStore cases, ReplyStates replies)
    {
        if (await cases.GetAsync(id) is not { } record) return NotFound();
        var states = await replies.ReadAsync(record.ConversationId);
        return TypedResults.Ok<IReadOnlyList<ReplyStateView>>(states.Select(s => new ReplyStateView(s.Key, s.Value.ToWire())).ToList());
    }

    public static async Task<Results<Ok<ReplyResponse>, ProblemHttpResult>> Reply(string id, ReplyRequest? request, ClaimsPrincipal user, CaseStore cases,
        TranscriptStore transcripts, TeamKeyDirectory keys, OperatorSigningKeys signingKeys, HotlineRedis redis, SigningIdentity signer, CancellationToken cancellationToken)
    {
        var text = request?.Text?.Trim();
        if (string.IsNullOrEmpty(text)) return TypedResults.Problem("A reply needs text.", statusCode: StatusCodes.Status400BadRequest, title: "Empty reply");
        if (text.Length > MaxReplyLength) return TypedResults.Problem($"A reply may hold at most {MaxReplyLength} characters.", statusCode: StatusCodes.Status400BadRequest, title: "Reply too long");
        if (await cases.GetAsync(id) is not { } record) return NotFound();
        var me = user.Identity!.Name!;
        if (record.Status != CaseStatus.Claimed || record.Holder != me)
        {
            return TypedResults.Problem("Claim the case before replying.", statusCode: StatusCodes.Status409Conflict, title: "Not your case");
        }
        var (words, refused) = await SignedWords.CheckAsync(request!.Signature, record.ConversationId, me, text, signingKeys, keys, cancellationToken);
        if (refused is not null) return refused;
        var botKey = await keys.BotPublicKeyAsync(cancellationToken);
        var sealedForBot = HotlineCrypto.Seal(Encoding.UTF8.GetBytes(text), botKey);
        var entry = await transcripts.AppendAsync(record.ConversationId, Author.Operator, me, text, cancellationToken, words: words);
        await redis.PublishAsync(RedisKeys.Outbox, new OutboxMessage(record.ConversationId, OutboxKind.Reply, sealedForBot, Sequence: entry.Sequence).ToFields(signer));
        return TypedResults.Ok(new ReplyResponse(entry.Sequence));
    }

    /// <summary>The holder is typing: the person sees it where their channel can show it. Nothing is stored.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Typing(string id, ClaimsPrincipal user, CaseStore cases, HotlineRedis redis, SigningIdentity signer)
    {
        if (await cases.GetAsync(id) is not { } record) return NotFound();
        if (record.Status != CaseStatus.Claimed || record.Holder != user.Identity!.Name) return NotYours();
        await redis.PublishAsync(RedisKeys.Outbox, new OutboxMessage(record.ConversationId, OutboxKind.Typing, null).ToFields(signer));
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Release(string id, ClaimsPrincipal user, CaseStore cases, ConversationStore conversations,
        HotlineRedis redis, ConsoleNotifier notifier, CaseTimeline timeline, SigningIdentity signer, CaseRecordStore records)
    {
        if (await cases.GetAsync(id) is not { } record) return NotFound();
        // Resolve records the outcome first: the case is kept for that outcome's retention (none recorded: the default).
        var outcome = (await records.GetAsync(id)).Outcome;
        if (!await cases.ReleaseAsync(id, user.Identity!.Name!, outcome))
        {
            return TypedResults.Problem("Only the operator holding the case can release it.", statusCode: StatusCodes.Status409Conflict, title: "Not your case");
        }
        await conversations.UnlinkCaseAsync(record.ConversationId);
        await redis.PublishAsync(RedisKeys.Outbox, new OutboxMessage(record.ConversationId, OutboxKind.OperatorLeft, null).ToFields(signer));
        await timeline.AppendAsync(id, TimelineKind.Released, user.Identity!.Name);
        await notifier.CaseChangedAsync(id);
        return TypedResults.Ok(CaseView.From((await cases.GetAsync(id))!));
    }

    /// <summary>The operator a waiting case is offered to passes: the Triage worker offers it to the next-best operator.</summary>
    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Decline(string id, ClaimsPrincipal user, CaseStore cases, HotlineRedis redis, CaseTimeline timeline)
    {
        if (await cases.GetAsync(id) is not { } record) return NotFound();
        var me = user.Identity!.Name!;
        if (record.Status != CaseStatus.Open || (await cases.FactsAsync(id))?.OfferedTo != me)
        {
            return TypedResults.Problem("Only the operator a waiting case is offered to can decline it.", statusCode: StatusCodes.Status409Conflict, title: "Not offered to you");
        }
        await timeline.AppendAsync(id, TimelineKind.Declined, me);
        await redis.PublishAsync(RedisKeys.Events, new CaseEvent.Declined(id, me).ToFields());
        return TypedResults.Ok(CaseView.From(record));
    }

    /// <summary>The holder hands the case to a colleague or a supervisor, with a private note sealed to the team key.</summary>
    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Transfer(string id, TransferRequest? request, ClaimsPrincipal user, CaseStore cases,
        ConversationStore conversations, CaseHandover handover, CaseNotes notes, TeamDirectory team, PresenceStore presence, CaseTimeline timeline,
        ConsoleNotifier notifier, CancellationToken cancellationToken)
    {
        var me = user.Identity!.Name!;
        var note = request?.Note?.Trim() ?? "";
        if (note.Length > MaxNoteLength) return TypedResults.Problem($"A note may hold at most {MaxNoteLength} characters.", statusCode: StatusCodes.Status400BadRequest, title: "Note too long");
        if (string.IsNullOrEmpty(request?.To) || request.To == me || await team.GetAsync(request.To) is not { TakesCases: true } target)
        {
            return TypedResults.Problem("Name a colleague or supervisor to transfer to.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown colleague");
        }
        if ((await presence.GetAsync(target.Username))?.Status == PresenceStatus.Offline && !target.Has(nameof(Role.Supervisor)))
        {
            return TypedResults.Problem($"{target.Username} is offline.", statusCode: StatusCodes.Status409Conflict, title: "Colleague offline");
        }
        if (await cases.GetAsync(id) is not { } record) return NotFound();
        if (!await handover.TransferAsync(id, me, target.Username)) return NotYours();
        await conversations.SetOperatorAsync(record.ConversationId, target.Username);
        if (note.Length > 0) await notes.AddAsync(id, me, note, cancellationToken);
        await timeline.AppendAsync(id, TimelineKind.Transferred, me, $"to {target.Username}{(note.Length > 0 ? ", with a private note" : "")}");
        await notifier.CaseChangedAsync(id);
        await notifier.HandedToAsync(id, target.Username, me);
        return TypedResults.Ok(CaseView.From((await cases.GetAsync(id))!));
    }

    /// <summary>
    /// Closes a case as a test, a prank or no contact, in one step: allowed to its holder or a supervisor, audited (the
    /// filter), on the timeline, and counted by reason on the dashboard. A held conversation goes back to the bot.
    /// </summary>
    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Close(string id, CloseRequest? request, ClaimsPrincipal user, CaseStore cases,
        ConversationStore conversations, CaseTimeline timeline, HotlineRedis redis, ConsoleNotifier notifier, TimeProvider time, SigningIdentity signer,
        HotlineMetrics metrics)
    {
        if (request?.Reason is not { } reason || !CloseReasons.ByOperator.Contains(reason))
        {
            return TypedResults.Problem($"reason must be one of: {string.Join(", ", CloseReasons.ByOperator)}.", statusCode: StatusCodes.Status400BadRequest, title: "Bad reason");
        }
        if (await cases.GetAsync(id) is not { } record) return NotFound();
        var me = user.Identity!.Name!;
        if (record.Status == CaseStatus.Closed) return AlreadyClosed();
        if (record.Holder != me && !user.IsInRole(nameof(Role.Supervisor)))
        {
            return TypedResults.Problem("Only the operator holding the case or a supervisor can close it.", statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }
        if (!await cases.CloseAsync(id, reason, timeline.Entry(TimelineKind.Closed, me, reason))) return AlreadyClosed();
        await conversations.UnlinkCaseAsync(record.ConversationId);
        if (record.Holder is not null) await redis.PublishAsync(RedisKeys.Outbox, new OutboxMessage(record.ConversationId, OutboxKind.OperatorLeft, null).ToFields(signer));
        metrics.CaseClosed(reason, record.Severity);
        await notifier.CaseChangedAsync(id);
        return TypedResults.Ok(CaseView.From((await cases.GetAsync(id))!));
    }

    /// <summary>Outcome code, referrals from the directory, follow-up date, and the area (which may make a dispatch possible).</summary>
    public static async Task<Results<Ok<CaseOutcome>, ProblemHttpResult>> SaveRecord(string id, RecordRequest? request, ClaimsPrincipal user, CaseStore cases,
        CaseRecordStore records, CaseTimeline timeline, HotlineRedis redis, TeamKeyDirectory teamKeys, MobileUnits units, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request is null) return TypedResults.Problem("Send the record.", statusCode: StatusCodes.Status400BadRequest, title: "Empty record");
        if (await cases.GetAsync(id) is not { } held) return NotFound();
        if (!HolderOrSupervisor(held, user)) return NotHolder();
        if (request.Outcome is { Length: > 0 } outcome && !CaseRecordStore.OutcomeCodes.Contains(outcome))
        {
            return TypedResults.Problem("Unknown outcome code.", statusCode: StatusCodes.Status400BadRequest, title: "Bad outcome");
        }
        var referrals = request.Referrals ?? [];
        if (referrals.Count > 20 || referrals.Any(r => !ServicesDirectory.Exists(r)))
        {
            return TypedResults.Problem("Referrals must be services from the directory.", statusCode: StatusCodes.Status400BadRequest, title: "Bad referral");
        }
        DateOnly? followUp = null;
        if (!string.IsNullOrEmpty(request.FollowUp))
        {
            if (!DateOnly.TryParseExact(request.FollowUp, "yyyy-MM-dd", out var date)) return TypedResults.Problem("Follow-up is a date, yyyy-mm-dd.", statusCode: StatusCodes.Status400BadRequest, title: "Bad date");
            followUp = date;
        }
        string? place = null;
        if (!string.IsNullOrEmpty(request.Municipality) && (place = Municipalities.Canonical(request.Municipality)) is null)
        {
            return TypedResults.Problem("Unknown municipality.", statusCode: StatusCodes.Status400BadRequest, title: "Bad municipality");
        }
        var me = user.Identity!.Name!;
        var saved = new CaseOutcome(string.IsNullOrEmpty(request.Outcome) ? null : request.Outcome, referrals.Distinct().ToList(), followUp, me, time.GetUtcNow());
        var before = await records.GetAsync(id);
        await records.SaveAsync(id, saved);
        if (saved.Outcome != before.Outcome && saved.Outcome is not null) await timeline.AppendAsync(id, TimelineKind.Outcome, me, saved.Outcome);
        if (saved.Outcome != before.Outcome) await cases.OutcomeRecordedAsync(id, saved.Outcome);
        foreach (var added in saved.Referrals.Except(before.Referrals)) await timeline.AppendAsync(id, TimelineKind.Referral, me, added);
        if (saved.FollowUp != before.FollowUp && saved.FollowUp is { } f) await timeline.AppendAsync(id, TimelineKind.FollowUp, me, f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (place is not null)
        {
            // Sealed at once: the area reaches Redis only as the console will open it (the console sends it when it changed).
            var sealedArea = (MessageFacts.None with { Place = place }).Seal(await teamKeys.PublicKeyAsync(cancellationToken), held.ConversationId, MessageFacts.Recorded);
            await cases.RecordAreaAsync(id, sealedArea, await units.NamesCoveringAsync(place));
            await timeline.AppendAsync(id, TimelineKind.Area, me, "recorded by the operator");
            await redis.PublishAsync(RedisKeys.Events, new CaseEvent.Updated(id).ToFields());
        }
        return TypedResults.Ok(saved);
    }

    /// <summary>
    /// The case's holder or a supervisor corrects the screener: the case takes the operator's severity and categories (the
    /// queue re-orders), the screener's rating stays beside it, the agreement figures count it, the reason is kept as a
    /// sealed note and the change is audited without text.
    /// </summary>
    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> CorrectSeverity(string id, SeverityRequest? request, ClaimsPrincipal user,
        CaseStore cases, CaseNotes notes, CaseTimeline timeline, ScreeningAgreement agreement, AuditLog audit, ConsoleNotifier notifier,
        CancellationToken cancellationToken)
    {
        if (request is null || !WireNames.TryParseSeverity(request.Severity, out var severity))
        {
            return TypedResults.Problem("severity must be none, low, medium, high or critical.", statusCode: StatusCodes.Status400BadRequest, title: "Bad severity");
        }
        var categories = request.Categories ?? [];
        if (categories.Any(c => !CaseCategories.IsKnown(c)))
        {
            return TypedResults.Problem($"categories must be among: {string.Join(", ", CaseCategories.Names)}.", statusCode: StatusCodes.Status400BadRequest, title: "Bad category");
        }
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length > MaxNoteLength) return TypedResults.Problem($"A reason may hold at most {MaxNoteLength} characters.", statusCode: StatusCodes.Status400BadRequest, title: "Reason too long");
        if (await cases.GetAsync(id) is not { } record) return NotFound();
        var me = user.Identity!.Name!;
        if (record.Holder != me && !user.IsInRole(nameof(Role.Supervisor)))
        {
            return TypedResults.Problem("Only the operator holding the case or a supervisor can rate it.", statusCode: StatusCodes.Status403Forbidden, title: "Not your case");
        }
        var corrected = (await cases.CorrectAsync(id, severity, categories, me))!;
        await agreement.RecordAsync(corrected);
        if (reason.Length > 0) await notes.AddAsync(id, me, "Rating: " + reason, cancellationToken);
        var detail = $"{record.Severity.ToWire()}→{severity.ToWire()} (screened {corrected.ScreenedSeverity.ToWire()})";
        await timeline.AppendAsync(id, TimelineKind.Rated, me, detail);
        await audit.AppendAsync(me, "rate case", id, detail);
        await notifier.CaseChangedAsync(id);
        return TypedResults.Ok(CaseView.From(corrected));
    }

    private static ProblemHttpResult AlreadyClosed() =>
        TypedResults.Problem("The case is already closed.", statusCode: StatusCodes.Status409Conflict, title: "Case closed");

    internal static ProblemHttpResult NotFound() =>
        TypedResults.Problem("No case with this id exists.", statusCode: StatusCodes.Status404NotFound, title: "Unknown case");

    /// <summary>A case's record and its dispatch are changed by the operator holding it, or by a supervisor.</summary>
    internal static bool HolderOrSupervisor(CaseRecord record, ClaimsPrincipal user) =>
        (record.Holder is { } holder && holder == user.Identity?.Name) || user.IsInRole(nameof(Role.Supervisor));

    internal static ProblemHttpResult NotHolder() =>
        TypedResults.Problem("Only the operator holding the case, or a supervisor, can change this.", statusCode: StatusCodes.Status403Forbidden, title: "Not your case");

    internal static ProblemHttpResult NotYours() =>
        TypedResults.Problem("Only the operator holding the case can do this.", statusCode: StatusCodes.Status409Conflict, title: "Not your case");
}
