"""A line break ends a sentence: headlines, datelines and captions carry no full stop.

The statistical parser otherwise runs a headline into the first line of the body ("Thousands
flee X as Y claims control of airport" + "The Rapid Support Forces claimed ..."), and the
words of one become the subject or object of the other. Set before the parser, these
boundaries are respected by it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT_NAME = "conflictnews_lines"


class LineBreaks:
    """Marks the first token after every line break as a sentence start."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if "\n" in token.text or "\n" in token.whitespace_:
                following = doc[token.i + 1]
                if not following.is_space:
                    following.is_sent_start = True
        return doc


@Language.factory(COMPONENT_NAME)
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    """Build the line-break sentence boundary component (no settings)."""
    return LineBreaks()
