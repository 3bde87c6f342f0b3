namespace Hotline.Operator.Tests;

/// <summary>Writes transcripts as the services do: the person's and the bot's words signed by the Bot, an operator's by the Operator service.</summary>
public sealed class ServiceTranscripts(TranscriptStore bot, TranscriptStore operatorService)
{
    public Task<TranscriptEntry> AppendAsync(string conversationId, Author author, string? by, string text, CancellationToken cancellationToken) =>
        (author == Author.Operator ? operatorService : bot).AppendAsync(conversationId, author, by, text, cancellationToken);

    public Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string conversationId, CancellationToken cancellationToken) =>
        bot.ReadAsync(conversationId, cancellationToken);
}
