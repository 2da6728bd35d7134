"""The form an action link's page posts (application/x-www-form-urlencoded): the mentor's decision."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from internships.handlers.action_links import LinkDecision
from praxis_common.validation import Text


class LinkFormIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["approve", "return", "attest"]
    comment: Annotated[Text, Field(max_length=2000)] | None = None  # the REST review's `comments` bound

    @field_validator("comment", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return value.strip() or None if isinstance(value, str) else value

    def to_command(self) -> LinkDecision:
        return LinkDecision(self.decision, self.comment)
