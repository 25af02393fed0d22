"""extract_many: order, workers, and errors."""

import pytest

import conflictnews
from conflictnews import ArticleInput, InvalidInputError

ARTICLES = [
    "Rebels said on Monday they had captured the town of Kidal in northern Mali.",
    "The army denied this and said its troops still held the airport.",
    "",
    "Drone strikes hit the city of Kharkiv overnight, the regional governor said.",
    "Le gouvernement a démenti ces informations dans un communiqué publié mardi soir.",
    "Militants attacked a checkpoint near Gao, killing three soldiers, officials said.",
]


def test_results_keep_input_order_and_paths():
    results = list(conflictnews.extract_many(ARTICLES, paths=[f"p{i}" for i in range(6)]))
    assert [r.article.text for r in results] == ARTICLES
    assert [r.article.path for r in results] == [f"p{i}" for i in range(6)]


def test_two_workers_give_the_same_results_as_one():
    items = [ArticleInput(text=t, published="2024-03-12") for t in ARTICLES * 3]
    one = [r.model_dump() for r in conflictnews.extract_many(items)]
    two = [r.model_dump() for r in conflictnews.extract_many(items, n_process=2, batch_size=2)]
    assert one == two
    assert any(r["claims"] for r in one)


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_bad_item_raises_after_the_results_before_it(n_process):
    items = [ARTICLES[0], ARTICLES[3], b"\xff\xfe not text", ARTICLES[5]]
    seen = []
    with pytest.raises(InvalidInputError):
        for result in conflictnews.extract_many(items, n_process=n_process, batch_size=2):
            seen.append(result.article.text)
    assert seen == [ARTICLES[0], ARTICLES[3]]
