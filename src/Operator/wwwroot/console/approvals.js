// Four eyes: requests waiting for a second person, and approving a colleague's.
import { $, text, enc, button, keepingFocus } from "./dom.js";
import { api } from "./api.js";
import { state } from "./state.js";
import { t } from "./i18n.js";
import { showError } from "./case-view.js";

export function loadApprovals() {
  return api("GET", "/api/approvals").then((list) => {
    const ul = $("approvals");
    // Read again every few seconds: an "Approve" button that had the focus keeps it.
    keepingFocus(ul, (el) => el.dataset.approvalId ? "button[data-approval-id='" + CSS.escape(el.dataset.approvalId) + "']" : null, () => {
      ul.textContent = "";
      list.forEach((a) => {
        const li = text("li", t("approvalAsks", { who: a.requestedBy, action: a.action, id: a.caseId }) + " ");
        if (a.requestedBy !== state.me) {
          const approve = button(t("approve"), null, () => api("POST", "/api/approvals/" + enc(a.id) + "/approve").then(loadApprovals).catch(showError));
          approve.dataset.approvalId = a.id;
          li.appendChild(approve);
        } else li.appendChild(text("span", t("approvalWaiting"), "muted"));
        ul.appendChild(li);
      });
      if (!list.length) ul.appendChild(text("li", t("none"), "muted"));
    });
    // My own export, once approved, can be downloaded.
    if (state.exportApproval && !list.some((a) => a.id === state.exportApproval)) $("export-download").hidden = false;
  });
}
setInterval(() => { if (state.signedIn) loadApprovals().catch(() => {}); }, 5000);
