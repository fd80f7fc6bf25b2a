// The export panel: both copies of the minutes in every format the vocabulary names.
import { $, h, replace } from "../dom.js";

export function minutesPanel(ctx) {
  const { conferenceId, token, words } = ctx;
  async function download(fmt, copy) {
    $("#export-status").textContent = "Preparing…";
    const large = $("#export-large").checked ? "&large=1" : "";
    const response = await fetch(`/api/conferences/${conferenceId}/minutes.${fmt}?copy=${copy}${large}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      const answer = await response.json();
      $("#export-status").textContent = answer.error.message;
      return;
    }
    const name = (response.headers.get("Content-Disposition") || "").match(/filename="([^"]+)"/);
    const url = URL.createObjectURL(await response.blob());
    const link = h("a", { href: url, download: name ? name[1] : `minutes.${fmt}` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    $("#export-status").textContent = `Downloaded ${name ? name[1] : fmt}.`;
  }

  function setupExport() {
    replace(
      $("#export"),
      h(
        "label",
        { class: "check" },
        h("input", { type: "checkbox", id: "export-large" }),
        "Large print (16 pt) for Word, PDF and the web page",
      ),
      ["full", "family"].map((copy) =>
        h(
          "div",
          { class: "export-row", role: "group", "aria-label": copy === "full" ? "Full record" : "Family copy" },
          h("p", { class: "export-label" }, copy === "full" ? "Full record" : "Family copy"),
          words.formats.map(({ key: fmt, label }) =>
            h(
              "button",
              {
                type: "button",
                class: "secondary small",
                onclick: () => download(fmt, copy),
                "aria-label": `${copy === "full" ? "Full record" : "Family copy"} as ${label}`,
              },
              label,
            ),
          ),
        ),
      ),
    );
  }

  return { setupExport };
}
