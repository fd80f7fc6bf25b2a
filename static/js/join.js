// Join by code: ask for a name and role, then tell the person what happens next. The
// language the form was read in becomes the person's own (kept in their member record).
import { keys } from "./keys.js";
import { lang, t } from "./i18n.js";
const form = document.getElementById("join-form");
const status = document.getElementById("join-status");
const codeBox = document.getElementById("join-code");
const codeStatus = document.getElementById("join-code-status");
const checkButton = document.getElementById("check-code");
const who = document.getElementById("join-who");

// The code is checked before anyone is asked their name: a wrong code is said at once, and
// the code stays there to be put right.
async function checkCode() {
  codeStatus.textContent = "";
  try {
    const response = await fetch("/api/join-code", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ join_code: codeBox.value }),
    });
    const answer = await response.json();
    const ok = response.ok;
    codeStatus.textContent = ok ? "" : answer.error.message;
    codeBox.setAttribute("aria-invalid", ok ? "false" : "true");
    who.hidden = !ok;
    checkButton.hidden = ok;
    if (ok && !form.elements.name.value) form.elements.name.focus();
    else if (!ok) codeBox.focus();
  } catch {
    codeStatus.textContent = t("We couldn't reach the board. Please check your connection and try again.");
    checkButton.hidden = false;
  }
}

codeBox.addEventListener("input", () => {
  // a changed code is checked again before the name is asked for
  who.hidden = true;
  checkButton.hidden = false;
  codeStatus.textContent = "";
});
codeBox.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && who.hidden) {
    event.preventDefault();
    checkCode();
  }
});
checkButton.addEventListener("click", checkCode);
// the server checked the link's code as it made the page ("ok" or "bad"): no round trip more
const checked = form.dataset.checked;
if (checked === "ok") {
  if (!form.elements.name.value) form.elements.name.focus();
} else if (checked === "bad") codeBox.focus();
else if (codeBox.value) checkCode();
else checkButton.hidden = false;

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  status.textContent = t("Joining…");
  const body = {
    join_code: codeBox.value,
    name: form.elements.name.value,
    role: form.elements.role.value,
    language: lang(),
  };
  try {
    const response = await fetch("/api/join", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) {
      status.textContent = answer.error.message;
      return;
    }
    localStorage.setItem(keys.token(answer.conference_id, "participate"), answer.participant_token);
    status.textContent =
      answer.status === "waiting" ? t("Thank you. The chair will let you in shortly.") : t("You're in.");
    location.assign(`/c/${answer.conference_id}/participate?lang=${encodeURIComponent(lang())}`);
  } catch {
    status.textContent = t("We couldn't reach the board. Please check your connection and try again.");
  }
});
