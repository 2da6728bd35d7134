"""Request and response models of the user directory and notification preferences; each input maps to its command
with to_command()."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from notifications.domain.directory import CATEGORIES, Delivery, DirectoryUser, Preferences
from notifications.handlers.directory import PutUser, RegisterMe, SetPreferences
from praxis_common.pages import Page
from praxis_common.validation import EMAIL_PATTERN, Text

Account = Annotated[Text, Field(min_length=1, max_length=255, description="the `sub` the user signs in with")]
Email = Annotated[str, StringConstraints(min_length=3, max_length=320, pattern=EMAIL_PATTERN)]
DisplayName = Annotated[Text, Field(min_length=1, max_length=200)]
LanguageTag = Literal["zh-CN", "en"]
Role = Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=r"^[a-z][a-z_]*$")]
Category = Literal[CATEGORIES]  # type: ignore[valid-type]


class AccountIn(BaseModel):
    """The path's account, validated as REST validates it (gRPC sends it in the request)."""

    account: Account


class DirectoryUserPut(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"email": "li.na@example.com", "display_name": "Li Na", "language": "zh-CN", "roles": ["hr"]}]
        },
    )

    email: Email
    display_name: DisplayName
    language: LanguageTag = "en"
    roles: list[Role] = Field(default=[], max_length=10, description="e.g. admin, hr, teacher, mentor")
    mentor_id: uuid.UUID | None = Field(default=None, description="the mentors service's id of this user as a mentor")

    def to_command(self, account: str) -> PutUser:
        return PutUser(
            account=account,
            email=self.email,
            display_name=self.display_name,
            language=self.language,
            roles=list(self.roles),
            mentor_id=self.mentor_id,
        )


class DirectoryMe(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"email": "li.na@example.com", "language": "zh-CN"}]}
    )

    email: Email | None = Field(default=None, description="default: the token's `email` claim")
    display_name: DisplayName | None = Field(default=None, description="default: the token's `name` claim")
    language: LanguageTag | None = Field(default=None, description="default: from the token's `locale` claim")

    def to_command(self) -> RegisterMe:
        return RegisterMe(email=self.email, display_name=self.display_name, language=self.language)


class DirectoryUserRead(BaseModel):
    account: str
    email: str
    display_name: str
    language: str
    roles: list[str]
    mentor_id: uuid.UUID | None
    self_registered: bool = Field(description="registered by the user from their token (PUT /v1/directory/me)")
    updated_at: datetime | None

    @classmethod
    def of(cls, u: DirectoryUser) -> DirectoryUserRead:
        return cls.model_validate(u, from_attributes=True)


class DirectoryUserPage(Page[DirectoryUserRead]):
    """A page of the directory, by account."""


class PreferencesPut(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"disabled": ["agreement_expiring"], "delivery": "daily_digest", "language": "en"}]
        },
    )

    disabled: list[Category] = Field(
        default=[], max_length=len(CATEGORIES), description="categories you receive no mail of"
    )
    delivery: Literal["immediate", "daily_digest"] = "immediate"
    language: LanguageTag | None = Field(default=None, description="overrides the directory's language")

    def to_command(self) -> SetPreferences:
        return SetPreferences(disabled=list(self.disabled), delivery=Delivery(self.delivery), language=self.language)


class PreferencesRead(BaseModel):
    categories: dict[str, bool] = Field(description="each category: on (mailed) or off")
    delivery: str = Field(description="immediate | daily_digest")
    language: str | None

    @classmethod
    def of(cls, p: Preferences) -> PreferencesRead:
        return cls(categories={c: p.wants(c) for c in CATEGORIES}, delivery=p.delivery.value, language=p.language)
