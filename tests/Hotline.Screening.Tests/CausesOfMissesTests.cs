using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// The causes of the misses of unseen sets read after their first-sight rows, each fixed as a concept and tested in
/// wordings written here (not the sets' own): a harm with its hour for someone who cannot leave, someone unconscious or
/// not breathing right, poison and means made ready, fire set to a home, tied to a tree, a threat against a group, a
/// weapon a village has, a code word for "he is there"; and the everyday wordings that must stay quiet beside them.
/// The tables are grouped by what the screener must answer; every message of a table is tried and every miss is reported
/// together.
/// </summary>
public sealed class CausesOfMissesTests
{
    [Theory]
    [InlineData("dikush shkroi në murin tonë 'do ju vrasim lezbiket'")]
    [InlineData("got a dm saying they will kill all the gays in our street")]
    public void Killing_named_against_a_group_is_a_hate_threat(string text) => Screened.AtLeast(Severity.High, text, "hate_violence");

    [Fact]
    public void A_gun_with_debts_paid_and_a_goodbye_is_self_harm_not_trafficking()
    {
        var result = Screened.Is(Severity.Critical, "i pagova borxhet, ia fala biçikletën vëllait dhe kam dalë në mal me pushkën e babait", "self_harm");
        Assert.DoesNotContain("trafficking", result.Categories);
    }

    [Fact]
    public void Each_cause_of_a_miss_is_critical_and_a_child_hit_without_an_hour_high() => Expect.Each(SeverityOf, new()
    {
        [Severity.Critical] =
        [
            // A harm with its hour for a minor or someone held.
            .. Lines("""
                jam 13 vjeç, xhaxhai tha që sonte më çon te një burrë që ka paguar për mua
                ma kanë marrë pasaportën dhe pronari tha që pas 2 orësh duhet të shkoj me një klient
                they took my passport and the manager says tonight I have to entertain a client in his room
                ajo më tha sonte në orën 10 eja vetëm ose i tregon të gjithëve, jam 14
                """),
            // Someone unconscious or not breathing right, wherever he is and whatever she makes of it.
            .. Lines("""
                my stepdad hit mum till she fell and now she won't wake up, he's gone to bed
                babai e goditi mamin, ajo nuk lëviz, ai tani fle
                s'është gjë e madhe, por që kur më zuri për fyti s'po marr frymë mirë
                """),
            // Poison taken, or means made ready with a farewell.
            .. Lines("""
                kam pirë helm minjsh para gjysmë ore
                kam pirë spërkatjen e vreshtit, mos më shpëtoni
                she swallowed a handful of stuff from the cabinet and her breathing sounds strange
                i kam bërë gati ilaçet, dua vetëm t'i lë një letër mamit
                """),
            // Fire set to a home with people inside.
            .. Lines("""
                ish-burri i vuri flakën banesës sime, fëmijët janë ende brenda
                someone set our caravan on fire, my kids are still inside
                """),
            // Tied to a post with them still there.
            .. Lines("""
                na lidhën pas një shtylle në park se jemi gay, janë ende këtu
                they tied me to a fence and they are still here
                """),
            // A hunting gun, a code word, children locked in and an elder tied up.
            .. Lines("""
                ai po vjen me çifte në dorë
                motra më dërgoi fjalën tonë të fshehtë, do të thotë që burri është atje
                burri i ka mbyllur fëmijët në dhomë dhe ma mori telefonin
                gjyshja është e lidhur për shtrati prej 3 ditësh, s'i japin të hajë
                my dad is loading his hunting rifle and shouting about me being gay
                """),
            // From the misses of unseen-47 to -54 read by cause after their first-sight rows (lexicon 2026.12.12): smothered
            // with a pillow, the thing she was hurt with, not the one hurt; pills called "hapat" swallowed, not first steps;
            // money for school books is no school project.
            .. Lines("""
                ai po më mbyste me një jastëk, u fsheha në banjë, po troket
                he was choking me with a pillow, i ran to the bathroom and he is coming
                i piva të gjitha hapat e babit para një ore
                dad is hitting mum because of the money for our school trip, he's smashing everything
                """),
            // From the misses of unseen-39 to -46 read by cause after their first-sight rows (lexicon 2026.12.11).
            // Hurt so that she cannot get up is an injury now.
            .. Lines("""
                vëllai e shtyu gjyshen nga shkallët dhe tani ajo s'ngrihet dot
                the foreman hit me with a pipe, my arm looks wrong and they lock the barrack at night
                he kicked me down the stairs and i cant get up
                """),
            // Someone who will not wake up.
            .. Lines("""
                the carer keeps giving grandad sleeping pills and now he will not wake up
                my brother hit mum and i cant wake her up
                e rrahën me shkopinj dhe tani s po lëviz
                """),
            // A hanging with someone not breathing is not a question for information.
            .. Lines("""
                my flatmate hanged himself in the bathroom, i am holding him up, he is not breathing, what do i do
                """),
            // Someone waiting at the gate for a child at risk.
            .. Lines("""
                he's at the school gate now and she is only 11, he says he is taking her to marry a man
                xhaxhai po pret te porta e shkollës, e rreh çdo ditë vajzën 10 vjeç
                """),
            // Out of control is not away.
            .. Lines("""
                my wife is beating our son again and again, she's out of control, im at work
                """),
            // A height or means in hand with a farewell.
            .. Lines("""
                i'm out on the ledge of the 8th floor, don't come closer, tell mum i love her
                jam në katin e fundit të parkingut, letrën për mamin e lashë në tavolinë
                e kam konopin në dorë, mos më kërkoni më
                """),
            // A short plea from inside the danger.
            .. Lines("""
                ndihmë. rruga e durrësit 14. s'mund të flas
                trainer is here. cant talk. help
                tlm tlm ai po ngjitet shkallëve, tha që do më vrasë
                """),
            // Held while he is out, or a weapon at the door with someone else away.
            .. Lines("""
                ai më mban të mbyllur në një apartament në Durrës, ka dalë për pak, s'di adresën
                dikush po i bie derës me sopatë dhe bërtet, shoku im s'është këtu
                """),
        ],
        [Severity.High] =
        [
            // A child hit at the other parent's home, without an hour.
            .. Lines("""
                my ex's new boyfriend smacks my daughter (7) when she's at theirs, she told me yesterday
                """),
        ],
    });

