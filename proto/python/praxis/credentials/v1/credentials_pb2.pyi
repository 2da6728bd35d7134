from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Credential(_message.Message):
    __slots__ = ("id", "kind", "source_id", "school_org", "enterprise_org", "student_ref", "stage", "requested_by", "requested_at", "countersigned_by", "countersigned_at", "ended_by", "ended_for", "ended_at", "end_reason", "credential_json", "content_json")
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_AT_FIELD_NUMBER: _ClassVar[int]
    COUNTERSIGNED_BY_FIELD_NUMBER: _ClassVar[int]
    COUNTERSIGNED_AT_FIELD_NUMBER: _ClassVar[int]
    ENDED_BY_FIELD_NUMBER: _ClassVar[int]
    ENDED_FOR_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    END_REASON_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_JSON_FIELD_NUMBER: _ClassVar[int]
    CONTENT_JSON_FIELD_NUMBER: _ClassVar[int]
    id: str
    kind: str
    source_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    stage: str
    requested_by: str
    requested_at: str
    countersigned_by: str
    countersigned_at: str
    ended_by: str
    ended_for: str
    ended_at: str
    end_reason: str
    credential_json: str
    content_json: str
    def __init__(self, id: _Optional[str] = ..., kind: _Optional[str] = ..., source_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., stage: _Optional[str] = ..., requested_by: _Optional[str] = ..., requested_at: _Optional[str] = ..., countersigned_by: _Optional[str] = ..., countersigned_at: _Optional[str] = ..., ended_by: _Optional[str] = ..., ended_for: _Optional[str] = ..., ended_at: _Optional[str] = ..., end_reason: _Optional[str] = ..., credential_json: _Optional[str] = ..., content_json: _Optional[str] = ...) -> None: ...

class RequestCredentialRequest(_message.Message):
    __slots__ = ("kind", "source_id", "student_name")
    KIND_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_NAME_FIELD_NUMBER: _ClassVar[int]
    kind: str
    source_id: str
    student_name: str
    def __init__(self, kind: _Optional[str] = ..., source_id: _Optional[str] = ..., student_name: _Optional[str] = ...) -> None: ...

class RequestCredentialResponse(_message.Message):
    __slots__ = ("credential",)
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    credential: Credential
    def __init__(self, credential: _Optional[_Union[Credential, _Mapping]] = ...) -> None: ...

class ListCredentialsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCredentialsResponse(_message.Message):
    __slots__ = ("credentials", "next_page_token")
    CREDENTIALS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    credentials: _containers.RepeatedCompositeFieldContainer[Credential]
    next_page_token: str
    def __init__(self, credentials: _Optional[_Iterable[_Union[Credential, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetCredentialRequest(_message.Message):
    __slots__ = ("credential_id",)
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    credential_id: str
    def __init__(self, credential_id: _Optional[str] = ...) -> None: ...

class GetCredentialResponse(_message.Message):
    __slots__ = ("credential",)
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    credential: Credential
    def __init__(self, credential: _Optional[_Union[Credential, _Mapping]] = ...) -> None: ...

class CountersignCredentialRequest(_message.Message):
    __slots__ = ("credential_id",)
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    credential_id: str
    def __init__(self, credential_id: _Optional[str] = ...) -> None: ...

class CountersignCredentialResponse(_message.Message):
    __slots__ = ("credential",)
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    credential: Credential
    def __init__(self, credential: _Optional[_Union[Credential, _Mapping]] = ...) -> None: ...

class DeclineCredentialRequest(_message.Message):
    __slots__ = ("credential_id", "reason")
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    credential_id: str
    reason: str
    def __init__(self, credential_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class DeclineCredentialResponse(_message.Message):
    __slots__ = ("credential",)
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    credential: Credential
    def __init__(self, credential: _Optional[_Union[Credential, _Mapping]] = ...) -> None: ...

class RevokeCredentialRequest(_message.Message):
    __slots__ = ("credential_id", "reason")
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    credential_id: str
    reason: str
    def __init__(self, credential_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RevokeCredentialResponse(_message.Message):
    __slots__ = ("credential",)
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    credential: Credential
    def __init__(self, credential: _Optional[_Union[Credential, _Mapping]] = ...) -> None: ...

class DownloadCredentialRequest(_message.Message):
    __slots__ = ("credential_id",)
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    credential_id: str
    def __init__(self, credential_id: _Optional[str] = ...) -> None: ...

class DownloadCredentialResponse(_message.Message):
    __slots__ = ("credential_json",)
    CREDENTIAL_JSON_FIELD_NUMBER: _ClassVar[int]
    credential_json: str
    def __init__(self, credential_json: _Optional[str] = ...) -> None: ...

class DownloadCredentialJwtResponse(_message.Message):
    __slots__ = ("jwt",)
    JWT_FIELD_NUMBER: _ClassVar[int]
    jwt: str
    def __init__(self, jwt: _Optional[str] = ...) -> None: ...

class DownloadCertificateResponse(_message.Message):
    __slots__ = ("pdf",)
    PDF_FIELD_NUMBER: _ClassVar[int]
    pdf: bytes
    def __init__(self, pdf: _Optional[bytes] = ...) -> None: ...

class VerifyCredentialRequest(_message.Message):
    __slots__ = ("credential_json",)
    CREDENTIAL_JSON_FIELD_NUMBER: _ClassVar[int]
    credential_json: str
    def __init__(self, credential_json: _Optional[str] = ...) -> None: ...

class VerifyCredentialResponse(_message.Message):
    __slots__ = ("valid", "problems", "signers", "revoked", "reason", "credential_json")
    class SignersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    VALID_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    SIGNERS_FIELD_NUMBER: _ClassVar[int]
    REVOKED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_JSON_FIELD_NUMBER: _ClassVar[int]
    valid: bool
    problems: _containers.RepeatedScalarFieldContainer[str]
    signers: _containers.ScalarMap[str, str]
    revoked: bool
    reason: str
    credential_json: str
    def __init__(self, valid: _Optional[bool] = ..., problems: _Optional[_Iterable[str]] = ..., signers: _Optional[_Mapping[str, str]] = ..., revoked: _Optional[bool] = ..., reason: _Optional[str] = ..., credential_json: _Optional[str] = ...) -> None: ...

class SigningKey(_message.Message):
    __slots__ = ("kid", "number", "signs", "published", "created_at", "retired_at", "withdrawn_at")
    KID_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    SIGNS_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    RETIRED_AT_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_AT_FIELD_NUMBER: _ClassVar[int]
    kid: str
    number: int
    signs: bool
    published: bool
    created_at: str
    retired_at: str
    withdrawn_at: str
    def __init__(self, kid: _Optional[str] = ..., number: _Optional[int] = ..., signs: _Optional[bool] = ..., published: _Optional[bool] = ..., created_at: _Optional[str] = ..., retired_at: _Optional[str] = ..., withdrawn_at: _Optional[str] = ...) -> None: ...

class ListSigningKeysRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListSigningKeysResponse(_message.Message):
    __slots__ = ("keys", "next_page_token")
    KEYS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedCompositeFieldContainer[SigningKey]
    next_page_token: str
    def __init__(self, keys: _Optional[_Iterable[_Union[SigningKey, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RotateSigningKeyRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RotateSigningKeyResponse(_message.Message):
    __slots__ = ("key",)
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: SigningKey
    def __init__(self, key: _Optional[_Union[SigningKey, _Mapping]] = ...) -> None: ...

class WithdrawSigningKeyRequest(_message.Message):
    __slots__ = ("kid",)
    KID_FIELD_NUMBER: _ClassVar[int]
    kid: str
    def __init__(self, kid: _Optional[str] = ...) -> None: ...

class WithdrawSigningKeyResponse(_message.Message):
    __slots__ = ("key",)
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: SigningKey
    def __init__(self, key: _Optional[_Union[SigningKey, _Mapping]] = ...) -> None: ...

class RecordedAchievement(_message.Message):
    __slots__ = ("id", "school_org", "student_ref", "kind", "title", "issuer_name", "issuer_id", "signed_by", "awarded_on", "expires_on", "level", "reference", "points", "credits", "revision", "recorded_by", "recorded_at", "weighed_by", "weighed_at", "withdrawn_by", "withdrawn_at", "withdraw_reason", "issuer_known")
    ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    ISSUER_NAME_FIELD_NUMBER: _ClassVar[int]
    ISSUER_ID_FIELD_NUMBER: _ClassVar[int]
    SIGNED_BY_FIELD_NUMBER: _ClassVar[int]
    AWARDED_ON_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_ON_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    WEIGHED_BY_FIELD_NUMBER: _ClassVar[int]
    WEIGHED_AT_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_BY_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_AT_FIELD_NUMBER: _ClassVar[int]
    WITHDRAW_REASON_FIELD_NUMBER: _ClassVar[int]
    ISSUER_KNOWN_FIELD_NUMBER: _ClassVar[int]
    id: str
    school_org: str
    student_ref: str
    kind: str
    title: str
    issuer_name: str
    issuer_id: str
    signed_by: str
    awarded_on: str
    expires_on: str
    level: str
    reference: str
    points: str
    credits: str
    revision: int
    recorded_by: str
    recorded_at: str
    weighed_by: str
    weighed_at: str
    withdrawn_by: str
    withdrawn_at: str
    withdraw_reason: str
    issuer_known: bool
    def __init__(self, id: _Optional[str] = ..., school_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., kind: _Optional[str] = ..., title: _Optional[str] = ..., issuer_name: _Optional[str] = ..., issuer_id: _Optional[str] = ..., signed_by: _Optional[str] = ..., awarded_on: _Optional[str] = ..., expires_on: _Optional[str] = ..., level: _Optional[str] = ..., reference: _Optional[str] = ..., points: _Optional[str] = ..., credits: _Optional[str] = ..., revision: _Optional[int] = ..., recorded_by: _Optional[str] = ..., recorded_at: _Optional[str] = ..., weighed_by: _Optional[str] = ..., weighed_at: _Optional[str] = ..., withdrawn_by: _Optional[str] = ..., withdrawn_at: _Optional[str] = ..., withdraw_reason: _Optional[str] = ..., issuer_known: _Optional[bool] = ...) -> None: ...

class RecordAchievementRequest(_message.Message):
    __slots__ = ("student_ref", "kind", "title", "issuer_name", "awarded_on", "level", "reference", "expires_on", "points", "credits")
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    ISSUER_NAME_FIELD_NUMBER: _ClassVar[int]
    AWARDED_ON_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_ON_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    student_ref: str
    kind: str
    title: str
    issuer_name: str
    awarded_on: str
    level: str
    reference: str
    expires_on: str
    points: str
    credits: str
    def __init__(self, student_ref: _Optional[str] = ..., kind: _Optional[str] = ..., title: _Optional[str] = ..., issuer_name: _Optional[str] = ..., awarded_on: _Optional[str] = ..., level: _Optional[str] = ..., reference: _Optional[str] = ..., expires_on: _Optional[str] = ..., points: _Optional[str] = ..., credits: _Optional[str] = ...) -> None: ...

class RecordAchievementResponse(_message.Message):
    __slots__ = ("achievement",)
    ACHIEVEMENT_FIELD_NUMBER: _ClassVar[int]
    achievement: RecordedAchievement
    def __init__(self, achievement: _Optional[_Union[RecordedAchievement, _Mapping]] = ...) -> None: ...

class PresentBadgeRequest(_message.Message):
    __slots__ = ("student_ref", "credential", "points", "credits")
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    student_ref: str
    credential: str
    points: str
    credits: str
    def __init__(self, student_ref: _Optional[str] = ..., credential: _Optional[str] = ..., points: _Optional[str] = ..., credits: _Optional[str] = ...) -> None: ...

class PresentBadgeResponse(_message.Message):
    __slots__ = ("achievement",)
    ACHIEVEMENT_FIELD_NUMBER: _ClassVar[int]
    achievement: RecordedAchievement
    def __init__(self, achievement: _Optional[_Union[RecordedAchievement, _Mapping]] = ...) -> None: ...

class ListAchievementsRequest(_message.Message):
    __slots__ = ("student_ref", "kind", "page_size", "page_token")
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    student_ref: str
    kind: str
    page_size: int
    page_token: str
    def __init__(self, student_ref: _Optional[str] = ..., kind: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAchievementsResponse(_message.Message):
    __slots__ = ("achievements", "next_page_token")
    ACHIEVEMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    achievements: _containers.RepeatedCompositeFieldContainer[RecordedAchievement]
    next_page_token: str
    def __init__(self, achievements: _Optional[_Iterable[_Union[RecordedAchievement, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetAchievementRequest(_message.Message):
    __slots__ = ("achievement_id",)
    ACHIEVEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    achievement_id: str
    def __init__(self, achievement_id: _Optional[str] = ...) -> None: ...

class GetAchievementResponse(_message.Message):
    __slots__ = ("achievement",)
    ACHIEVEMENT_FIELD_NUMBER: _ClassVar[int]
    achievement: RecordedAchievement
    def __init__(self, achievement: _Optional[_Union[RecordedAchievement, _Mapping]] = ...) -> None: ...

class WeighAchievementRequest(_message.Message):
    __slots__ = ("achievement_id", "points", "credits")
    ACHIEVEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    achievement_id: str
    points: str
    credits: str
    def __init__(self, achievement_id: _Optional[str] = ..., points: _Optional[str] = ..., credits: _Optional[str] = ...) -> None: ...

class WeighAchievementResponse(_message.Message):
    __slots__ = ("achievement",)
    ACHIEVEMENT_FIELD_NUMBER: _ClassVar[int]
    achievement: RecordedAchievement
    def __init__(self, achievement: _Optional[_Union[RecordedAchievement, _Mapping]] = ...) -> None: ...

class WithdrawAchievementRequest(_message.Message):
    __slots__ = ("achievement_id", "reason")
    ACHIEVEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    achievement_id: str
    reason: str
    def __init__(self, achievement_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class WithdrawAchievementResponse(_message.Message):
    __slots__ = ("achievement",)
    ACHIEVEMENT_FIELD_NUMBER: _ClassVar[int]
    achievement: RecordedAchievement
    def __init__(self, achievement: _Optional[_Union[RecordedAchievement, _Mapping]] = ...) -> None: ...
