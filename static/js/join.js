// Join by code: ask for a name and role, then tell the person what happens next. The
// language the form was read in becomes the person's own (kept in their member record).
import { keys } from "./keys.js";
import { lang, t } from "./i18n.js";
const form = document.getElementById("join-form");
const status = document.getElementById("join-status");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  status.textContent = t("Joining…");
  const body = {
    join_code: form.dataset.joinCode,
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
    localStorage.setItem(keys.token(answer.conference_id), answer.participant_token);
    status.textContent =
      answer.status === "waiting" ? t("Thank you. The chair will let you in shortly.") : t("You're in.");
    location.assign(`/c/${answer.conference_id}/participate?lang=${encodeURIComponent(lang())}`);
  } catch {
    status.textContent = t("We couldn't reach the board. Please check your connection and try again.");
  }
});