    [Fact]
    public void Each_cause_of_a_miss_is_named_for_its_kind() => Expect.EachIncludes(CategoriesOf, new()
    {
        ["domestic_violence"] = Lines("""
            my stepdad hit mum till she fell and now she won't wake up, he's gone to bed
            babai e goditi mamin, ajo nuk lëviz, ai tani fle
            s'është gjë e madhe, por që kur burri më zuri për fyti s'po marr frymë mirë
            my wife is beating our son again and again, she's out of control, im at work
            """),
        ["self_harm"] = Lines("""
            kam pirë helm minjsh para gjysmë ore
            kam pirë spërkatjen e vreshtit, mos më shpëtoni
            she swallowed a handful of stuff from the cabinet and her breathing sounds strange
            i kam bërë gati ilaçet, dua vetëm t'i lë një letër mamit
            my flatmate hanged himself in the bathroom, i am holding him up, he is not breathing, what do i do
            i'm out on the ledge of the 8th floor, don't come closer, tell mum i love her
            jam në katin e fundit të parkingut, letrën për mamin e lashë në tavolinë
            e kam konopin në dorë, mos më kërkoni më
            """),
    });

    [Fact]
    public void The_everyday_wordings_beside_them_stay_below_their_ceiling() => Expect.EachBelow(SeverityOf, new()
    {
        [Severity.Critical] =
        [
            // A minor's plans tonight; talking to someone about something, and a bus that is here.
            .. Lines("""
                jam 15 dhe sonte shkoj në koncert me shoqet
                help me i cant talk to my mum about my grades
                the bus is here lol see u
                """),
        ],
        [Severity.High] =
        [
            // A grandfather's old rifle is not danger now.
            .. Lines("""
                gjyshi e kishte pushkën që nga koha e komunizmit
                """),
            // Longing, the sun, whipped cream, tired legs, grades, a new passport, a joke and a song.
            .. Lines("""
                m'ka mbytur malli për ju
                më dogji dielli në plazh
                si ta bëj ajkën e rrahur për tortën?
                më kanë vdekur këmbët nga ecja sot
                mësuesi i fizikës do na mbytë me nota
                si ta marr pasaportën e re në ambasadë?
                vëllai më nxori nga dhoma 😂 do fle në sallon
                kënga për vajzën e rrëmbyer më bëri të qaj
                """),
            // Work without papers in the nineties, told for a project.
            .. Lines("""
                in the 90s we worked in greece without papers, is there a project collecting stories?
                """),
            // Not getting out of bed is not an injury.
            .. Lines("""
                s'ngrihem dot nga krevati këto ditë, jam shumë e lodhur
                i cant get up early for school tomorrow
                """),
            // An animal, noise or food as the doer; an invitation; locked out; torture as hyperbole; beaten at a game; an
            // adult's engagement; a professional's question (lexicon 2026.12.12).
            .. Lines("""
                the dog attacked me in the park
                zhurma e punimeve në lagje më mbyti gjithë ditën
                that chili pizza is going to kill me
                kemi bërë darkë të madhe, ejani të gjithë të shtunën
                ejani nesër për kafe te ne
                e mbylla veten jashtë makinës, çelësat brenda 🙈
                locked myself out of the flat again, waiting for the locksmith
                going to the gym is torture but i feel great
                my brother beats me at chess every weekend
                vajza ime u fejua me një djalë nga Korça, jemi shumë të lumtur
                my daughter just got engaged, we are planning the wedding for june
                jam punonjëse sociale, çfarë shenjash duhet të shoh te fëmijët e trafikuar?
                i'm a nurse, who do i call if a patient tells me her husband hits her?
                """),
            // A word's meaning, a blender, burnt pasta, a danger that is over and help not needed.
            .. Lines("""
                what does grooming mean? we heard it in class
                po bëj një smoothie, e rrah me blender
                shoqja e dogji makaronen, si është e mundur
                shoqja më tha para një viti që burri e rrihte. tani janë ndarë. si ta ndihmoj?
                ai s'ka nevojë për ndihmë, por dua të di ku raportohet racizmi
                """),
        ],
        [Severity.Medium] =
        [
            // Buying rat poison and a baby's first steps are not self-harm.
            .. Lines("""
                ku mund të blej helm për minjtë në bodrum?
                where can i buy rat poison, mice in the kitchen
                vogëlushi bëri hapat e parë sot
                sot vogëlushi bëri hapat e para, jemi shumë të lumtur
                """),
            // A fire in the hearth and a burning mouth are not arson.
            .. Lines("""
                e ndezëm zjarrin në oxhak
                we lit a fire at the camp and roasted corn
                our neighbours keep the kids inside all day because of the heat
                hengra speca djegës, po më digjet goja 🔥
                """),
            // A dog tied to a tree is not confinement.
            .. Lines("""
                e lidhëm qenin pas pemës
                """),
            // Asking for an lgbt-friendly psychologist is not a threat.
            .. Lines("""
                is there an lgbt-friendly psychologist in durres? im fine
                """),
            // A parent waiting at the gate is not urgent.
            .. Lines("""
                unë po pres te porta e shkollës për vajzën
                """),
        ],
    });

