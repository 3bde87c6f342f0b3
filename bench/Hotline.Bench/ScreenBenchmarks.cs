using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Hotline.Screening;

namespace Hotline.Bench;

/// <summary>
/// Screening 160-character messages in Albanian and in English, one message per operation, with the embedded lexicon
/// and with the same lexicon doubled (<see cref="DoubledLexicon"/>), against a naive baseline: a list of regular
/// expressions run over the raw text (compiled, case-insensitive).
/// </summary>
[BenchmarkCategory("Screen")]
public class ScreenBenchmarks
{
    private const int Batch = 64;

    private string[] albanian = [];
    private string[] english = [];
    private Regex[] naive = [];
    private Screener screener = null!;
    private Screener doubled = null!;

    [GlobalSetup]
    public void Setup()
    {
        screener = Screener.Default;
        albanian = Messages.Build(Messages.Albanian, Batch);
        english = Messages.Build(Messages.English, Batch);
        naive = [.. NaiveRegexScreener.Patterns.Select(p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled))];
        doubled = DoubledLexicon.Screener();
        foreach (var m in albanian.Concat(english))
        {
            screener.Screen(m);
            doubled.Screen(m);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory("sq")]
    public int Screen_sq() => Severities(screener, albanian);

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory("sq")]
    public int ScreenDoubledLexicon_sq() => Severities(doubled, albanian);

    [Benchmark(OperationsPerInvoke = Batch, Baseline = true), BenchmarkCategory("sq")]
    public int NaiveRegex_sq() => NaiveRegexScreener.Run(naive, albanian);

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory("en")]
    public int Screen_en() => Severities(screener, english);

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory("en")]
    public int ScreenDoubledLexicon_en() => Severities(doubled, english);

    [Benchmark(OperationsPerInvoke = Batch, Baseline = true), BenchmarkCategory("en")]
    public int NaiveRegex_en() => NaiveRegexScreener.Run(naive, english);

    /// <summary>Screens each message; the severities' sum is returned so the work cannot be optimised away.</summary>
    private static int Severities(Screener screener, string[] messages)
    {
        var sum = 0;
        foreach (var m in messages) sum += (int)screener.Screen(m).Severity;
        return sum;
    }
}

/// <summary>The naive way: one regular expression per indicator phrase, each run over the raw text.</summary>
internal static class NaiveRegexScreener
{
    public static readonly string[] Patterns =
    [
        @"\brr[ae]h", @"\bgodit", @"\bvras", @"\bvra\b", @"k[eë]rc[eë]n", @"p[eë]rdhun", @"pasaport", @"dokument", @"borxh",
        @"s\W*m[eë]\W*l[eë]", @"mbyll", @"mshel", @"thik[eë]", @"arm[eë]", @"pistolet", @"gjak", @"ilac", @"ila[çc]et", @"hapat",
        @"vras\w* veten", @"dua t[eë] vdes", @"du me dek", @"s'?\s?dua me jetu", @"lyp", @"detyro", @"martoj", @"prek", @"foto",
        @"video", @"publiko", @"shp[eë]rnda", @"profil", @"fjal[eë]kalim", @"ndihm", @"tani\b", @"tash\b", @"sonte", @"te dera",
        @"k[eë]tu\b", @"ktu\b", @"po vjen", @"vjec", @"vjeç", @"trafik", @"kufi", @"traget", @"gomone", @"gay", @"trans\b",
        @"lezbike", @"pederast", @"xheloz", @"kontrollon", @"shan\b", @"bert", @"rrog", @"ferm", @"pun[eë]", @"itali", @"greqi",
        @"angli", @"londer", @"gjermani", @"burri", @"i dashuri", @"ish\W", @"babai", @"vellai", @"njerk", @"xhaxh",
        @"\bbeat", @"\bhit(s|ting)?\b", @"\bkill", @"\bmurder", @"\bshoot", @"\bstab", @"threat", @"\brape", @"passport",
        @"\bowe\b", @"\bdebt", @"locked", @"won'?t let", @"knife", @"\bgun\b", @"bleed", @"pills", @"overdose", @"suicid",
        @"kill myself", @"end it", @"want to die", @"better off without", @"can'?t do this", @"\bcut(ting)? myself", @"nudes",
        @"\bpost\b", @"\bpics?\b", @"photos", @"blackmail", @"password", @"track", @"fake (profile|account)", @"groom", @"touch",
        @"secret", @"gifts", @"\bbeg", @"forced", @"traffick", @"border", @"\bnow\b", @"tonight", @"at the door", @"he'?s here",
        @"outside", @"\bhelp\b", @"please", @"years? old", @"\byo\b", @"\bgay\b", @"\btrans\b", @"faggot", @"jealous",
        @"controls?", @"salary", @"money", @"\bjob\b", @"\bwork\b", @"italy", @"greece", @"london", @"germany", @"husband",
        @"boyfriend", @"\bex\b", @"\bdad\b", @"stepdad", @"uncle", @"pizza", @"can'?t talk", @"don'?t call",
    ];

