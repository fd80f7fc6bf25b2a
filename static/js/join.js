// Join by code: ask for a name and role, then tell the person what happens next.
import { keys } from "./keys.js";
const form = document.getElementById("join-form");
const status = document.getElementById("join-status");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  status.textContent = "Joining…";
  const body = {
    join_code: form.dataset.joinCode,
    name: form.elements.name.value,
    role: form.elements.role.value,
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
    status.textContent = answer.status === "waiting" ? "Thank you. The chair will let you in shortly." : "You're in.";
    location.assign(`/c/${answer.conference_id}/participate`);
  } catch {
    status.textContent = "We couldn't reach the board. Please check your connection and try again.";
  }
});