    [Theory]
    [InlineData("më ka rrahur me rripin e qenit dhe më ka lidhur në kopsht", "domestic_violence")]
    [InlineData("my dad beat me with the dog's lead", "domestic_violence")]
    [InlineData("shoqja ime tha që sonte do hidhet nga ura, nuk po përgjigjet", "self_harm")]
    [InlineData("djali i klasës shkroi që ka me u hjedh prej pallatit pas mësimit", "self_harm")]
    [InlineData("burri më tha: kjo është nata jote e fundit, dhe mbylli derën me çelës", "domestic_violence")]
    [InlineData("goca e vëllait është 14 vjeç dhe e kanë fejuar me një djalë nga Fieri, dasmën e bëjnë kur të mbushë 16", "trafficking")]
    [InlineData("my cousin is 15 and already engaged to a guy from the next village, she stopped going to school", "trafficking")]
    [InlineData("nuk më lë të zbres nga makina, po shkojmë drejt Durrësit dhe jam 15 vjeç", "child_at_risk")]
    public void Hurt_with_a_thing_a_jump_from_a_height_your_last_night_a_child_engaged_and_not_let_out_of_a_car_are_urgent(string text, string category) =>
        Screened.AtLeast(Severity.High, text, category);

    [Fact]
    public void Come_quickly_is_still_a_plea() => Screened.AtLeast(Severity.High, "ejani shpejt, po më vret");

    [Fact]
    public void The_rules_do_not_make_a_minor_s_late_shift_critical_without_a_harm_they_read()
    {
        var result = Screener.RulesOnly.Screen("im 16, my boss at the cafe says tonight i have to work late");
        Assert.True(result.Severity < Severity.Critical, Screened.Why(result));
    }

    [Fact]
    public void An_adult_s_own_age_stands_over_a_learned_guess_of_a_minor()
    {
        var result = Screened.Screen("jam 67 vjeç dhe dua të shkruaj një libër për martesën time të vështirë. a keni njerëz që ndihmojnë?");
        Assert.False(result.Minor, Screened.Why(result));
        Assert.True(result.Severity < Severity.High, Screened.Why(result));
    }

    // From the misses of unseen-51 to -62 read by cause after their first-sight rows (lexicon 2026.12.13), in wordings
    // written here: a plan said without its words where the clause ends on it, "të mbaroj" as a threat, a minor on the
    // road or at the airport, a mother away who is not the abuser, someone in the next room with a disguised call, and
    // the everyday sentences that share their words.
    [Fact]
    public void Veiled_farewells_threats_to_finish_and_a_minor_on_the_move_are_read() => Expect.Each(SeverityOf, new()
    {
        [Severity.Critical] = Lines("""
            i kam mbledhur ilaçet e babit. sonte e mbaroj.
            faleminderit për gjithçka që bëtë, sonte do jem e lirë
            thanks for everything. tonight i'll be at peace
            vëllezërit e saj thanë sonte e mbarojmë, ata kanë thika
            disa djem i thanë vajzës sime që sot pas mësimit e mbarojnë sepse është lezbike
            jam 15. ai s'më lë të dal nga makina, jemi në rrugë për në Vlorë dhe thotë do shohim 'diçka'
            my aunt is packing my suitcase, we fly out at midnight to marry a man i never met. i'm 15 and i dont want to go
            vjehrra më mbylli në dhomë sepse s'kam 'nder' sipas saj, burri ka pushkë dhe tha që sonte më vret
            he's coming home early. help
            dua një porosi me byrek në rrugën e Dibrës nr 4. mos më telefononi, ai është në kuzhinë
            goodbye mum. the note is under my pillow
            the pills are counted out on the table. sorry everyone
            jam 12 vjeç, një burrë që më shkruan në snapchat është te dera dhe thotë hap se ndryshe i tregoj babit. mami nuk është në shtëpi
            """),
        [Severity.High] = Lines("""
            nuk kam forcë më. nesër mos më prisni në punë, s'do jem më.
            çdo natë mendoj si ta mbaroj, s'kam më shpresë
            burri më tha me zë të ulët: në shtëpi të mbaroj
            """),
    });

