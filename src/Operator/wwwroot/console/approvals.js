// Four eyes: requests waiting for a second person, and approving a colleague's.
import { $, text, enc, button } from "./dom.js";
import { api } from "./api.js";
import { state } from "./state.js";
import { t } from "./i18n.js";
import { showError } from "./case-view.js";

export function loadApprovals() {
  return api("GET", "/api/approvals").then((list) => {
    const ul = $("approvals");
    ul.textContent = "";
    list.forEach((a) => {
      const li = text("li", t("approvalAsks", { who: a.requestedBy, action: a.action, id: a.caseId }) + " ");
      if (a.requestedBy !== state.me) {
        li.appendChild(button(t("approve"), null, () => api("POST", "/api/approvals/" + enc(a.id) + "/approve").then(loadApprovals).catch(showError)));
      } else li.appendChild(text("span", t("approvalWaiting"), "muted"));
      ul.appendChild(li);
    });
    if (!list.length) ul.appendChild(text("li", t("none"), "muted"));
    // My own export, once approved, can be downloaded.
    if (state.exportApproval && !list.some((a) => a.id === state.exportApproval)) $("export-download").hidden = false;
  });
}
setInterval(() => { if (state.signedIn) loadApprovals().catch(() => {}); }, 5000);
