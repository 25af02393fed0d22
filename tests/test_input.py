"""Bad input gets a typed error or an empty result, quickly, and never a raw traceback."""

import time

import pytest

import conflictnews
from conflictnews import InvalidInputError
from conflictnews.text._files import decode, headline_of, read_text_file


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t  \n"])
def test_blank_text_gives_empty_result(text):
    result = conflictnews.extract(text)
    assert result.claims == [] and result.locations == [] and result.actors == []
    assert result.article.text == text
    assert result.warnings


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe\xfd broken", b"\x00\x01\x02\x03binary\x00", "text with a NUL \x00 byte"],
)
def test_binary_or_invalid_utf8_is_a_typed_error(data):
    with pytest.raises(InvalidInputError):
        conflictnews.extract(data)


def test_oversized_text_is_rejected_quickly():
    start = time.perf_counter()
    with pytest.raises(InvalidInputError, match="limit"):
        conflictnews.extract("Troops entered the town. " * 400_000)  # 10 MB
    assert time.perf_counter() - start < 5


def test_html_page_is_a_typed_error():
    with pytest.raises(InvalidInputError, match="HTML"):
        conflictnews.extract("<!DOCTYPE html><html><body><p>Army enters town</p></body></html>")


def test_inline_markup_in_article_text_is_accepted():
    result = conflictnews.extract("The <b>army</b> said on Monday that its troops held the town.")
    assert not result.warnings


@pytest.mark.parametrize(
    "text",
    [
        "Украинские войска вошли в город Суджа во вторник, сообщили местные власти.",
        "Les forces armées ont pris le contrôle de la ville mardi, selon des sources locales.",
    ],
)
def test_non_english_text_gives_empty_result_with_warning(text):
    result = conflictnews.extract(text)
    assert result.claims == []
    assert any("English" in w for w in result.warnings)


def test_mixed_script_english_text_is_read():
    result = conflictnews.extract(
        "Ukrainian troops entered the town of Sudzha (Суджа) on Tuesday, officials said."
    )
    assert not result.warnings


def test_one_line_without_punctuation_is_read():
    result = conflictnews.extract("troops attacked the village near the border on monday morning")
    assert result.article.text.startswith("troops")


def test_bytes_input_is_decoded_as_utf8():
    result = conflictnews.extract("Troops entered Sudža on Monday, the army said.".encode())
    assert result.article.text == "Troops entered Sudža on Monday, the army said."


def test_published_accepts_iso_string_and_rejects_garbage():
    assert conflictnews.extract("The army said.", published="2024-03-12").article.published
    with pytest.raises(InvalidInputError):
        conflictnews.extract("The army said.", published="not a date")


def test_file_reading_keeps_text_and_takes_first_line_as_headline(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfHeadline here\r\nBody line one.\r\n")
    source = read_text_file(path)
    assert source.item.title == "Headline here"
    assert source.item.text == "Headline here\nBody line one.\n"
    assert decode(b"a\rb") == "a\nb"
    assert headline_of("\n\n  Title  \nbody") == "Title"


def test_unreadable_file_is_a_typed_error(tmp_path):
    with pytest.raises(InvalidInputError):
        read_text_file(tmp_path / "missing.txt")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa")
    with pytest.raises(InvalidInputError, match="bad.txt"):
        read_text_file(bad)