    [Fact]
    public void The_everyday_sentences_that_share_their_words_stay_below_high() => Expect.Each(SeverityOf, new()
    {
        [Severity.None] =
        [
            // Finishing a book, school or an exam; free tonight for a coffee; moving away for work.
            .. Lines("""
                sonte e mbaroj librin që më dhe, të kthej nesër
                kur të mbaroj shkollën dua të shkoj në Itali
                a mund ta mbaroj provimin nesër?
                sonte do jem e lirë, dalim për kafe?
                s'do jem më në Durrës nga java tjetër, transferohem në Tiranë
                """),
            // A trip, a late flight, a lift, no plan, jokes and music, an aching knee, the heating, a hunt.
            .. Lines("""
                we are on our way to the beach, so excited!
                jam në aeroport, avioni u vonua 2 orë
                stuck in the lift at the office again, maintenance takes forever
                s'kam ndër mend të bëj gjë, thjesht jam e lodhur
                vjehrri më vrau me shakatë e tij në drekë, sa qeshëm
                the neighbours' music is gonna kill me one day
                my knee is killing me after the run
                kaloriferi po më mbyt në klasë, hapni dritaren
                dolëm për gjueti me babin, vramë dy lepuj
                """),
        ],
        [Severity.Low] =
        [
            // Questions of law and of how to block someone are questions.
            .. Lines("""
                is it illegal in albania to share someone's photos without asking? just curious
                a është e paligjshme të regjistrosh dikë pa leje? pyes për një detyrë
                best way to block a number on whatsapp? my old landlord keeps sending adverts
                """),
        ],
    });

    [Fact]
    public void A_sentence_end_and_a_farewell_are_what_make_these_words_a_plan()
    {
        // the rules alone: the clause must end on the words, and "free tonight" needs a goodbye beside it
        Assert.Equal(Severity.High, Screener.RulesOnly.Screen("s'do jem më.").Severity);
        Assert.True(Screener.RulesOnly.Screen("s'do jem më e trishtuar pas sot").Severity < Severity.High);
        Assert.True(Screener.RulesOnly.Screen("sonte do jem e lirë, ejani").Severity < Severity.High);
    }

    // From the misses of unseen-63 to -66 (and -59 to -62) read by cause after their first-sight rows (lexicon 2026.12.14),
    // in wordings written here: a child who swallowed a household poison or is held over a drop, a leg over a railing,
    // thoughts of "giving it an end", a mother who takes a girl to men for money, someone reading her phone while she
    // orders, someone kept in a back room, a head pushed into a toilet; and the joy, the derby and the doubt that share
    // their words.
    [Fact]
    public void A_child_in_danger_of_life_a_leg_over_a_railing_and_a_watched_phone_are_read() => Expect.Each(SeverityOf, new()
    {
        [Severity.Critical] = Lines("""
            my little sister swallowed a battery from the remote, she's 3 and crying, nobody else is home
            djali im 2 vjeç piu varikinë nga shishja nën lavaman
            vëllai gëlltiti lëngun e larësit të enëve dhe po kollitet
            he's dangling my son over the stair railing and laughing
            sitting on the bridge with both legs over the railing now
            two pizzas to rruga e kavajës 10 please, he's reading my texts so keep it short
            my sister's husband's family keeps her in a back room and takes her pension
            """),
        [Severity.High] = Lines("""
            prej javësh kam mendime t'i jap fund, askush s'e di
            çdo ditë pas mësimit ma fusin kokën në lavaman dhe qeshin
            """),
    });

    [Fact]
    public void Joy_a_derby_and_a_doubted_rumour_keep_their_own_level() => Expect.Each(SeverityOf, new()
    {
        [Severity.None] = Lines("""
            të shtunën luan kombëtarja, do vdes nga padurimi
            final on sunday, we're gonna crush them lads
            I nearly died of embarrassment at the wedding
            djali pi lëng molle çdo mëngjes para shkollës
            we keep the winter tyres in the back room
            """),
    });

    [Fact]
    public void Doubting_a_report_does_not_make_it_a_question()
    {
        // "s'e di a është e vërtetë" doubts what was told; it does not turn a report of a child sold to men into a question
        Assert.Equal(Severity.High, Screener.RulesOnly.Screen("fqinja tha që e ëma e çon vajzën 12 vjeçe te burra për lekë, s'e di a është e vërtetë").Severity);
        Assert.Equal(Severity.Low, Screener.RulesOnly.Screen("a është e vërtetë që policia ua merr fëmijët prindërve?").Severity);
    }

