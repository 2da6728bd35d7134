from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OrganisationProfile(_message.Message):
    __slots__ = ("org", "kind", "name_zh", "name_en", "school_code", "uscc", "address", "contact_name", "contact_phone", "contact_email", "version", "created_at", "updated_at")
    ORG_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_ZH_FIELD_NUMBER: _ClassVar[int]
    NAME_EN_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_CODE_FIELD_NUMBER: _ClassVar[int]
    USCC_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CONTACT_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTACT_PHONE_FIELD_NUMBER: _ClassVar[int]
    CONTACT_EMAIL_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    org: str
    kind: str
    name_zh: str
    name_en: str
    school_code: str
    uscc: str
    address: str
    contact_name: str
    contact_phone: str
    contact_email: str
    version: int
    created_at: str
    updated_at: str
    def __init__(self, org: _Optional[str] = ..., kind: _Optional[str] = ..., name_zh: _Optional[str] = ..., name_en: _Optional[str] = ..., school_code: _Optional[str] = ..., uscc: _Optional[str] = ..., address: _Optional[str] = ..., contact_name: _Optional[str] = ..., contact_phone: _Optional[str] = ..., contact_email: _Optional[str] = ..., version: _Optional[int] = ..., created_at: _Optional[str] = ..., updated_at: _Optional[str] = ...) -> None: ...

class PutOwnProfileRequest(_message.Message):
    __slots__ = ("name_zh", "name_en", "school_code", "uscc", "address", "contact_name", "contact_phone", "contact_email")
    NAME_ZH_FIELD_NUMBER: _ClassVar[int]
    NAME_EN_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_CODE_FIELD_NUMBER: _ClassVar[int]
    USCC_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CONTACT_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTACT_PHONE_FIELD_NUMBER: _ClassVar[int]
    CONTACT_EMAIL_FIELD_NUMBER: _ClassVar[int]
    name_zh: str
    name_en: str
    school_code: str
    uscc: str
    address: str
    contact_name: str
    contact_phone: str
    contact_email: str
    def __init__(self, name_zh: _Optional[str] = ..., name_en: _Optional[str] = ..., school_code: _Optional[str] = ..., uscc: _Optional[str] = ..., address: _Optional[str] = ..., contact_name: _Optional[str] = ..., contact_phone: _Optional[str] = ..., contact_email: _Optional[str] = ...) -> None: ...

class PutOwnProfileResponse(_message.Message):
    __slots__ = ("profile",)
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    profile: OrganisationProfile
    def __init__(self, profile: _Optional[_Union[OrganisationProfile, _Mapping]] = ...) -> None: ...

class GetProfileRequest(_message.Message):
    __slots__ = ("org",)
    ORG_FIELD_NUMBER: _ClassVar[int]
    org: str
    def __init__(self, org: _Optional[str] = ...) -> None: ...

class GetProfileResponse(_message.Message):
    __slots__ = ("profile",)
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    profile: OrganisationProfile
    def __init__(self, profile: _Optional[_Union[OrganisationProfile, _Mapping]] = ...) -> None: ...
