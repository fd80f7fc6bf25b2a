// A hint, never a block: the words that may lose the family, with a plainer way to say them.
import { h, replace } from "./dom.js";
import { t } from "./i18n.js";

const hintTimers = new Map();

export function plainLanguage(text, target) {
  clearTimeout(hintTimers.get(target));
  hintTimers.set(
    target,
    setTimeout(async () => {
      if (!text.trim()) {
        replace(target);
        return;
      }
      try {
        const response = await fetch("/api/plain-language", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ text }),
        });
        const answer = await response.json();
        if (!response.ok) return;
        replace(
          target,
          answer.flags.length
            ? h(
                "ul",
                { class: "hint-list" },
                answer.flags.map((f) =>
                  h("li", {}, h("strong", {}, t("“{text}”", { text: f.term })), " " + t("{why} Try: {suggestion}", f)),
                ),
              )
            : null,
        );
      } catch {
        /* hints are optional */
      }
    }, 400),
  );
}
