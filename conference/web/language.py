"""Which language a page speaks, and Flask-Babel fed from our catalogues.

A page's language is, first, `?lang=` (the join form's and the menus' choice, then kept in
a cookie for this device), then that cookie, then the browser's Accept-Language, then
British English. A member's own choice is kept in their member record: the phone reloads
in it (static/js/i18n.js)."""

from __future__ import annotations

from flask import Flask, g, request
from flask_babel import Babel, Domain, get_locale

from .. import i18n

COOKIE = "cb_lang"


def page_language() -> str:
    if "lang" not in g:
        asked = request.args.get("lang") or request.cookies.get(COOKIE)
        best = request.accept_languages.best_match([*i18n.LANGUAGES, "en"])
        g.lang = i18n.choose(asked if asked in i18n.LANGUAGES else None, best)
    return g.lang


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
            "catalogue": i18n.browser_catalogue(tag),
        }

    @app.after_request
    def remember(response):
        asked = request.args.get("lang")
        if asked in i18n.LANGUAGES and request.cookies.get(COOKIE) != asked:
            response.set_cookie(COOKIE, asked, max_age=365 * 86400, samesite="Lax", httponly=True)
        return response