    // From the misses of unseen-67 to -70 (lexicon 2026.12.14) and the category and minor errors of screening-dev-2, read by
    // cause, in wordings written here: a plea in a sentence of its own, someone watching her while she cannot talk, a bus or a
    // van leaving with her, a child held by a window with a threat or put out in the cold, a goodbye by giving things away, a
    // debt paid in bed, "they won't let me go", held on the way to a job; and the haircut, the shoes, the ball, the school trip
    // and the party on the roof that share their words.
    [Fact]
    public void Danger_now_told_in_new_ways_is_critical_and_its_look_alikes_are_not() => Expect.Each(SeverityOf, new()
    {
        [Severity.Critical] = Lines("""
            ndihmoni. te dera. ai po bërtet
            porosi për dy kafe në sheshin Skënderbej, s'mund të flas, ai po më shikon
            motra ime 15 vjeç u fut tani në një furgon me dy burra që e çojnë të punojë në Itali
            he's standing with our daughter by the window saying he'll throw her
            na nxori jashtë në shi me foshnjën dhe po dridhet nga të ftohtit
            i gave my cat to my neighbour and deleted all my accounts. the roof in an hour
            mami, mos qaj. faleminderit për gjithçka. sonte po iki
            jam në një apartament në Durrës dhe s'më lëshojnë, më morën pasaportën
            we're on a bus to the border, the man who offered us work took our phones
            """),
        [Severity.High] = Lines("""
            më thotë të fle me shokët e tij për të shlyer borxhin e biletës
            do ta pres në fyt nëse flet prapë
            """),
        [Severity.Medium] = Lines("""
            s'mundem me. jam lodhur nga gjithçka
            we're on a bus to the border for a school trip, the teacher took our phones for the ride
            """),
        [Severity.None] = Lines("""
            nesër do i pres flokët te berberi
            m'kanë vra kpucat e reja krejt ditën
            s'muj me ec shumë se m'dhemb kamba
            lojtari ynë e vrau topin me kokë në minutën e fundit
            autobusi po niset për Sarandë, shihemi në darkë
            we'll be on the roof terrace in an hour for the party
            sonte nisem për Gjermani, mami mos qaj, do të marr në telefon çdo ditë
            do fle me shoqet te shtëpia e saj për ditëlindjen
            s'më lëshon dhimbja e kokës që prej mëngjesit
            holding the baby at the window to watch the snow
            fëmija po ngrin në stacion se autobusi vonon
            """),
    });

    [Fact]
    public void A_professional_asking_for_the_procedure_asks_and_one_telling_a_case_refers_it()
    {
        Screened.Is(Severity.Low, "jam punonjës social në bashki, cila është procedura kur një fëmijë lyp në rrugë?");
        Screened.AtLeast(Severity.Medium, "jam punonjëse sociale, sot një nxënëse 12 vjeç na tregoi se i ati e rreh me rrip çdo natë", "child_at_risk");
    }

    private static Func<string, bool> Names(string category) => text => Screened.Screen(text).Categories.Contains(category);

    [Fact]
    public void Rejection_and_mockery_for_who_one_is_are_hate_violence() => Expect.Each(Names("hate_violence"), new()
    {
        [true] = Lines("""
            since i came out as gay my parents disowned me
            jam lezbike dhe në punë më qeshin pas shpine
            """),
        [false] = Lines("""
            she came out of the shop and said the battery was dead
            shoqja ime është gay dhe qeshëm shumë në festë
            """),
    });

    [Fact]
    public void Accounts_entered_blocked_profiles_back_memes_and_photos_rated_or_sold_are_digital_violence() => Expect.Each(Names("digital_violence"), new()
    {
        [true] = Lines("""
            he keeps getting into my snapchat even after I changed the password
            më shkruan nga 4 llogari të ndryshme, i bllokoj dhe del përsëri
            they made a meme of my face and it's all over the class group
            në një kanal telegrami po postojnë foto të vajzave të qytetit me komente të ndyra
            he's selling my videos on telegram
            """),
        [false] = Lines("""
            I changed the password on my wifi router
            e shes mallin nga 3 llogari të ndryshme në instagram
            i made a meme of my dog's face lol
            në grupin e klasës vendosëm foto të vajzave të ekipit dhe komente për ndeshjen
            she sells her photos of landscapes online
            """),
    });

    [Fact]
    public void A_child_left_unfed_vomiting_after_meals_and_a_child_helpline_are_read() => Expect.EachIncludes(CategoriesOf, new()
    {
        ["child_at_risk"] = Lines("""
            mum forgets to feed my baby sister when she drinks
            what's the number of the kids helpline?
            """),
        ["self_harm"] = Lines("""
            i throw up after every meal and nobody knows
            vajza s'ha thuajse asgjë prej një muaji
            """),
    });

    [Fact]
    public void Feeding_a_pet_and_a_bus_line_are_no_child_at_risk() => Expect.Each(Names("child_at_risk"), new()
    {
        [false] = Lines("""
            i always forget to feed the fish lol
            what's the number of the bus line to Durrës?
            """),
    });

    [Fact]
    public void A_grade_said_of_oneself_an_age_shared_and_a_minor_s_age_in_brackets_make_a_minor() => Expect.Each(text => Screened.Screen(text).Minor, new()
    {
        [true] = Lines("""
            jom n'klasë t'shtatë e s'po e kuptoj fizikën
            we're in 8th grade and doing a project on bullying
            we're both 15 and want to go to the concert alone
            djali im është i mitur, 16, dhe punon natën në lokal
            shoqja ime e klasës së 6 thotë se babai i saj e rreh
            """),
        [false] = Lines("""
            we were both 20 minutes late for the bus
            jam mësuese në klasën e 3-të, si t'i flas prindërve për mbledhjen?
            """),
    });

    // Noted last round and read by cause (lexicon 2026.12.16): each with a risky and an ordinary wording written here.

    [Fact]
    public void A_threat_that_recurs_with_nothing_named_after_it_is_high_in_both_languages() => Expect.Each(SeverityOf, new()
    {
        [Severity.High] = Lines("""
            partneri më kërcënon vazhdimisht
            çdo mbrëmje i shoqi na kërcënon
            ish-burri vazhdon të më kërcënojë
            every evening he threatens us
            my boyfriend keeps threatening me, i don't sleep
            """),
        [Severity.Medium] = Lines("""
            my mum threatens me every day that she'll cancel my football
            """),
    });

