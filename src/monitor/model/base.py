"""The strict pydantic base every model of monitor derives from."""

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Strict base: unknown fields are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)
