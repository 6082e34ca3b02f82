"""Questions and answers as an accordion that opens without JavaScript, after the NHS website's expanders.

A page with ``faq: true`` has a ``## heading`` ending in a question mark for each question. Each becomes a
``<details>`` whose summary is the question and whose body is everything up to the next heading: a phone shows
the questions one under another instead of a page of answers, and the answers stay in the HTML (search indexes
and ``seo.faq_data`` read them). The question's anchor moves to the ``<details>``, which the browser opens
when a link leads to it.
"""

from __future__ import annotations

import re

from .cards import CARDS

_H2 = re.compile(r'<h2 id="(?P<id>[^"]+)">(?P<text>.*?)</h2>', re.S)
#: Where an answer ends: the next heading or care card, or the end of the body.
_END = re.compile(r"<h[12][ >]|<section ")
QUESTION_MARKS = ("?", "؟")


def is_question(text: str) -> bool:
    return text.strip().endswith(QUESTION_MARKS)


def accordion(html: str) -> str:
    """Wrap each question (an h2 ending in ? or ؟, not a care card's) and its answer in a <details>."""
    out, last = [], 0
    for match in _H2.finditer(html):
        if match.start() < last or match.group("id") in CARDS or not is_question(_text(match.group("text"))):
            continue
        end = _END.search(html, match.end())
        stop = end.start() if end else len(html)
        answer = html[match.end() : stop].strip()
        out.append(html[last : match.start()])
        out.append(f'<details class="expander" id="{match.group("id")}"><summary>{match.group("text").strip()}'
                   f'</summary>\n<div class="expander-body">\n{answer}\n</div></details>\n')  # fmt: skip
        last = stop
    out.append(html[last:])
    return "".join(out)


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)
