// Sign in: the server sets an HttpOnly session cookie; the CSRF token is kept for this tab.
import { t } from "./i18n.js";

const form = document.getElementById("login-form");
const status = document.getElementById("login-status");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  status.textContent = t("Signing in…");
  const response = await fetch("/api/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      username: form.elements.username.value.trim().toLowerCase(),
      password: form.elements.password.value,
    }),
  });
  const answer = await response.json();
  if (!response.ok) {
    status.textContent = answer.error.message;
    form.elements.password.value = "";
    return;
  }
  location.assign("/mine");
});
