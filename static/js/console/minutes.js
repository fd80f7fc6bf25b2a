// The export panel: both copies of the minutes in every format the vocabulary names.
import { t } from "../i18n.js";
import { mayLoseTheFamily } from "../sentences.js";
import { $, h, replace } from "../dom.js";

export function minutesPanel(ctx) {
  const { conferenceId, token, vocab, render } = ctx;
  // item or statement id -> what the plain-language check flags in it (the family copy's words)
  ctx.flags = new Map();
  let checkedSeq = -1;
  let timer = null;

  async function familyFlags() {
    const response = await fetch(`/api/conferences/${conferenceId}/plain-language?copy=family`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return response.ok ? (await response.json()).flags : [];
  }

  // after each change, a moment later: which items hold words that may lose the family
  function scheduleCheck(board) {
    if (board.seq === checkedSeq) return;
    checkedSeq = board.seq;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const flags = await familyFlags();
      const next = new Map();
      for (const f of flags) if (f.id) next.set(f.id, [...(next.get(f.id) || []), f]);
      const same = JSON.stringify([...next]) === JSON.stringify([...ctx.flags]);
      ctx.flags = next;
      if (!same) render();
    }, 800);
  }

  // Before the family copy goes out, the chair sees every flagged term with its suggestion
  // and chooses: fix first, or export anyway. Never blocked. Once exported anyway, the same
  // words are not asked about again for the copy's other formats; new ones are.
  let exportedAnyway = null;
  async function beforeFamilyExport(fmt) {
    const flags = await familyFlags();
    if (!flags.length || JSON.stringify(flags) === exportedAnyway) return download(fmt, "family");
    $("#export-status").textContent = ""; // an earlier "Downloaded …" is not this export
    const board = ctx.client.board;
    const approved = board && board.conference.approved;
    replace(
      $("#export-check"),
      h("h3", { id: "export-check-h", tabindex: "-1" }, mayLoseTheFamily(flags)),
      h(
        "ul",
        {},
        flags.map((f) =>
          h("li", {}, h("strong", {}, `“${f.term}”`), " " + t("in {where}: {why} Try: {suggestion}", f)),
        ),
      ),
      approved
        ? h("p", { class: "hint" }, t("The minutes are approved, so their words can no longer be changed."))
        : null,
      h(
        "div",
        { class: "row-actions" },
        approved ? null : h("button", { type: "button", onclick: () => fixFirst(flags) }, t("Fix first")),
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: () => {
              exportedAnyway = JSON.stringify(flags);
              $("#export-check").hidden = true;
              download(fmt, "family");
            },
          },
          t("Export anyway"),
        ),
      ),
    );
    $("#export-check").hidden = false;
    $("#export-check-h").focus();
  }

  // "Fix first": to where the flagged words can be put right. After the end, the correction
  // form under "Check and approve the minutes", set for the first flagged words it can
  // correct; during the meeting, the flagged item on the board.
  function fixFirst(flags) {
    $("#export-check").hidden = true;
    const board = ctx.client.board;
    if (board && ctx.correctFlagged && ctx.correctFlagged(board, flags)) return;
    for (const f of flags) {
      const card = f.id && $(`#board li.item[data-id="${CSS.escape(f.id)}"]`);
      if (card) {
        if (!card.hasAttribute("tabindex")) card.setAttribute("tabindex", "-1");
        card.focus();
        return;
      }
    }
  }

  async function download(fmt, copy) {
    $("#export-status").textContent = t("Preparing…");
    const large = $("#export-large").checked ? "&large=1" : "";
    // the family copy and the decision letter can be in the family's language; the full record stays in English
    const language = copy !== "full" ? `&lang=${encodeURIComponent($("#export-language").value)}` : "";
    const path =
      copy === "letter" ? `letter.${fmt}?${language.slice(1)}` : `minutes.${fmt}?copy=${copy}${large}${language}`;
    const response = await fetch(`/api/conferences/${conferenceId}/${path}`, {
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
    $("#export-status").textContent = t("Downloaded {file}.", { file: name ? name[1] : fmt });
  }

  // the language most of the family chose on their phones, else English
  function familyLanguage(board) {
    const counts = new Map();
    for (const m of board.members)
      if (m.language && vocab.isFamily(m.role)) counts.set(m.language, (counts.get(m.language) || 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] || vocab.v.languages[0].key;
  }

  let languageChosen = false;
  function followFamilyLanguage(board) {
    const select = $("#export-language");
    if (select && !languageChosen) select.value = familyLanguage(board);
  }

  function setupExport() {
    replace(
      $("#export"),
      h(
        "label",
        { class: "check" },
        h("input", { type: "checkbox", id: "export-large" }),
        t("Large print (16 pt) for Word, PDF and the web page"),
      ),
      ["full", "family"].map((copy) =>
        h(
          "div",
          { class: "export-row", role: "group", "aria-label": copy === "full" ? t("Full record") : t("Family copy") },
          h("p", { class: "export-label" }, copy === "full" ? t("Full record") : t("Family copy")),
          copy === "family"
            ? h(
                "label",
                { class: "export-language" },
                t("In "),
                h(
                  "select",
                  { id: "export-language", onchange: () => (languageChosen = true) },
                  vocab.v.languages.map((l) => h("option", { value: l.key, lang: l.key }, l.name)),
                ),
              )
            : null,
          vocab.formats.map(({ key: fmt, label }) =>
            h(
              "button",
              {
                type: "button",
                class: "secondary small",
                onclick: () => (copy === "family" ? beforeFamilyExport(fmt) : download(fmt, copy)),
                "aria-label": t("{copy} as {format}", {
                  copy: copy === "full" ? t("Full record") : t("Family copy"),
                  format: label,
                }),
              },
              label,
            ),
          ),
        ),
      ),
      // the chair's one-page letter to the parents, the day of the meeting, in the language chosen above
      h(
        "div",
        { class: "export-row", role: "group", "aria-label": t("Decision letter for the family") },
        h("p", { class: "export-label" }, t("Decision letter for the family")),
        vocab.formats
          .filter(({ key }) => key === "pdf" || key === "docx")
          .map(({ key: fmt, label }) =>
            h(
              "button",
              {
                type: "button",
                class: "secondary small",
                onclick: () => download(fmt, "letter"),
                "aria-label": t("{copy} as {format}", { copy: t("Decision letter for the family"), format: label }),
              },
              label,
            ),
          ),
      ),
    );
  }

  return { setupExport, scheduleCheck, followFamilyLanguage };
}
