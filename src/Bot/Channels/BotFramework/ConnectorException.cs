namespace Hotline.Bot.Channels.BotFramework;

/// <summary>The connector or the token service could not be reached or refused, after retries.</summary>
public sealed class ConnectorException(string message, Exception? inner = null) : Exception(message, inner);
