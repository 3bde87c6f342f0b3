// Readable names for what the server sends as identifiers: categories, severities, channels, indicators, timeline
// events and audit actions; and the one way a case is named everywhere (its queue row, alerts, the case header).
import { t, currentLanguage, formatTime } from "./i18n.js";

const names = {
  category: {
    domestic_violence: ["Domestic violence", "Dhunë në familje"], sexual_violence: ["Sexual violence", "Dhunë seksuale"],
    trafficking: ["Trafficking", "Trafikim"], digital_violence: ["Digital violence", "Dhunë digjitale"],
    child_at_risk: ["Child at risk", "Fëmijë në rrezik"], hate_violence: ["Hate violence (LGBTIQ)", "Dhunë nga urrejtja (LGBTIQ)"],
    self_harm: ["Self-harm", "Vetëdëmtim"], stalking: ["Stalking", "Përndjekje"], other: ["Other", "Tjetër"],
  },
  severity: {
    critical: ["Critical", "Kritike"], high: ["High", "E lartë"], medium: ["Medium", "Mesatare"], low: ["Low", "E ulët"], none: ["None", "Asnjë"],
  },
  channel: { sms: ["SMS", "SMS"], whatsapp: ["WhatsApp", "WhatsApp"], webchat: ["Web chat", "Chat në web"] },
  language: { sq: ["Albanian", "Shqip"], en: ["English", "Anglisht"] },
  status: { open: ["waiting", "në pritje"], claimed: ["claimed", "marrë"], closed: ["closed", "mbyllur"] },
  // The families of screening indicators, by the prefix of their id.
  indicator: {
    imm: ["Immediate danger", "Rrezik i menjëhershëm"], v: ["Violence", "Dhunë"], dv: ["Domestic violence", "Dhunë në familje"],
    sv: ["Sexual violence", "Dhunë seksuale"], tr: ["Trafficking sign", "Shenjë trafikimi"], dg: ["Digital abuse", "Abuzim digjital"],
    hv: ["Hate violence", "Dhunë nga urrejtja"], ch: ["Child", "Fëmijë"], age: ["Age", "Mosha"], actor: ["Who does it", "Kush e bën"],
    ctl: ["Control", "Kontroll"], cue: ["Distress cue", "Shenjë shqetësimi"], idiom: ["Expression", "Shprehje"], sh: ["Self-harm", "Vetëdëmtim"],
    time: ["Happening now", "Po ndodh tani"], pr: ["Plea for help", "Thirrje për ndihmë"],
  },
  // Every timeline kind by its wire name (Hotline.Core's TimelineKind; a test checks the two agree).
  timeline: {
    opened: ["Case opened", "Rasti u hap"], waiting: ["Waiting for an operator", "Në pritje të një operatori"], raised: ["Severity raised", "Rëndësia u rrit"],
    claimed: ["Claimed", "U mor"], released: ["Handed back to the bot", "U kthye te boti"], declined: ["Offer declined", "Oferta u refuzua"],
    "offer lapsed": ["Offer lapsed", "Oferta skadoi"], offered: ["Offered", "U ofrua"], transferred: ["Transferred", "U transferua"],
    reassigned: ["Reassigned", "U ricaktua"], "taken over": ["Taken over", "U mor përsipër"], escalated: ["Escalated", "U përshkallëzua"],
    duress: ["Duress phrase", "Frazë detyrimi"], area: ["Area recorded", "Zona u regjistrua"], place: ["Area recorded", "Zona u regjistrua"],
    outcome: ["Outcome recorded", "Përfundimi u regjistrua"], referral: ["Referral", "Referim"], "follow-up": ["Follow-up set", "Ndjekja u caktua"],
    "approval-requested": ["Approval requested", "U kërkua miratim"], "approval-granted": ["Approval granted", "Miratimi u dha"],
    "contact-cleared": ["Contact cleared for the unit", "Kontakti u lejua për njësinë"], "contact-unavailable": ["Contact unavailable", "Kontakti nuk është i disponueshëm"],
    "dispatch-proposed": ["Dispatch proposed", "Dërgim i propozuar"], "dispatch-confirmed": ["Dispatch confirmed", "Dërgimi u konfirmua"],
    "dispatch-sent": ["Dispatch sent to the unit", "Dërgimi iu nis njësisë"], "dispatch-acknowledged": ["Unit acknowledged", "Njësia konfirmoi marrjen"],
    "dispatch-en-route": ["Unit en route", "Njësia është në rrugë"], "dispatch-arrived": ["Unit arrived", "Njësia mbërriti"], "dispatch-closed": ["Unit closed the dispatch", "Njësia e mbylli dërgimin"],
    "dispatch-reassigned": ["Dispatch reassigned", "Dërgimi u ricaktua"], "dispatch-fallback": ["Dispatch fallback", "Dërgim rezervë"],
    "dispatch-unavailable": ["No unit available", "Asnjë njësi e disponueshme"],
    rated: ["Severity corrected", "Rëndësia u korrigjua"], surge: ["Surge: the person was told their place", "Fluks: personit iu tha vendi në radhë"],
    "offer withdrawn": ["Offer withdrawn", "Oferta u tërhoq"], "notice-sent": ["Notice sent", "Njoftimi u dërgua"],
    "notice-undeliverable": ["Notice could not be delivered", "Njoftimi nuk u dorëzua"], "contact-refused": ["Contact not shared", "Kontakti nuk u nda"],
    note: ["Private note added", "U shtua shënim privat"], closed: ["Closed", "U mbyll"],
    deleted: ["Conversation deleted", "Biseda u fshi"], "requested-person": ["Asked for a person", "Kërkoi një person"],
  },
};

function pick(table, key) {
  const entry = names[table][key];
  if (!entry) return null;
  return currentLanguage() === "sq" ? entry[1] : entry[0];
}

/** An identifier made readable when no label is known: "domestic_violence" → "domestic violence". */
function plain(id) { return String(id).replace(/[_.-]+/g, " ").trim(); }

export const categoryName = (c) => pick("category", c) || plain(c);
export const severityName = (s) => pick("severity", s) || plain(s);
export const channelName = (c) => pick("channel", c) || plain(c);
export const languageName = (l) => pick("language", l) || l;
export const statusName = (s) => pick("status", s) || plain(s);
export const timelineName = (k) => pick("timeline", k) || plain(k);

export function categoriesText(list) { return list && list.length ? list.map(categoryName).join(", ") : t("uncategorised"); }

/** The screener's own label when it sent one; else the indicator's family, and the id's last part in words. */
export function indicatorName(i) {
  if (i.label) return i.label;
  const id = String(i.id), dot = id.indexOf(".");
  const family = dot > 0 ? pick("indicator", id.slice(0, dot)) : null;
  const rest = plain(dot > 0 ? id.slice(dot + 1) : id);
  return family ? family + ": " + rest : rest;
}

/** A short reference every view shows for a case: the end of its id, as on its queue row. */
export function caseRef(id) { return "#" + String(id).replace(/[^0-9a-zA-Z]/g, "").slice(-6).toUpperCase(); }

/** The case named the way its queue row names it: reference, severity, categories, channel and language. */
export function caseName(c) {
  if (!c) return "";
  return caseRef(c.id) + " · " + severityName(c.severity) + " · " + categoriesText(c.categories) + " · " + channelName(c.channel) + " · " + languageName(c.language);
}

export function timelineLine(e) {
  return formatTime(e.at) + " · " + timelineName(e.kind) + (e.by ? " · " + e.by : "") + (e.detail ? " · " + e.detail : "");
}
