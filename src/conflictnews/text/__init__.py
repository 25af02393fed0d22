"""Text in: reading articles from files, folders, JSONL and HTML pages, checking that input is
article text before any model sees it, and readying it for spaCy (line breaks end sentences;
the tokenizer stays linear on long punctuation runs).

May import: ``conflictnews.models``, ``conflictnews.errors``, ``conflictnews._ids``. Nothing
here reads places, actors or claims.
"""
