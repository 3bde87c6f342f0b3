using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// A question put to the line itself (may I write from another phone, do you keep the chats, can your team reply on a
/// Sunday) is low: a human should answer it, though no risk is told. Read by cause in the seventeenth and eighteenth
/// writers' sets, where such questions were screened none more than half the time; greetings and questions about other
/// things stay none.
/// </summary>
public sealed class QuestionsToTheLineTests
{
    [Theory]
    [InlineData("a mund t'ju shkruaj edhe nga telefoni i vëllait?", Severity.Low)]
    [InlineData("a i ruani bisedat pasi mbyllet chat-i?", Severity.Low)]
    [InlineData("a mund të më telefononi nesër në mëngjes?", Severity.Low)]
    [InlineData("can i send you a photo of the letter i got from the court?", Severity.Low)]
    [InlineData("will your team reply on sunday too?", Severity.Low)]
    [InlineData("ckemi, a jeni aty?", Severity.None)]
    [InlineData("can i get a pizza with extra cheese?", Severity.None)]
    [InlineData("my friend asked if she can call you tomorrow", Severity.None)]
    public void A_question_to_the_line_is_low_and_a_greeting_or_an_everyday_question_is_none(string text, Severity severity) =>
        Is(severity, text);
}
