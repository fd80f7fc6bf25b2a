// Start a new board: create it, keep the projector link on this device, open the console.
const form = document.getElementById("create-form");
const status = document.getElementById("create-status");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  status.textContent = "Starting…";
  const body = { title: form.elements.title.value, kind: form.elements.kind.value };
  if (form.elements.chair_name.value.trim()) body.chair_name = form.elements.chair_name.value;
  try {
    const response = await fetch("/api/conferences", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) {
      status.textContent = answer.error.message;
      return;
    }
    localStorage.setItem(`cb:display:${answer.conference_id}`, answer.display_url);
    location.assign(answer.facilitator_url);
  } catch (err) {
    status.textContent = "We couldn't reach the server. Please check the connection and try again.";
  }
});
