"""Pelican content classes for one clinic's pages.

The class names pick Pelican's URL settings (``CONDITION_URL``,
``BENEFIT_SAVE_AS``, ...), so addresses are configured in pelicanconf.py the
way Pelican users expect. The HTML is rendered per clinic before the object is
made, so ``content`` is a plain property: Pelican's own is memoised in a
process-wide cache that would keep every page of every clinic in memory.
"""

from __future__ import annotations

from markupsafe import Markup
from pelican import contents


class _Rendered:
    """Content whose HTML is already rendered for its clinic.

    Front matter values with clinic tags (a title naming the town) are rendered the first time they
    are asked for: a rebuild of one page for 1,000 clinics would otherwise render every page's
    title and description for every clinic only to leave them unused.
    """

    def __getattr__(self, name):
        # ``_later``: name -> (templating.Template, values), set per page by site._new_page.
        later = self.__dict__.get("_later")
        if later and name in later:
            template, values = later.pop(name)
            value = template.render(values)
            setattr(self, name, value)
            return value
        raise AttributeError(name)

    @property
    def content(self) -> Markup:
        return Markup(self._update_content(self._content, self.get_siteurl()))

    @property
    def summary(self) -> str:
        return self.description

    @property
    def heading(self) -> str:
        """The page's H1 and browser title."""
        return self.headline or self.title


class Page(_Rendered, contents.Page):
    default_template = "page"


class Condition(Page):
    default_template = "condition"


class Benefit(Page):
    default_template = "benefit"


class Article(_Rendered, contents.Article):
    default_template = "article"


BY_SECTION = {"pages": Page, "conditions": Condition, "benefits": Benefit, "posts": Article}