    [Fact]
    public void A_recurring_threat_that_names_what_is_no_open_menace() =>
        Assert.DoesNotContain("v.threat_repeated", Screened.Screen("mami më kërcënon çdo ditë se do më ndalojë lojërat").Indicators.Select(i => i.Id));

    [Fact]
    public void A_bare_threat_is_not_digital_violence() =>
        Assert.DoesNotContain("digital_violence", Screened.AtLeast(Severity.Medium, "my stepfather threatened me again when I got home").Categories);

    [Fact]
    public void Intimate_images_sent_on_are_digital_violence_in_every_form_of_the_verb() => Expect.Each(Names("digital_violence"), new()
    {
        [true] = Lines("""
            my ex is forwarding my topless selfies to his mates
            someone spread naked pics of her all over the school
            they have been passing around my nude photos at work
            po i shpërndan nudet e mia në grupin e lagjes
            """),
        [false] = Lines("""
            i keep sending my holiday pictures around to everyone
            we shared our wedding photos with the whole family
            po i shpërndan ftesat e dasmës nëpër lagje
            """),
    });

    [Fact]
    public void Anger_at_a_sibling_over_a_trifle_is_no_threat_but_the_sibling_s_threat_to_the_writer_is() => Expect.Each(SeverityOf, new()
    {
        [Severity.None] = Lines("""
            my brother ate the last slice of pizza again, i'm gonna strangle him
            jam 12 vjeç, motra më mori fustanin pa pyetur, do ta mbys
            """),
        [Severity.High] = Lines("""
            my brother took my phone and said he's gonna strangle me
            """),
    });

    [Fact]
    public void An_idiom_inside_a_longer_reading_does_not_hide_it() => Expect.EachIncludes(CategoriesOf, new()
    {
        ["hate_violence"] = Lines("""
            since telling them i'm bi my parents have cut me off
            i'm trans and my father says i'm dead to him now
            """),
        ["domestic_violence"] = Lines("""
            he has cut me off from my sister and all my friends
            """),
    });

    [Fact]
    public void The_same_idioms_alone_stay_quiet() => Expect.Each(SeverityOf, new()
    {
        [Severity.None] = Lines("""
            a taxi cut me off at the roundabout
            i'm dead tired after the night shift
            next week to see me play
            """),
    });

    [Fact]
    public void A_conversion_cure_is_hate_violence_without_an_identity_word() => Expect.Each(Names("hate_violence"), new()
    {
        [true] = Lines("""
            my aunt is taking me to a pastor to cure me
            they want to straighten me, they say it's a phase
            prindërit duan të më shërojnë
            më dërgojnë te një dervish që të më ndreqë
            """),
        [false] = Lines("""
            the doctor says these drops will cure my cough
            mjeku tha që ilaçi do më shërojë shpejt
            duan me ndreq makinën sot
            my mum wants to fix me up with her friend's son
            """),
    });

    // From writer-14's batch A (unseen-79 to -82) read by cause after its first-sight rows (lexicon 2026.12.16), in own wording.

    [Fact]
    public void A_score_a_game_boss_keys_left_inside_tight_clothes_and_burnt_food_are_no_violence() => Expect.Each(SeverityOf, new()
    {
        [Severity.None] = Lines("""
            e rrahëm Vllazninë 4-1 në shtëpi
            we crushed them 5-0 last night
            the last boss keeps killing me, i've tried 20 times
            u mbyll dera e shtëpisë me çelësat brenda, kush ka numrin e një bravandreqësi?
            kjo xhaketë më mbyt në qafë, duhet ta ndërroj
            e dogja bukën në furrë sot
            """),
    });

    [Fact]
    public void Beside_them_a_person_doing_it_stays_urgent() => Expect.Each(SeverityOf, new()
    {
        [Severity.Critical] = Lines("""
            ai më zuri me jastëk në fytyrë derisa humba ndjenjat
            ish-i osht tu m'prit te dera e punës, tha që më vret
            i've decided to do it tonight when everyone is asleep
            """),
        [Severity.High] = Lines("""
            he's throwing plates at mum again
            my stepdad threw me up against the fridge again last night
            ka foto të miat në dhomën e zhveshjes, kërkon 100 euro ose i hedh në grupin e shkollës
            my husband brings his mates home and tells me to sleep with his mates
            vjell gjak pasi ha, prej një muaji ha shumë pak
            someone left a dead cat on my car the week my ex found my new address
            i keep throwing up blood and i barely eat anything
            kam vendosur ta bëj kur të flenë të gjithë
            """),
    });

    [Fact]
    public void The_same_words_in_everyday_use_stay_below_urgent() => Expect.Each(text => Screened.Screen(text).Severity >= Severity.High, new()
    {
        [false] = Lines("""
            we were throwing bread at the ducks all afternoon
            mum tells me to sleep with the window open
            my son threw up on the boat trip
            we found our new flat's address on the map
            we decided to do it when everyone is back from holiday: a big family dinner
            """),
    });

    // Categories over-assigned across every labelled set, read by cause (lexicon 2026.12.17): who does it decides the
    // category, and with nobody named there is no home to assume. Own wording, a risky and an ordinary one each.