    public static int Run(Regex[] patterns, string[] messages)
    {
        var hits = 0;
        foreach (var message in messages)
        {
            foreach (var regex in patterns)
            {
                if (regex.IsMatch(message)) hits++;
            }
        }
        return hits;
    }
}

/// <summary>Realistic messages of exactly 160 characters (an SMS), varied so no cache helps.</summary>
internal static class Messages
{
    public static readonly string[] Albanian =
    [
        "burri po me rreh tani dhe me ka mbyll ne dhome, jam ne Tirane, ju lutem ndihmoni shpejt se kam shume frike nga ai, nuk mund te flas me gjate se po degjon",
        "Pershendetje, jam 15 vjece dhe nje burre qe e njoha ne TikTok me kerkon foto dhe thote qe do i dergoje te gjithe klases nese nuk i dergoj me shume. Cfare te bej?",
        "pronari i kafenese ku punoj ne Korce ma mban pasaporten dhe thote qe i kam borxh per rrugen. s me le te dal vete dhe s me paguan prej tre muajsh. a mund te me ndihmoni",
        "kam pi te gjitha ilacet qe kisha ne shtepi dhe nuk dua te zgjohem me. mos i thoni mamit. jam ne Durres. po me vjen gjume shume dhe s di a do jem mire neser",
        "vllau m'ka kercenu me pistolete pse dola me ni djal. tha sonte ke me dek. jam n'Shkoder te nje shoqe po ai e di ku jam. kam frike se po vjen tash me makine",
        "ckemi, a jeni aty? dua te pyes nese mund te flas me nje psikolog falas ne Vlore, para dy vjetesh burri me rrihte, tash jemi nda po s po fle mire naten fare",
        "me vret koka sot nga ky provim, po vdes urie dhe me vdiq bateria e telefonit. vellai me tha qe do me vrase nese s ia kthej karikuesin hahaha, sa shaka e mire",
        "i dashuri do qe te shkoj me te ne Londer, thote qe kushuriri i tij ka pune per mua atje ne nje restorant dhe e paguan ai biletën. sa e sigurt eshte kjo pune?",
    ];

    public static readonly string[] English =
    [
        "my ex is at the door right now banging and screaming hes gonna kill me. pls send someone, im on the 3rd floor in tirana and the kids are with me, please hurry",
        "the boss at the car wash has my passport and says i still owe him 4000 for bringing me to belgium. i work every day and get nothing. they take my phone at night",
        "I'm 15 and I'm on the roof of my building. I can't do this anymore, nobody cares about me and I just want it to stop. I left a note for my mum in the kitchen",
        "he says if i dont send him more pics he'll post the ones he has on facebook and tag my family. he knows my password too and reads all my messages every night",
        "what are the signs a child is being groomed online? i have a 10 yr old, nothing happened, just want to know what to look for and who to call if something happens",
        "this homework is killing me lol, i'm dying to see the match tonight and i could murder a burger rn. my phone is dead again so writing from my laptop, see you",
        "my friend went to greece with a man she met two weeks ago for a job and now she only answers with short messages. she's 22. should i be worried about her?",
        "two guys followed me home from the pride march saying they know where i live now and they'll come back for me. i'm scared to go out, what should i do now?",
    ];

    public static string[] Build(string[] source, int count)
    {
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            var text = source[i % source.Length];
            // vary each copy a little (a different number) so every message is its own string
            text = text.Length >= 160 ? text[..160] : text.PadRight(160, ' ');
            var digit = (char)('0' + i % 10);
            result[i] = string.Concat(text.AsSpan(0, 159), new ReadOnlySpan<char>(in digit));
        }
        return result;
    }
}
