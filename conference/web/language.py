"""Which language a page speaks, and Flask-Babel fed from our catalogues.

A page's language is, first, `?lang=` (the join form's and the menus' choice, then kept in
a cookie for this device), then that cookie, then the browser's Accept-Language, then
British English. A member's own choice is kept in their member record: the phone reloads
in it (static/js/i18n.js)."""

from __future__ import annotations

import logging

from flask import Flask, g, has_request_context, request
from flask_babel import Babel, Domain, get_locale

from .. import i18n
from ..domain.errors import DomainError
from . import assets

log = logging.getLogger(__name__)

COOKIE = "cb_lang"


def page_language() -> str:
    if not has_request_context():  # a socket message the library answers outside a request
        return i18n.SOURCE
    if "lang" not in g:
        asked = request.args.get("lang") or request.cookies.get(COOKIE)
        best = request.accept_languages.best_match([*i18n.LANGUAGES, "en"])
        g.lang = i18n.choose(asked if asked in i18n.LANGUAGES else None, best)
    return g.lang


OWN_WORDS = ("label", "verb", "target")  # domain/validate.py FIELD_LABELS


def refusal(err: DomainError, tag: str | None = None) -> dict:
    """A refusal as the contract sends it ({code, message, retry_after?}), its sentence in
    the language of whoever was refused (their member record's, else this page's); a
    translation whose {values} don't fit leaves the English sentence."""
    out = err.to_dict()
    tag = tag or page_language()
    if tag != i18n.SOURCE:
        tr = i18n.translations(tag)
        text = tr.gettext(err.template)
        # the app's own words put into the sentence (a field's name, a verb) are said in
        # the same language; anything a person typed is never translated
        values = {
            k: tr.gettext(x) if k in OWN_WORDS and isinstance(x, str) else x for k, x in err.values.items()
        }
        try:
            out["message"] = text.format(**values) if err.values else text
        except (KeyError, IndexError, ValueError):
            log.warning("a translated refusal that does not fit its values (%s): kept in English", tag)
    return out


class CatalogueDomain(Domain):
    """Flask-Babel's translations, read from the .po files by conference.i18n."""

    def get_translations(self):
        locale = get_locale()
        tag = i18n.choose(str(locale).replace("_", "-")) if locale else i18n.SOURCE
        return i18n.translations(tag)


def init(app: Flask) -> None:
    babel = Babel(app, locale_selector=lambda: i18n.locale_of(page_language()))
    app.extensions["babel"].instance.domain_instance = CatalogueDomain()
    del babel

    @app.context_processor
    def language() -> dict:
        tag = page_language()
        return {
            "lang": tag,
            "dir": i18n.direction(tag),
            "languages": {k: name for k, (name, _) in i18n.LANGUAGES.items()},
            # the words a page's own modules ask for (web/assets.py reads its module graph);
            # with `scale`, a round's question and end words too (the screens)
            "page_words": lambda entry, scale=False: i18n.page_catalogue(
                tag, assets.page_files(entry), scale
            ),
        }

    @app.after_request
    def remember(response):
        # only a page the person reads remembers its language for this device: a download
        # (`minutes.pdf?lang=pl`, the family's copy) or any other answer of /api/ changes
        # nothing about the person who asked for it
        if request.path.startswith("/api/"):
            return response
        asked = request.args.get("lang")
        if asked in i18n.LANGUAGES and request.cookies.get(COOKIE) != asked:
            response.set_cookie(COOKIE, asked, max_age=365 * 86400, samesite="Lax", httponly=True)
        return response
