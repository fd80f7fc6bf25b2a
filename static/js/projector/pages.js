// ---- the board fits the screen: type down to 24 px, then pages of items with "1/2" ----
// The pages turn on one clock of their own, started once: a redraw (a new item, someone
// joining, the idle re-sync) recomputes the pages but never restarts the clock, so a board
// that keeps changing still turns. The chair can hold a page or turn to the next one.
import { t } from "../i18n.js";
import { h } from "../dom.js";
import { pageMarker, turnPages } from "../projector-screen.js";

const FONT_STEPS = [28, 27, 26, 25, 24];

export function pager({ vocab, client }) {
  const pageSeconds = Number(new URLSearchParams(location.search).get("page_seconds")) || 10;
  let page = 0;
  let pageCount = 1;
  let turnsSeen = 0; // how many times the chair pressed "Next page" (modulo limits.projector_pages), as last seen
  const held = () => Boolean(client && client.projector && client.projector.paused);

  setInterval(() => {
    if (pageCount <= 1 || held()) return;
    page = (page + 1) % pageCount;
    showPage();
  }, pageSeconds * 1000);

  function followChair() {
    const turns = (client.projector && client.projector.page) || 0;
    ({ page, seen: turnsSeen } = turnPages(page, turnsSeen, turns, vocab.limits.projector_pages));
  }

  function overflowing(area) {
    return [...area.querySelectorAll(".column")].some((c) => c.scrollHeight > c.clientHeight + 1);
  }

  function showPage() {
    const area = document.querySelector("#screen .columns");
    const old = document.getElementById("page-marker");
    if (!area || pageCount <= 1) {
      if (old) old.remove();
      return;
    }
    page = page % pageCount;
    for (const item of area.querySelectorAll(".item")) item.hidden = Number(item.dataset.page) !== page;
    for (const group of area.querySelectorAll(".group"))
      group.hidden = ![...group.querySelectorAll(".item")].some((i) => !i.hidden);
    const note = old || document.body.appendChild(h("p", { id: "page-marker" }));
    const marker = pageMarker(page, pageCount, held());
    note.textContent = marker.text;
    note.setAttribute(
      "aria-label",
      marker.held
        ? t("Page {n} of {total}, held by the chair", { n: marker.n, total: marker.total })
        : t("Page {n} of {total}", { n: marker.n, total: marker.total }),
    );
  }

  // a single screen in place of the board: one page, no marker
  function single(screen) {
    pageCount = 1;
    showPage();
    screen.style.height = "";
  }

  function fit(screen) {
    followChair();
    pageCount = 1;
    const area = screen.querySelector(".columns");
    if (!area) return showPage();
    // the board takes the screen below the title, and no more
    screen.style.height = `${Math.floor(window.innerHeight - screen.getBoundingClientRect().top) - 1}px`;
    const smaller = () =>
      FONT_STEPS.some((size) => (screen.style.setProperty("--item-size", `${size}px`), !overflowing(area)));
    if (smaller()) return showPage();
    // the statements give their room to the columns (the chair shows them with the focus)
    const statements = screen.querySelector(".board > .statements:not(.focused)");
    if (statements) {
      statements.hidden = true;
      if (smaller()) return showPage();
    }
    // still too much at 24 px: page each column's items (the clock turns them)
    const pages = [...area.querySelectorAll(".column")].map((column) => paginate(column));
    pageCount = Math.max(...pages);
    showPage();
  }

  return { fit, single };
}

// Give each item of a column the page it shows on; returns how many pages the column needs.
function paginate(column) {
  const items = [...column.querySelectorAll(".item")];
  const limit = column.getBoundingClientRect().bottom - 8;
  let n = 0;
  let shift = 0; // how far up the items of this page will move once earlier pages hide
  const top = items.length ? items[0].getBoundingClientRect().top : 0;
  for (const item of items) {
    const rect = item.getBoundingClientRect();
    if (rect.bottom - shift > limit && rect.top - shift > top) {
      n += 1;
      shift = rect.top - top;
    }
    item.dataset.page = String(n);
  }
  return n + 1;
}
