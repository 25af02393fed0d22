import types

import conflictnews


def test_all_names_exist():
    for name in conflictnews.__all__:
        assert hasattr(conflictnews, name), name


def test_all_lists_every_public_name():
    public = {
        name
        for name, value in vars(conflictnews).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public - {"annotations"} <= set(conflictnews.__all__)
