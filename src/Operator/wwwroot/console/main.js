// The operator console: sign in, unlock the team key in this page, watch the queue live, claim, read, reply, transfer,
// record, dispatch; dashboards and the supervisor's view. Message text exists only here, decrypted in this page.
// Native ES modules, no bundler; each module wires its own part of the page.
import "./i18n.js";
import "./session.js";
import "./views.js";
import "./queue.js";
import "./case-view.js";
import "./composer.js";
import "./approvals.js";
import "./live.js";
import "./keyboard.js";
import "./accounts.js";
import "./idle-lock.js";
