namespace Hotline.Screening;

/// <summary>Cues: context words that qualify indicators or combine into one.</summary>
internal enum Cue : byte
{
    None,
    DistantPast,
    RecentPast,
    SafeNow,
    AbuserAway,
    NoPlan,
    NothingYet,
    Information,
    Hypothetical,
    ThirdPerson,
    FirstPerson,
    Joking,
    /// <summary>News the writer saw, read or heard (cue.news): the violence told is someone else's; what is done to her beside it stands.</summary>
    Media,
    Fear,
    Plural,
    Identity,
    Child,
    Minor,
    Older,
    Service,
    Work,
    Offer,
    Abroad,
    Trafficking,
    Disguise,
    Slur,
    Again,
    Question,
    NotSerious,
    Online,
    Custody,
    LostContact,
    Habitual,
    /// <summary>Animals, sport, traffic, food: violence words whose doer or target is not a person.</summary>
    NonHuman,
    /// <summary>A goodbye or an apology to those left behind ("sorry", "më falni", "tell mum I love her").</summary>
    Farewell,
    /// <summary>A parent's ordinary rule: a time to be home, school nights, grounded.</summary>
    Curfew,
    /// <summary>Something done by one's own choice ("independent", "e ka zgjedhur vetë"), nothing forced.</summary>
    Choice,
    /// <summary>An injury by accident or while doing a chore ("duke qëruar", "chopping onions"): not self-harm.</summary>
    Accident,
    /// <summary>A game or play: a video game, a quiz, a fairground, play-fighting, children playing in the snow.</summary>
    Play,
    /// <summary>A film, a series, a book: what its characters do is told, not lived.</summary>
    Fiction,
    /// <summary>Medicine taken as a doctor said.</summary>
    Prescribed,
    /// <summary>School work as the doer of "killing me": homework, an exam, a deadline.</summary>
    Schoolwork,
    /// <summary>A dated hour for what was threatened: tonight, when he comes back ("kur të kthehet", "sonte").</summary>
    Imminent,
    /// <summary>She does not want to go where she is taken ("s'dua të shkoj", "against my will").</summary>
    Unwilling,
    /// <summary>A teacher, a coach or a boss who "tortured" or "massacred" them with a test, exercises or work: hyperbole.</summary>
    SchoolHyperbole,
    /// <summary>A reason of safety from outsiders: burglars, thieves, "for safety" ("he locks the door at night because of the burglaries").</summary>
    Protective,
    /// <summary>Engaged or promised to be married, a wedding set for when she turns an age: with a minor, child marriage.</summary>
    Engaged,
    /// <summary>Her mother or parents away ("mami s'është në shtëpi", "my parents are out"): a child left alone with the danger, not the abuser away.</summary>
    ProtectorAway,
    /// <summary>Going to meet someone in person ("went to meet", "iku të takojë").</summary>
    Meeting,
    /// <summary>He comes back or comes home ("kur të kthehet", "when he gets home"): someone of the household.</summary>
    ReturnsHome,
    /// <summary>When the next train comes or passes ("treni kalon në 10", "the next train is at 11"): at the tracks, a plan with its hour.</summary>
    TrainDue,
    /// <summary>Someone unknown or never met writing to, sending credit to or asking things of someone ("dikush i shkruan", "a man she has never met"): with a minor and an online place, a stranger reaching a child.</summary>
    StrangerContact,
    /// <summary>Drunk, drugged or unable to walk (cue.intoxicated).</summary>
    Intoxicated,
    /// <summary>At a bridge, the tracks, a roof, a balcony high up ("jam te ura", "kam dalë në ballkonin e katit të 8", "at the top of"): with an intent to die or a goodbye, the place of a plan.</summary>
    HighPlace,
    /// <summary>
    /// All is well with those named: praised ("my parents are great", "burri është shumë i mirë") or thanked for ("i just
    /// wanted to say thanks"); a "but" right after cancels it. Violence denied in such a message is no worry.
    /// </summary>
    Contented,
    /// <summary>
    /// Who violence or a risk is done to, or a way to help them: a woman, a patient, a couple, the young, a family, a case;
    /// help, a referral, a report, the law, a shelter. A violence word named alone stands as a topic only with it.
    /// </summary>
    PersonAtRisk,
    /// <summary>
    /// Last things done: a goodbye said to someone or something ("said goodbye to my dog", "i thashë lamtumirë qenit"),
    /// things given away, a last message written. Beside an act with no name and its hour ("gonna do it tonight") it is
    /// a plan told without its words; alone it is a trip, a move, a pet rehomed.
    /// </summary>
    LastThings,
    /// <summary>
    /// Someone with power over the writer's studies, work or home: a professor, a teacher, a boss, a coach, a landlord
    /// (profesori, pedagogu, shefi, trajneri, pronari i shtëpisë). Beside sex asked as the price of a grade, a job or the
    /// rent, it is sexual coercion.
    /// </summary>
    Authority,
    /// <summary>Going to try again ("going to try again", "do provoj prapë"): beside a self-harm attempt or intent, the intent is now.</summary>
    Retry,
    /// <summary>
    /// Someone found again ("e gjetëm pas 10 minutash", "u gjet", "found him"): a child who was lost and is found is no
    /// longer missing. Not found dead, hurt, or only a thing of hers.
    /// </summary>
    Found,
    /// <summary>
    /// Gladness told of the writer or the ones she speaks of ("jam shumë e lumtur", "they are so happy together"): a
    /// marriage being made that she, or they, are happy with is no marriage pressed on her.
    /// </summary>
    Glad,
    /// <summary>
    /// The weather, a day or a week, a lesson or a course, a machine, named as a subject ("vapa", "kjo javë", "kursi",
    /// "kompjuteri", "this heatwave"): as the doer of a violence word, no one's doing ("po më mbyt kjo javë").
    /// </summary>
    Thing,
    /// <summary>
    /// Her children named where they are away from the danger: at school, at their grandmother's, with her sister
    /// ("fëmijët janë në shkollë", "the kids are at my mum's"): an adult's harm, not a child's.
    /// </summary>
    ChildrenAway,
    /// <summary>
    /// Where the means are kept, known ("i know where dad keeps the rope", "e di ku i mban ilaçet"): alone nothing; beside a
    /// method worked out, a plan to die with no hour.
    /// </summary>
    MeansKnown,
}
