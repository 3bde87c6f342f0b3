// The console's words in Albanian and English, the switch between them, and dates in the chosen locale.
// Static text in the page carries data-i18n (text), data-i18n-label (aria-label) or data-i18n-placeholder.
const words = {
  en: {
    title: "Hotline console", views: "Views", tabCases: "Cases", tabDashboard: "Dashboard", tabSupervisor: "Supervisor",
    status: "Status", online: "Online", away: "Away (break)", offline: "Offline", signOut: "Sign out", signIn: "Sign in",
    username: "Username", passphrase: "Passphrase", desktopAlerts: "Desktop alerts", live: "Live", reconnecting: "Reconnecting…",
    takeNext: "Take the next case", lists: "Lists", listQueue: "Queue", listMine: "Mine", listClosed: "Closed",
    searchLabel: "Search by case code or id", searchPlaceholder: "Case code or id", cases: "Cases",
    queueEmpty: "No cases waiting.", mineEmpty: "You hold no case.", closedEmpty: "No case closed recently.", searchEmpty: "No case found.",
    approvals: "Approvals waiting", placeholder: "Choose a case in the queue, or take the next one.",
    case: "Case", duress: "duress", claim: "Claim", decline: "Decline offer", addNote: "Private note", transfer: "Transfer",
    resolve: "Resolve…", handBack: "Hand back to the bot", transferTitle: "Transfer to a colleague", colleague: "Colleague",
    transferNote: "Private note (sealed; only the team can read it)", cancel: "Cancel", noteTitle: "Private note for the team",
    noteLabel: "Sealed with the team key; never sent to the person", saveNote: "Save note", resolveTitle: "Resolve the case",
    outcome: "Outcome", resolveHint: "The record is saved with this outcome, then the conversation goes back to the bot.",
    resolveConfirm: "Resolve", transcript: "Transcript", reply: "Reply", replyPlaceholder: "Write a reply. Type / for canned answers.",
    send: "Send reply", cannedAnswers: "Canned answers", cannedHint: "Type / for canned answers · Ctrl+Enter (⌘+Enter on a Mac) sends",
    facts: "Facts", why: "Why this case", notes: "Private notes", dispatch: "Mobile unit dispatch", confirmDispatch: "Confirm dispatch",
    revealAgreed: "The person agreed that the unit may have their contact", revealRequest: "Request contact reveal (needs a second person)",
    record: "Case record", area: "Area (municipality)", unknown: "unknown", referrals: "Referrals (directory: verify before deployment)",
    followUp: "Follow-up date", saveRecord: "Save record", timeline: "Timeline", export: "Export", exportRequest: "Request export",
    exportDownload: "Download export", open: "Open", dismiss: "Dismiss", declineShort: "Decline",
    keys: "Keys (Alt, or Option on a Mac): N next case · J/K move through the list · C claim · R reply · P note · T transfer · L hand back",
    typing: "The person is typing…", saved: "Saved.", nothingWaiting: "No waiting case fits your languages.",
    place: "place {n}", waiting: "waiting {t}", heldBy: "held by {who}", closedAt: "closed {t}", minor: "minor", askedPerson: "asked for a person", sharedNetwork: "one of many new chats from one network", uncategorised: "uncategorised",
    deleteConversation: "Delete conversation…", deleteTitle: "Delete this conversation?", deleteConfirm: "Delete for good", deleted: "The conversation is deleted.",
    deleteWhat: "The transcript, the web chat copy, the case code, the risk state and the case's notes and sealed facts are deleted, and the case is closed. This cannot be undone.",
    moveTitle: "Someone gave this case's code in another chat", moveConfirm: "It is the same person: move", moveRefuse: "Not the same person: refuse",
    moveStatus: "On {channel} since {t}. Nothing moves until you confirm; check gently in the conversation that it is the same person.",
    fAskedPerson: "Asked for a person", closeAs: "Close as", closeTest: "test", closePrank: "prank", closeNoContact: "no contact",
    signingIn: "Signing in…", unlocking: "Unlocking the transcripts key…", wrong: "Wrong username or passphrase.",
    locked: "Too many failed sign-ins: this account is locked for a while.", signedInAs: "Signed in as {who}",
    unlockTitle: "Unlock", unlockHint: "Your session is still open. Enter your passphrase to unlock the transcripts on this device.",
    unlock: "Unlock", notMe: "Sign out",
    alertNew: "New {sev} case waiting", alertOffer: "Offered to you first: claim it, or decline so a colleague is asked at once",
    alertHanded: "{who} handed you this case", alertStage1: "Deadline missed: nobody has claimed it; every online operator is alerted",
    alertStage2: "Still unclaimed: supervisors are alerted", alertStage3: "Still unclaimed: the on-call supervisor was alerted by SMS",
    alertSurge: "Surge: more urgent cases than free operators", alertDispatch: "Dispatch news",
    surge: "Surge: {waiting} urgent case(s) waiting, {free} operator(s) free. Waiting people have been told their place.",
    wellbeing: "This shift: {n} critical case(s) · {m} min since your last break", pause: " — you have carried a heavy load: take a pause when you can (set your status to Away).",
    noIndicator: "No indicator recorded (severity from the conversation as a whole).", inMessage: "message {n}, highlighted",
    rating: "Rate the screener", ratingReason: "Why (kept as a private note)", ratingSave: "Save rating", ratingScreened: "The screener rated it {s}.",
    fSeverity: "Severity", fCategories: "Categories", fMinor: "Minor", fAge: "Age", fArea: "Area", fChannel: "Channel", fLanguage: "Language",
    fOpened: "Opened", fStatus: "Status", fOffered: "Offered to", fEscalation: "Escalation", yes: "yes", no: "no",
    esc1: "all operators alerted", esc2: "supervisors alerted", esc3: "on-call supervisor alerted",
    sending: "sending…", sent: "sent", delivered: "delivered", read: "read", failed: "not delivered", held: "held until they write again", you: "you",
    passphraseButton: "Passphrase", myPassphrase: "Change my passphrase", currentPassphrase: "Current passphrase",
    newPassphrase: "New passphrase (12 characters or more)", onceMore: "Once more", changePassphrase: "Change passphrase",
    forgot: "Forgot your passphrase? Use your recovery key", recoverForm: "Reset the passphrase with the recovery key",
    recoveryKey: "Recovery key", setNewPassphrase: "Set the new passphrase",
    accountsTitle: "Accounts", accountsCaption: "Accounts and who holds the team key", thAccount: "Account", thRoles: "Roles",
    thTeamKey: "Team key", thRemove: "Remove", rotationLabel: "Team key rotation", enrolTitle: "Enrol an operator (the keys are made in this page)",
    roleOperator: "Operator", roleBoth: "Operator and supervisor", roleUnit: "Mobile unit",
    enrolMunicipalities: "Municipalities (mobile units; comma-separated)", enrolPassphrase: "Their passphrase (they type it; 12 characters or more)",
    enrol: "Enrol", teamKeyVersion: "team key version {v}", keyVersion: "version {v}", keyNone: "none", removeWho: "Remove {who}",
    removeConfirm: "Remove {who}? If they hold the team key, a new team key is made now.", rotPreparing: "Preparing the new team key…",
    rotSealed: "Sealed the new team key to {done} of {total} operators…", rotSaving: "Sealed the old team key under the new one; saving…",
    rotDone: "Removed {who}. The team key is version {v}: everything written from now on is sealed to it.",
    makingKeys: "Making the keys…", enrolled: "Enrolled {who}.", recoveryShown: "Recovery key for {who} (shown this once; give it to them to keep safe): {key}",
    passDiffer: "The two passphrases differ.", passShort: "A passphrase needs at least {n} characters: a few words are easier to remember than symbols.",
    passUsername: "A passphrase must not be built on the username.", passCommon: "That passphrase is among the most common ones: choose another.",
    rewrapping: "Re-wrapping your key…", passChanged: "Your passphrase is changed.", passWrongCurrent: "The current passphrase is not right.",
    checkingRecovery: "Checking the recovery key…", recoverDone: "Your new passphrase is set: sign in with it.", recoverWrong: "Wrong username or recovery key.",
    dashTitle: "Dashboard (last 24 hours)", chartQueue: "Queue length", chartWait: "Waiting time before claim, by severity (median and 90th percentile, seconds)",
    chartMissed: "Deadlines missed per hour", chartDispatch: "Dispatch: confirmation to acknowledgement (seconds)",
    chartQueueLabel: "Queue length over the last 24 hours", chartWaitLabel: "Waiting time before claim by severity",
    chartDispatchLabel: "Seconds from dispatch confirmation to acknowledgement", median: "median", p90: "90th percentile",
    inAll: "({n} in all)", medianSeconds: "(median {n} s)", noData: "No data yet",
    opsTitle: "Operators", opsCaption: "Operators, presence, load and wellbeing", thOperator: "Operator", thCritical: "Critical this shift",
    thSinceBreak: "Since break", thWellbeing: "Wellbeing", allTitle: "All cases", allCaption: "All open and held cases", thHolder: "Holder",
    thReassign: "Reassign", thTakeOver: "Take over", agreementTitle: "Screener and operators",
    agreementCaption: "Agreement between the screener's rating and the operators', by language, category and the operator's severity",
    thGroup: "Group", thRated: "Rated cases", thAgreed: "Agreed", thLower: "Screener lower", thHigher: "Screener higher",
    statsContacts: "Contacts", statsTotal: "{month}: {n} contacts.", statsChannel: "Channel", statsLanguage: "Language",
    statsCategory: "Category", statsSeverity: "Severity", statsAgeBand: "Age band", statsMunicipality: "Municipality",
    statsOutcome: "Outcome", statsReferral: "Referral", statsMinorNoAge: "under 18 (age unknown)",
    statsTitle: "Monthly statistics", statsHint: "Counts only: no text, no identifiers; any count under 5 is shown as \"<5\".", month: "Month",
    show: "Show", downloadCsv: "Download CSV", print: "Print", cannedFormat: "Answers, one per line: id | language (sq or en) | title | text",
    saveCanned: "Save canned answers", auditTitle: "Audit log",
    reassign: "Reassign", reassignTo: "Reassign case {id} to", takeOver: "Take over", takeOverCase: "Take over case {id}", monitor: "Monitor",
    monitorCase: "Monitor case {id} silently", pauseSuggested: "pause suggested", ok: "ok", chainIntact: "Chain intact: {n} entries.",
    chainBroken: "CHAIN BROKEN at {at}.", auditRefused: " — refused ({s})",
    agreementNone: "No case has been rated by an operator yet.", operatorSeverity: "Operator's severity", agreementCategory: "Category",
    agreementSummary: "{n} cases rated by operators; the screener agreed on the severity of {agree} ({rate}).",
    approvalAsks: "{who} asks: {action} on {id}", approve: "Approve", approvalWaiting: "(waiting for a colleague)", none: "None.",
  },
  sq: {
    title: "Konsola e linjës", views: "Pamjet", tabCases: "Rastet", tabDashboard: "Paneli", tabSupervisor: "Mbikëqyrësi",
    status: "Gjendja", online: "I lidhur", away: "Në pushim", offline: "Jo në linjë", signOut: "Dil", signIn: "Hyr",
    username: "Emri i përdoruesit", passphrase: "Fjalëkalimi", desktopAlerts: "Njoftime në desktop", live: "Live", reconnecting: "Po rilidhet…",
    takeNext: "Merr rastin e radhës", lists: "Listat", listQueue: "Radha", listMine: "Të miat", listClosed: "Të mbyllura",
    searchLabel: "Kërko me kodin ose id-në e rastit", searchPlaceholder: "Kodi ose id e rastit", cases: "Rastet",
    queueEmpty: "Asnjë rast në pritje.", mineEmpty: "Nuk mbani asnjë rast.", closedEmpty: "Asnjë rast i mbyllur së fundi.", searchEmpty: "Nuk u gjet asnjë rast.",
    approvals: "Miratime në pritje", placeholder: "Zgjidhni një rast nga radha, ose merrni rastin e radhës.",
    case: "Rasti", duress: "nën detyrim", claim: "Merre", decline: "Refuzo ofertën", addNote: "Shënim privat", transfer: "Transfero",
    resolve: "Zgjidh…", handBack: "Ktheje te boti", transferTitle: "Transfero te një koleg", colleague: "Kolegu",
    transferNote: "Shënim privat (i vulosur; vetëm ekipi e lexon)", cancel: "Anulo", noteTitle: "Shënim privat për ekipin",
    noteLabel: "I vulosur me çelësin e ekipit; nuk i dërgohet kurrë personit", saveNote: "Ruaj shënimin", resolveTitle: "Zgjidh rastin",
    outcome: "Përfundimi", resolveHint: "Regjistri ruhet me këtë përfundim, pastaj biseda kthehet te boti.",
    resolveConfirm: "Zgjidh", transcript: "Biseda", reply: "Përgjigje", replyPlaceholder: "Shkruani përgjigjen. Shtypni / për përgjigje të gatshme.",
    send: "Dërgo", cannedAnswers: "Përgjigje të gatshme", cannedHint: "Shtypni / për përgjigje të gatshme · Ctrl+Enter (⌘+Enter në Mac) dërgon",
    facts: "Të dhënat", why: "Pse ky rast", notes: "Shënime private", dispatch: "Dërgimi i njësisë së lëvizshme", confirmDispatch: "Konfirmo dërgimin",
    revealAgreed: "Personi pranoi që njësia të ketë kontaktin e tij", revealRequest: "Kërko zbulimin e kontaktit (duhet një person i dytë)",
    record: "Regjistri i rastit", area: "Zona (bashkia)", unknown: "e panjohur", referrals: "Referimet (lista: verifikojeni para përdorimit)",
    followUp: "Data e ndjekjes", saveRecord: "Ruaj regjistrin", timeline: "Kronologjia", export: "Eksporti", exportRequest: "Kërko eksport",
    exportDownload: "Shkarko eksportin", open: "Hap", dismiss: "Mbyll", declineShort: "Refuzo",
    keys: "Tastet (Alt, ose Option në Mac): N rasti tjetër · J/K lëviz në listë · C merr · R përgjigju · P shënim · T transfero · L ktheje te boti",
    typing: "Personi po shkruan…", saved: "U ruajt.", nothingWaiting: "Asnjë rast në pritje nuk përputhet me gjuhët tuaja.",
    place: "vendi {n}", waiting: "pret {t}", heldBy: "e mban {who}", closedAt: "mbyllur {t}", minor: "i mitur", askedPerson: "kërkoi një njeri", sharedNetwork: "një nga shumë biseda të reja nga i njëjti rrjet", uncategorised: "pa kategori",
    deleteConversation: "Fshi bisedën…", deleteTitle: "Ta fshijmë këtë bisedë?", deleteConfirm: "Fshije përgjithmonë", deleted: "Biseda u fshi.",
    deleteWhat: "Fshihen transkripti, kopja e bisedës në web, kodi i rastit, gjendja e rrezikut dhe shënimet e faktet e mbyllura të rastit, dhe rasti mbyllet. Kjo nuk kthehet mbrapsht.",
    moveTitle: "Dikush dha kodin e këtij rasti në një bisedë tjetër", moveConfirm: "Është i njëjti person: zhvendos", moveRefuse: "Nuk është i njëjti person: refuzo",
    moveStatus: "Në {channel} që nga {t}. Asgjë nuk zhvendoset pa konfirmuar ju; kontrolloni me kujdes në bisedë që është i njëjti person.",
    fAskedPerson: "Kërkoi një njeri", closeAs: "Mbyll si", closeTest: "provë", closePrank: "shaka", closeNoContact: "pa kontakt",
    signingIn: "Po hyni…", unlocking: "Po hapet çelësi i bisedave…", wrong: "Emër ose fjalëkalim i gabuar.",
    locked: "Shumë përpjekje të dështuara: llogaria është e bllokuar për pak kohë.", signedInAs: "Keni hyrë si {who}",
    unlockTitle: "Zhblloko", unlockHint: "Seanca juaj është ende e hapur. Shkruani fjalëkalimin për të hapur bisedat në këtë pajisje.",
    unlock: "Zhblloko", notMe: "Dil",
    alertNew: "Rast i ri {sev} në pritje", alertOffer: "Ju ofrohet juve së pari: merreni, ose refuzojeni që të pyetet menjëherë një koleg",
    alertHanded: "{who} jua dorëzoi këtë rast", alertStage1: "Afati kaloi: askush nuk e ka marrë; njoftohen të gjithë operatorët",
    alertStage2: "Ende i pamarrë: njoftohen mbikëqyrësit", alertStage3: "Ende i pamarrë: mbikëqyrësi në detyrë u njoftua me SMS",
    alertSurge: "Fluks: më shumë raste urgjente se operatorë të lirë", alertDispatch: "Lajm për dërgimin",
    surge: "Fluks: {waiting} raste urgjente në pritje, {free} operatorë të lirë. Personave në pritje u është thënë vendi i tyre.",
    wellbeing: "Këtë turn: {n} raste kritike · {m} min nga pushimi i fundit", pause: " — keni mbajtur shumë ngarkesë: bëni një pushim kur të mundeni (vendosni gjendjen Në pushim).",
    noIndicator: "Asnjë tregues i regjistruar (rëndësia nga biseda si e tërë).", inMessage: "mesazhi {n}, i theksuar",
    rating: "Korrigjoni vlerësimin automatik", ratingReason: "Pse (ruhet si shënim privat)", ratingSave: "Ruaj vlerësimin", ratingScreened: "Vlerësimi automatik e vendosi {s}.",
    fSeverity: "Rëndësia", fCategories: "Kategoritë", fMinor: "I mitur", fAge: "Mosha", fArea: "Zona", fChannel: "Kanali", fLanguage: "Gjuha",
    fOpened: "Hapur", fStatus: "Gjendja", fOffered: "Ofruar te", fEscalation: "Përshkallëzimi", yes: "po", no: "jo",
    esc1: "u njoftuan të gjithë operatorët", esc2: "u njoftuan mbikëqyrësit", esc3: "u njoftua mbikëqyrësi në detyrë",
    sending: "po dërgohet…", sent: "dërguar", delivered: "dorëzuar", read: "lexuar", failed: "nuk u dorëzua", held: "pret derisa të shkruajë përsëri", you: "ju",
    passphraseButton: "Fjalëkalimi", myPassphrase: "Ndrysho fjalëkalimin tim", currentPassphrase: "Fjalëkalimi i tanishëm",
    newPassphrase: "Fjalëkalimi i ri (12 shenja ose më shumë)", onceMore: "Edhe një herë", changePassphrase: "Ndrysho fjalëkalimin",
    forgot: "Harruat fjalëkalimin? Përdorni çelësin e rikuperimit", recoverForm: "Rivendosni fjalëkalimin me çelësin e rikuperimit",
    recoveryKey: "Çelësi i rikuperimit", setNewPassphrase: "Vendos fjalëkalimin e ri",
    accountsTitle: "Llogaritë", accountsCaption: "Llogaritë dhe kush e mban çelësin e ekipit", thAccount: "Llogaria", thRoles: "Rolet",
    thTeamKey: "Çelësi i ekipit", thRemove: "Hiq", rotationLabel: "Ndërrimi i çelësit të ekipit", enrolTitle: "Regjistro një operator (çelësat krijohen në këtë faqe)",
    roleOperator: "Operator", roleBoth: "Operator dhe mbikëqyrës", roleUnit: "Njësi e lëvizshme",
    enrolMunicipalities: "Bashkitë (për njësitë e lëvizshme; të ndara me presje)", enrolPassphrase: "Fjalëkalimi i tyre (e shkruajnë vetë; 12 shenja ose më shumë)",
    enrol: "Regjistro", teamKeyVersion: "versioni {v} i çelësit të ekipit", keyVersion: "versioni {v}", keyNone: "asnjë", removeWho: "Hiq {who}",
    removeConfirm: "Të hiqet {who}? Nëse e mban çelësin e ekipit, krijohet tani një çelës i ri ekipi.", rotPreparing: "Po përgatitet çelësi i ri i ekipit…",
    rotSealed: "Çelësi i ri i ekipit u vulos për {done} nga {total} operatorë…", rotSaving: "Çelësi i vjetër u vulos nën të riun; po ruhet…",
    rotDone: "{who} u hoq. Çelësi i ekipit është versioni {v}: gjithçka që shkruhet tani e tutje vuloset me të.",
    makingKeys: "Po krijohen çelësat…", enrolled: "{who} u regjistrua.", recoveryShown: "Çelësi i rikuperimit për {who} (shfaqet vetëm këtë herë; jepjani ta ruajë mirë): {key}",
    passDiffer: "Dy fjalëkalimet nuk përputhen.", passShort: "Fjalëkalimi duhet të ketë të paktën {n} shenja: disa fjalë mbahen mend më lehtë se simbolet.",
    passUsername: "Fjalëkalimi nuk duhet të ndërtohet mbi emrin e përdoruesit.", passCommon: "Ky fjalëkalim është ndër më të zakonshmit: zgjidhni një tjetër.",
    rewrapping: "Po rimbështillet çelësi juaj…", passChanged: "Fjalëkalimi juaj u ndryshua.", passWrongCurrent: "Fjalëkalimi i tanishëm nuk është i saktë.",
    checkingRecovery: "Po kontrollohet çelësi i rikuperimit…", recoverDone: "Fjalëkalimi i ri u vendos: hyni me të.", recoverWrong: "Emër ose çelës rikuperimi i gabuar.",
    dashTitle: "Paneli (24 orët e fundit)", chartQueue: "Gjatësia e radhës", chartWait: "Koha e pritjes para marrjes, sipas rëndësisë (mesorja dhe percentili i 90-të, sekonda)",
    chartMissed: "Afate të kaluara në orë", chartDispatch: "Dërgimi: nga konfirmimi te marrja në dijeni (sekonda)",
    chartQueueLabel: "Gjatësia e radhës në 24 orët e fundit", chartWaitLabel: "Koha e pritjes para marrjes sipas rëndësisë",
    chartDispatchLabel: "Sekonda nga konfirmimi i dërgimit te marrja në dijeni", median: "mesorja", p90: "percentili i 90-të",
    inAll: "({n} gjithsej)", medianSeconds: "(mesorja {n} s)", noData: "Ende pa të dhëna",
    opsTitle: "Operatorët", opsCaption: "Operatorët, prania, ngarkesa dhe mirëqenia", thOperator: "Operatori", thCritical: "Kritike këtë turn",
    thSinceBreak: "Nga pushimi", thWellbeing: "Mirëqenia", allTitle: "Të gjitha rastet", allCaption: "Të gjitha rastet në pritje dhe të marra", thHolder: "Mbajtësi",
    thReassign: "Ricakto", thTakeOver: "Merr përsipër", agreementTitle: "Vlerësimi automatik dhe operatorët",
    agreementCaption: "Përputhja mes vlerësimit automatik dhe atij të operatorëve, sipas gjuhës, kategorisë dhe rëndësisë së operatorit",
    thGroup: "Grupi", thRated: "Raste të vlerësuara", thAgreed: "Përputhen", thLower: "Automatiku më i ulët", thHigher: "Automatiku më i lartë",
    statsContacts: "Kontakte", statsTotal: "{month}: {n} kontakte.", statsChannel: "Kanali", statsLanguage: "Gjuha",
    statsCategory: "Kategoria", statsSeverity: "Rëndësia", statsAgeBand: "Grupmosha", statsMunicipality: "Bashkia",
    statsOutcome: "Përfundimi", statsReferral: "Referimi", statsMinorNoAge: "nën 18 (mosha e panjohur)",
    statsTitle: "Statistikat mujore", statsHint: "Vetëm numra: pa tekst, pa identifikues; çdo numër nën 5 shfaqet si \"<5\".", month: "Muaji",
    show: "Shfaq", downloadCsv: "Shkarko CSV", print: "Printo", cannedFormat: "Përgjigjet, një për rresht: id | gjuha (sq ose en) | titulli | teksti",
    saveCanned: "Ruaj përgjigjet e gatshme", auditTitle: "Regjistri i auditimit",
    reassign: "Ricakto", reassignTo: "Ricakto rastin {id} te", takeOver: "Merr përsipër", takeOverCase: "Merr përsipër rastin {id}", monitor: "Monitoro",
    monitorCase: "Monitoro në heshtje rastin {id}", pauseSuggested: "sugjerohet pushim", ok: "mirë", chainIntact: "Zinxhiri i paprekur: {n} shënime.",
    chainBroken: "ZINXHIRI I PRISHUR te {at}.", auditRefused: " — u refuzua ({s})",
    agreementNone: "Asnjë rast nuk është vlerësuar ende nga një operator.", operatorSeverity: "Rëndësia sipas operatorit", agreementCategory: "Kategoria",
    agreementSummary: "{n} raste të vlerësuara nga operatorët; vlerësimi automatik përputhej në rëndësi për {agree} ({rate}).",
    approvalAsks: "{who} kërkon: {action} për {id}", approve: "Mirato", approvalWaiting: "(pret një koleg)", none: "Asnjë.",
  },
};

