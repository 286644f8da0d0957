"""Response models derived from the stages' own dataclasses, so that what the API sends is
defined once, in the stage, and the OpenAPI document still names and types every field."""

import dataclasses
from typing import get_type_hints

from pydantic import BaseModel, ConfigDict, create_model


def model_of(stage_class: type, name: str, *properties: str, **extra: type) -> type[BaseModel]:
    """A model with the fields of the dataclass `stage_class`, its `properties` (typed by
    their return annotations) and the `extra` fields the web adds (a page's offset), read
    from a stage object's attributes with `model_validate`."""
    hints = get_type_hints(stage_class)
    fields = {field.name: (hints[field.name], ...) for field in dataclasses.fields(stage_class)}
    for prop in properties:
        fields[prop] = (get_type_hints(getattr(stage_class, prop).fget)["return"], ...)
    fields |= {key: (kind, ...) for key, kind in extra.items()}
    return create_model(
        name,
        __config__=ConfigDict(from_attributes=True),
        __doc__=stage_class.__doc__,
        **fields,
    )
