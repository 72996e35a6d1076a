"""The model and the schema describe the same contract: a field is added to both, once."""

from __future__ import annotations

import dataclasses
from typing import Any, get_args, get_type_hints

import pytest

from csi_gen import model
from csi_gen.compare import labels
from csi_gen.contract import builder


def dataclasses_of_the_model() -> list[type[Any]]:
    found: list[type[Any]] = []
    queue: list[Any] = [model.Contrat]
    while queue:
        hint = queue.pop()
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            if hint not in found:
                found.append(hint)
                queue.extend(get_type_hints(hint).values())
        else:
            queue.extend(get_args(hint))
    return found


CLASSES = dataclasses_of_the_model()


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_each_field_of_the_model_is_a_key_of_the_schema_or_filled_by_the_builder(cls):
    declared = {name for owner, name in (*builder.DECLARED, *builder.COMPUTED) if owner is cls}
    from_schema = set(labels.fields(cls))

    for field in dataclasses.fields(cls):
        assert field.name in from_schema | declared | {"path"}, f"{cls.__name__}.{field.name}"


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_each_field_the_comparison_names_is_named_by_a_title_of_the_schema(cls):
    for name in labels.fields(cls):
        assert labels.title(cls, name) != name, f"{cls.__name__}.{name} has no title"