const STORE = "hl-console-language";
let language = (() => {
  try { const saved = localStorage.getItem(STORE); if (saved === "sq" || saved === "en") return saved; } catch (e) { /* storage blocked */ }
  return (navigator.language || "").toLowerCase().startsWith("sq") ? "sq" : "en";
})();
const listeners = [];

export function t(key, vars) {
  let s = (words[language] && words[language][key]) || words.en[key] || key;
  if (vars) Object.keys(vars).forEach((k) => { s = s.split("{" + k + "}").join(vars[k]); });
  return s;
}

export const currentLanguage = () => language;

export const formatTime = (at) => HotlineDates.time(at);
export const formatDay = (at) => HotlineDates.day(at, language);
export const formatDateTime = (at) => HotlineDates.dateTime(at, language);

export function onLanguageChange(listener) { listeners.push(listener); }

export function applyLanguage() {
  document.documentElement.lang = language;
  document.querySelectorAll("[data-i18n]").forEach((e) => { e.textContent = t(e.dataset.i18n); });
  document.querySelectorAll("[data-i18n-label]").forEach((e) => e.setAttribute("aria-label", t(e.dataset.i18nLabel)));
  document.querySelectorAll("[data-i18n-placeholder]").forEach((e) => e.setAttribute("placeholder", t(e.dataset.i18nPlaceholder)));
  const select = document.getElementById("ui-language");
  if (select) select.value = language;
}

export function setLanguage(next) {
  if (next !== "sq" && next !== "en") return;
  language = next;
  try { localStorage.setItem(STORE, next); } catch (e) { /* storage blocked */ }
  applyLanguage();
  listeners.forEach((f) => f());
}

document.getElementById("ui-language").addEventListener("change", (e) => setLanguage(e.target.value));
applyLanguage();
