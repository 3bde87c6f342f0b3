// Opens a case's sealed facts (what could name the person: age, area, minor, where indicators fired) with the team
// key, in this page only, as transcript entries are opened. Mirrors Hotline.Core.Cases.MessageFacts: each value names
// its conversation and entry, and one that names another is not shown.
import { state } from "./state.js";

const RECORDED = "recorded";

function open(sealed) {
  const sodium = state.sodium;
  const plain = AuthKeys.openSealedToTeam(sodium, state.team, sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL));
  return JSON.parse(sodium.to_string(plain));
}

/**
 * The facts of a case from its sealed values ([{entry, sealed}], in entry order): the latest age, the area an operator
 * recorded or else the first screening found, whether the person is a minor, and every indicator with its entry (seq).
 * Values that do not open (the console is locked, or one was tampered with) are counted in `unreadable`.
 */
export function openFacts(conversationId, sealedFacts) {
  const out = { age: null, place: null, minor: false, indicators: [], unreadable: 0 };
  let recorded = null;
  (sealedFacts || []).forEach((f) => {
    let v;
    try { v = state.team ? open(f.sealed) : null; } catch (e) { v = null; }
    if (!v || v.conversationId !== conversationId || v.entry !== f.entry) { out.unreadable++; return; }
    if (f.entry === RECORDED) { recorded = v.place || recorded; return; }
    if (v.age != null) out.age = v.age;
    if (v.place && !out.place) out.place = v.place;
    if (v.minor) out.minor = true;
    (v.indicators || []).forEach((i) => out.indicators.push({ seq: Number(f.entry), id: i.id, category: i.category, start: i.start, length: i.length }));
  });
  if (recorded) out.place = recorded;
  return out;
}

/** One contact's facts for the monthly statistics: the same reading, without checking which case it came from. */
export function openContact(sealedValues) {
  const out = { age: null, place: null, minor: false };
  let recorded = null;
  (sealedValues || []).forEach((s) => {
    let v;
    try { v = open(s); } catch (e) { return; }
    if (v.entry === RECORDED) { recorded = v.place || recorded; return; }
    if (v.age != null) out.age = v.age;
    if (v.place && !out.place) out.place = v.place;
    if (v.minor) out.minor = true;
  });
  if (recorded) out.place = recorded;
  return out;
}
