"""Facts written once per language in clinics.yaml: a name, the parts of an address, a phone label.

A clinic whose site is in English and Urdu may write ``locality: {en: Rawalpindi, ur: راولپنڈی}``: the main
language's text is the fact (titles, structured data, the directory), the others are how that language's site
shows it. A form in a language the site is not in, or one without the main language's, is an error.
"""

from __future__ import annotations

from .fields import Checker

#: Address parts that may be written per language (the postal code and country are the same in every one).
ADDRESS_PARTS = ("street", "locality", "region")


def base(tag: str) -> str:
    return tag.split("-")[0].lower()


class Words:
    """Reads the per-language fields of one clinic, remembering each language's form."""

    def __init__(self, languages: tuple[str, ...], path: tuple, checker: Checker):
        self.languages, self.path, self.checker = languages, path, checker
        self.ok = True
        self._forms: dict[tuple, dict[str, str]] = {}  # field's path under the clinic -> {language: text}

    def read(self, value, where: tuple):
        """The main language's text of a field written once or per language (None if that is missing)."""
        if not isinstance(value, dict):
            return value
        known = {base(lang) for lang in self.languages}
        forms: dict[str, str] = {}
        for tag, text in value.items():
            if base(tag) not in known:
                self._error((*where, tag), f"expected one of the site's languages ({', '.join(self.languages)}), "
                                           f'got "{tag}"; add it to languages, or remove this form')  # fmt: skip
            elif base(tag) in forms:
                self._error((*where, tag), f'expected one form per language, got "{base(tag)}" twice')
            else:
                forms[base(tag)] = text
        main = base(self.languages[0])
        if main not in forms:
            self._error(where, f"expected a form in {self.languages[0]}, the site's main language, got only "
                               f"{', '.join(str(t) for t in value)}")  # fmt: skip
            return None
        self._forms[where] = forms
        return forms[main]

    def name_in(self, lang: str) -> str | None:
        return self._form(("name",), lang)

    def address_in(self, lang: str) -> dict[str, str]:
        """The address parts written in ``lang``."""
        found = {part: self._form(("address", part), lang) for part in ADDRESS_PARTS}
        return {part: text for part, text in found.items() if text}

    def labels_in(self, lang: str) -> dict[int, str]:
        """Phone labels written in ``lang``, by the phone's position in the list."""
        return {where[1]: forms[base(lang)] for where, forms in self._forms.items()
                if where[0] == "phones" and base(lang) in forms}  # fmt: skip

    def _form(self, where: tuple, lang: str) -> str | None:
        return self._forms.get(where, {}).get(base(lang))

    def _error(self, where: tuple, message: str) -> None:
        self.checker.error((*self.path, *where), message)
        self.ok = False
