// The console's one piece of mutable state: who is signed in, the team key, the cases this page knows, the case open.
export const state = {};

function fresh(sodium) {
  return {
    token: null, signedIn: false, team: null, keys: null, sodium: sodium, cases: {}, selected: null, detail: null, hub: null, me: null, roles: [], canned: [],
    referrals: [], recordEdited: null, cannedEdited: false, exportApproval: null, moveDecided: null, view: "work", typingAt: 0, typingTimer: null
  };
}

/** Clears everything a signed-in operator had (the sodium instance stays: it holds no secret). */
export function resetState() {
  const sodium = state.sodium || null;
  Object.keys(state).forEach((k) => delete state[k]);
  Object.assign(state, fresh(sodium));
}
resetState();

export const isSupervisor = () => state.roles.indexOf("Supervisor") >= 0;

/** The cases the page knows, without the ones closed meanwhile (a closed case is removed, never stored as undefined). */
export function knownCases() {
  return Object.keys(state.cases).map((k) => state.cases[k]).filter(Boolean);
}

export function forgetCase(id) { delete state.cases[id]; }