    [Fact]
    public void Violence_with_nobody_named_is_urgent_but_not_domestic()
    {
        foreach (var text in Lines("""
            tre djem më rrahën pas stadiumit, më doli gjak nga hunda
            I got beaten up on the way home from school, my lip is split
            the door is locked and I can't get out
            """))
        {
            var result = Screened.AtLeast(Severity.High, text);
            Assert.False(result.Categories.Contains("domestic_violence"), $"\"{text}\": {string.Join(", ", result.Categories)}");
        }
        Assert.DoesNotContain("domestic_violence", Screened.Screen("zemra po më rreh shumë fort pas kafes").Categories);
    }

    [Fact]
    public void A_partner_a_relative_or_a_violent_relationship_is_still_domestic() => Expect.EachIncludes(CategoriesOf, new()
    {
        ["domestic_violence"] = Lines("""
            burri më rrahu sërish mbrëmë
            my uncle beats me when he's drunk
            dola nga një lidhje e dhunshme para 5 vitesh, tani jam mirë
            i left an abusive marriage years ago and i'm fine now
            """),
    });

    [Fact]
    public void A_relative_who_hits_to_make_a_child_beg_or_work_serves_the_exploitation()
    {
        foreach (var text in Lines("""
            xhaxhai na nxjerr të lypim te semafori dhe na rreh kur sjellim pak para
            my uncle makes me sell flowers at night and beats me if I bring back less than 10 euro
            """))
        {
            var result = Screened.AtLeast(Severity.High, text, "trafficking");
            Assert.False(result.Categories.Contains("domestic_violence"), $"\"{text}\": {string.Join(", ", result.Categories)}");
        }
    }

    // From writer-15's batch A (unseen-87 to -90) read by cause after its first-sight rows (lexicon 2026.12.17), in own wording.

    [Fact]
    public void A_covert_order_or_booking_with_no_calls_and_him_awake_or_near_is_critical_domestic() => Expect.EachIncludes(text =>
        Screened.Screen(text) is { Severity: Severity.Critical } r ? r.Categories : [], new()
    {
        ["domestic_violence"] = Lines("""
            porosi për 3 byrekë në rrugën e Kavajës, pallati 5, kati 2. mos telefononi, ai është zgjuar
            need a taxi to rruga myslym shyri 40 for two asap. no calls please, he is still up
            dua 2 bukë e një qumësht në rrugën e Elbasanit 14. mos i bini ziles, ai s'ka fjetur
            ish-burri është poshtë te pallati tani dhe po pyet për mua, më ka thënë që do më vrasë
            kunati më ngacmoi sot. është në dhomën ngjitur dhe tha që po fola do më vrasë
            """),
    });

    [Fact]
    public void The_same_orders_a_clever_son_closed_roads_and_who_finds_out_stay_below_urgent() => Expect.Each(text => Screened.Screen(text).Severity >= Severity.High, new()
    {
        [false] = Lines("""
            porosi për 3 byrekë në rrugën e Kavajës, pallati 5, kati 2. faleminderit
            need a taxi to the airport at 6 tomorrow, thanks
            djali im është i zgjuar në matematikë
            ka rënë borë në Valbonë, rruga është e mbyllur
            dyqani është i mbyllur sot, ku gjej bukë?
            a e merr vesh dikush nëse ju shkruaj nga telefoni i shkollës?
            preva gishtin duke prerë bukë në kuzhinë
            """),
    });

    [Fact]
    public void A_child_gone_to_meet_an_online_contact_an_empty_packet_beside_silence_and_a_car_at_the_bridge_are_critical() => Expect.EachIncludes(text =>
        Screened.Screen(text) is { Severity: Severity.Critical } r ? r.Categories : [], new()
    {
        ["child_at_risk"] = Lines("""
            my little sister (12) went to meet a boy from fortnite at the park 3 hours ago and her phone is off
            vajza ime 13 vjeç shkoi të takojë dikë nga loja para 3 orësh dhe s'përgjigjet fare në telefon
            """),
        ["self_harm"] = Lines("""
            my flatmate locked herself in her room, there's an empty pill bottle on the floor and she isn't answering
            my mum sent us a goodbye text and her car is parked at the bridge
            """),
    });

    [Fact]
    public void A_break_in_told_after_it_is_high_by_who_did_it_and_questions_to_the_service_stay_low()
    {
        Screened.Is(Severity.High, "my ex broke into my house while I was at my mum's and left a knife on my bed", "domestic_violence");
        Screened.Is(Severity.High, "ish-burri më la një thikë mbi jastëk ndërsa isha në punë", "domestic_violence");
        Expect.Each(text => Screened.Screen(text).Severity >= Severity.High, new()
        {
            [false] = Lines("""
                my sister (12) went to meet her friend from class at the park, she's back now
                found an empty pill bottle in the recycling, is it ok to recycle plastic?
                we parked the car at the bridge and walked to the old town
                jam 14 vjeç. nëse dikush më kërcënon me foto a mund t'ju shkruaj në çdo orë?
                do you automatically tell the police if someone writes that they want to kill themselves?
                """),
        });
        Screened.AtLeast(Severity.High, "burri më rreh çdo ditë, a mund t'ju shkruaj natën?", "domestic_violence");
    }

    [Fact]
    public void A_kitchen_knife_is_the_thing_she_cut_herself_with_not_a_chore() =>
        Screened.Is(Severity.Critical, "e preva veten në krah me thikë kuzhine dhe gjaku s'po ndalet", "self_harm");

