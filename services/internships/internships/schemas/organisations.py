"""Request and response bodies of organisation profiles, shared by the REST and gRPC edges; `Uscc`, the one
validation of a unified social credit code both edges apply (domain.organisations.normalise_uscc)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema

from internships.domain import commands
from internships.domain.organisations import USCC_LENGTH, Kind, OrganisationProfile, ProfileDetails, normalise_uscc
from praxis_common.validation import Text

# A unified social credit code (GB 32100-2015): 18 characters of 0-9 and A-Z without I, O, S, V, Z, characters 3-8
# the administrative division code, the last the check character. Lower case is accepted and stored upper-cased.
Uscc = Annotated[
    Text,  # no control characters (the kernel's rule), then the code's own rules with their own messages
    AfterValidator(normalise_uscc),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": USCC_LENGTH,
            "maxLength": USCC_LENGTH,
            "pattern": "^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$",
            "description": "unified social credit code (GB 32100-2015), with its check character",
            "examples": ["91350100M000100Y43"],
        }
    ),
]
SchoolCode = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{10}$"),
    WithJsonSchema(
        {"type": "string", "pattern": "^[0-9]{10}$", "description": "the 10-digit national school identification code"}
    ),
]
Name = Annotated[Text, Field(min_length=1, max_length=200)]
Phone = Annotated[str, StringConstraints(min_length=5, max_length=32, pattern=r"^\+?[0-9][0-9 ()-]*[0-9]$")]
Email = Annotated[
    str, StringConstraints(min_length=3, max_length=254, pattern=r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
]


class ProfilePut(BaseModel):
    """The whole profile (PUT replaces it): at least one display name; a school's `school_code` or an enterprise's
    `uscc` (its kind is its token's); address and contact optional."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name_zh": "深圳海贸电子商务有限公司",
                    "name_en": "Sea Commerce Ltd",
                    "uscc": "91350100M000100Y43",
                    "address": "Nanshan, Shenzhen",
                    "contact_name": "Li Na",
                    "contact_phone": "+86 755 1234 5678",
                    "contact_email": "hr@sea-commerce.example",
                },
                {"name_zh": "广东职业技术学院", "name_en": "GDPI", "school_code": "4144012345"},
            ]
        },
    )

    name_zh: Name | None = None
    name_en: Name | None = None
    school_code: SchoolCode | None = Field(default=None, description="schools only")
    uscc: Uscc | None = Field(default=None, description="enterprises only, and required of them")
    address: Annotated[Text, Field(min_length=1, max_length=500)] | None = None
    contact_name: Name | None = None
    contact_phone: Phone | None = None
    contact_email: Email | None = None

    def to_command(self) -> commands.PutOwnProfile:
        return commands.PutOwnProfile(ProfileDetails(**self.model_dump()))


class ProfileRead(BaseModel):
    org: str
    kind: Kind
    name_zh: str | None
    name_en: str | None
    school_code: str | None
    uscc: str | None
    address: str | None
    contact_name: str | None
    contact_phone: str | None
    contact_email: str | None
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, p: OrganisationProfile) -> ProfileRead:
        return cls.model_validate(p, from_attributes=True)
