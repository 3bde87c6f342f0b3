using Hotline.Core.Conversations;

namespace Hotline.Bot.Channels;

/// <summary>
/// The bot's answer as a channel keeps it in the step that stores the person's message (<see cref="Step"/>), and what the
/// channel does once that step kept it with its send turn: <see cref="QueueAsync"/> puts it on the channel's queue, unless
/// the step itself appended it there (<see cref="AnswerInStep.Queue"/>, on one Redis).
/// </summary>
public sealed record ChannelAnswer(AnswerInStep Step, Func<long, Task> QueueAsync);