    // Left open by the rounds before and read by cause over the used sets' category errors (lexicon 2026.12.18), in own wording.

    [Fact]
    public void The_end_of_a_pier_or_the_tracks_with_no_return_or_the_train_s_hour_is_critical_self_harm() => Expect.EachIncludes(text =>
        Screened.Screen(text) is { Severity: Severity.Critical } r ? r.Categories : [], new()
    {
        ["self_harm"] = Lines("""
            kam ecur deri në fund të skelës, është errësirë. s'dua të kthehem më
            walked to the end of the pier tonight. i don't want to go back
            jam te binarët e trenit. treni kalon në 10
            i'm sitting by the railway line. the next train comes at 11
            """),
    });

    [Fact]
    public void A_pier_a_train_a_scream_and_a_master_key_in_everyday_use_stay_below_urgent() => Expect.Each(text => Screened.Screen(text).Severity >= Severity.High, new()
    {
        [false] = Lines("""
            walked to the pier with my dog, the sunset was lovely, don't want to go back to work tomorrow
            jemi në stacion, treni për Durrës niset në 10
            mami më thirri duke bërtitur se i kishte rënë qumështi, pastaj linja u ndërpre
            the hotel cleaner has a master key and opened my room to clean it
            we're moving house tomorrow by van, my brother's driving
            ku gjej informacion për ligjin kundër diskriminimit? po shkruaj një ese
            kam humbur punën dhe po kërkoj një të re
            i'm missing my grandma so much since she moved
            """),
    });

    [Fact]
    public void A_call_cut_off_mid_scream_a_door_tried_at_night_and_being_shipped_off_with_phones_taken_are_critical() => Expect.Each(SeverityOf, new()
    {
        [Severity.Critical] = Lines("""
            motra më telefonoi duke bërtitur dhe pastaj linja u ndërpre. burri i saj e kishte kërcënuar
            my sister called me screaming and then the call cut off. her husband threatened her last week
            i'm 14, on a school trip. a man from the hotel has the master key and is trying our door right now
            nesër në mëngjes na nisin me kamion për në Itali, na kanë marrë telefonat
            """),
    });

    [Fact]
    public void Violence_for_skin_colour_origin_or_holding_hands_is_hate_violence_without_an_identity_word() => Expect.EachIncludes(CategoriesOf, new()
    {
        ["hate_violence"] = Lines("""
            u sulmova nga tre vetë në rrugë, më thirrën majmun dhe më qëlluan
            dy djem po rrahin një djalë të zi te stacioni dhe i thonë 'kthehu në Afrikë'
            two guys beat up our black neighbour last night and told him to go back to his country
            three men punched us outside the bar for holding hands, he's bleeding
            """),
    });

    [Fact]
    public void A_home_a_job_or_a_service_refused_for_who_one_is_and_questions_on_discrimination_name_hate_violence() => Expect.EachIncludes(CategoriesOf, new()
    {
        ["hate_violence"] = Lines("""
            pronarja s'ma jep shtëpinë me qira sepse mori vesh që jam rom
            i'm trans and every time they see my ID the interview is over
            my parents say i can stay only if i stop being gay
            si mund të denoncoj diskriminimin në punë për orientimin seksual?
            what rights do trans people have at work in albania?
            """),
        ["trafficking"] = Lines("""
            a ka ndonjë ligj kundër martesave me detyrim?
            can someone trafficked from abroad get a residence permit here as a victim?
            a merreni me raste fëmijësh që i përdorin për vjedhje?
            """),
    });

    [Fact]
    public void A_thing_lost_or_someone_missed_is_no_missing_child_and_a_bare_age_after_a_relative_makes_a_minor()
    {
        Expect.Each(Names("child_at_risk"), new()
        {
            [false] = Lines("""
                kam humbur 4 kile këtë muaj dhe më ka humbur oreksi
                ka humbur punën dhe pi çdo natë, kam frikë
                """),
        });
        Expect.Each(text => Screened.Screen(text).Minor, new()
        {
            [true] = Lines("""
                vëllai i madh na godet mua e motrën, unë jam 19 e motra 16
                ai është 30 vjeç e unë 15 dhe më thotë të mos u tregoj prindërve
                my cousin (15) wants to go pick oranges in spain with a man from the village
                """),
        });
    }

    [Fact]
    public void An_adult_s_own_age_keeps_the_learned_opinion_from_adding_child_at_risk()
    {
        var result = Screened.AtLeast(Severity.High, "the man who took me to the UK says i owe him 10k and must sell for him here or my sister pays. im 21", "trafficking");
        Assert.DoesNotContain("child_at_risk", result.Categories);
        Assert.False(result.Minor);
    }

    [Fact]
    public void New_numbers_every_night_private_chats_screenshotted_and_questions_on_online_safety_are_digital_violence() => Expect.Each(Names("digital_violence"), new()
    {
        [true] = Lines("""
            ish-i më shkruan nga numra të ndryshëm çdo natë edhe pse e kam bllokuar
            a classmate keeps posting screenshots of my private chats in the group
            a keni materiale për sigurinë e fëmijëve në internet për prindërit?
            how do i teach my 10 year old about online safety?
            """),
        [false] = Lines("""
            më shkruan nga numri i punës çdo mëngjes për oraret
            i took a screenshot of the bus timetable
            """),
    });
}
