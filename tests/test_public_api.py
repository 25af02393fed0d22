import conflictnews


def test_all_names_exist():
    for name in conflictnews.__all__:
        assert hasattr(conflictnews, name), name


def test_all_lists_every_public_name():
    public = {
        name
        for name, value in vars(conflictnews).items()
        if not name.startswith("_") and not getattr(value, "__name__", "").startswith("conflictnews.")
    }
    assert public <= set(conflictnews.__all__) | {"annotations"}
