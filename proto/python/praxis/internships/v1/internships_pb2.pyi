from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AgreementStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AGREEMENT_STATUS_UNSPECIFIED: _ClassVar[AgreementStatus]
    AGREEMENT_STATUS_DRAFT: _ClassVar[AgreementStatus]
    AGREEMENT_STATUS_SIGNED: _ClassVar[AgreementStatus]
    AGREEMENT_STATUS_ACTIVE: _ClassVar[AgreementStatus]
    AGREEMENT_STATUS_TERMINATED: _ClassVar[AgreementStatus]
    AGREEMENT_STATUS_EXPIRED: _ClassVar[AgreementStatus]

class BaseTier(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BASE_TIER_UNSPECIFIED: _ClassVar[BaseTier]
    BASE_TIER_FLAGSHIP: _ClassVar[BaseTier]
    BASE_TIER_SCHOOL: _ClassVar[BaseTier]
    BASE_TIER_BASIC: _ClassVar[BaseTier]

class PositionStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    POSITION_STATUS_UNSPECIFIED: _ClassVar[PositionStatus]
    POSITION_STATUS_DRAFT: _ClassVar[PositionStatus]
    POSITION_STATUS_PUBLISHED: _ClassVar[PositionStatus]
    POSITION_STATUS_CLOSED: _ClassVar[PositionStatus]

class DutyKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DUTY_KIND_UNSPECIFIED: _ClassVar[DutyKind]
    DUTY_KIND_CORE: _ClassVar[DutyKind]
    DUTY_KIND_PERIPHERAL: _ClassVar[DutyKind]

class PlacementStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PLACEMENT_STATUS_UNSPECIFIED: _ClassVar[PlacementStatus]
    PLACEMENT_STATUS_REQUESTED: _ClassVar[PlacementStatus]
    PLACEMENT_STATUS_CONFIRMED: _ClassVar[PlacementStatus]
    PLACEMENT_STATUS_REJECTED: _ClassVar[PlacementStatus]
    PLACEMENT_STATUS_ACTIVE: _ClassVar[PlacementStatus]
    PLACEMENT_STATUS_COMPLETED: _ClassVar[PlacementStatus]
    PLACEMENT_STATUS_WITHDRAWN: _ClassVar[PlacementStatus]
    PLACEMENT_STATUS_TERMINATED: _ClassVar[PlacementStatus]
    PLACEMENT_STATUS_EXPIRED: _ClassVar[PlacementStatus]

class LogbookWeekStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LOGBOOK_WEEK_STATUS_UNSPECIFIED: _ClassVar[LogbookWeekStatus]
    LOGBOOK_WEEK_STATUS_SUBMITTED: _ClassVar[LogbookWeekStatus]
    LOGBOOK_WEEK_STATUS_APPROVED: _ClassVar[LogbookWeekStatus]
    LOGBOOK_WEEK_STATUS_RETURNED: _ClassVar[LogbookWeekStatus]

class RoundStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ROUND_STATUS_UNSPECIFIED: _ClassVar[RoundStatus]
    ROUND_STATUS_OPEN: _ClassVar[RoundStatus]
    ROUND_STATUS_CLOSED: _ClassVar[RoundStatus]
    ROUND_STATUS_COMPUTED: _ClassVar[RoundStatus]
    ROUND_STATUS_PUBLISHED: _ClassVar[RoundStatus]
AGREEMENT_STATUS_UNSPECIFIED: AgreementStatus
AGREEMENT_STATUS_DRAFT: AgreementStatus
AGREEMENT_STATUS_SIGNED: AgreementStatus
AGREEMENT_STATUS_ACTIVE: AgreementStatus
AGREEMENT_STATUS_TERMINATED: AgreementStatus
AGREEMENT_STATUS_EXPIRED: AgreementStatus
BASE_TIER_UNSPECIFIED: BaseTier
BASE_TIER_FLAGSHIP: BaseTier
BASE_TIER_SCHOOL: BaseTier
BASE_TIER_BASIC: BaseTier
POSITION_STATUS_UNSPECIFIED: PositionStatus
POSITION_STATUS_DRAFT: PositionStatus
POSITION_STATUS_PUBLISHED: PositionStatus
POSITION_STATUS_CLOSED: PositionStatus
DUTY_KIND_UNSPECIFIED: DutyKind
DUTY_KIND_CORE: DutyKind
DUTY_KIND_PERIPHERAL: DutyKind
PLACEMENT_STATUS_UNSPECIFIED: PlacementStatus
PLACEMENT_STATUS_REQUESTED: PlacementStatus
PLACEMENT_STATUS_CONFIRMED: PlacementStatus
PLACEMENT_STATUS_REJECTED: PlacementStatus
PLACEMENT_STATUS_ACTIVE: PlacementStatus
PLACEMENT_STATUS_COMPLETED: PlacementStatus
PLACEMENT_STATUS_WITHDRAWN: PlacementStatus
PLACEMENT_STATUS_TERMINATED: PlacementStatus
PLACEMENT_STATUS_EXPIRED: PlacementStatus
LOGBOOK_WEEK_STATUS_UNSPECIFIED: LogbookWeekStatus
LOGBOOK_WEEK_STATUS_SUBMITTED: LogbookWeekStatus
LOGBOOK_WEEK_STATUS_APPROVED: LogbookWeekStatus
LOGBOOK_WEEK_STATUS_RETURNED: LogbookWeekStatus
ROUND_STATUS_UNSPECIFIED: RoundStatus
ROUND_STATUS_OPEN: RoundStatus
ROUND_STATUS_CLOSED: RoundStatus
ROUND_STATUS_COMPUTED: RoundStatus
ROUND_STATUS_PUBLISHED: RoundStatus

class Agreement(_message.Message):
    __slots__ = ("id", "school_org", "enterprise_org", "title", "valid_from", "valid_to", "intern_quota", "status", "drafted_by_org", "school_signed_at", "enterprise_signed_at", "activated_at", "ended_at", "termination_reason", "created_at", "version")
    ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_FIELD_NUMBER: _ClassVar[int]
    VALID_TO_FIELD_NUMBER: _ClassVar[int]
    INTERN_QUOTA_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DRAFTED_BY_ORG_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_SIGNED_AT_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_SIGNED_AT_FIELD_NUMBER: _ClassVar[int]
    ACTIVATED_AT_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    TERMINATION_REASON_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    id: str
    school_org: str
    enterprise_org: str
    title: str
    valid_from: str
    valid_to: str
    intern_quota: int
    status: AgreementStatus
    drafted_by_org: str
    school_signed_at: str
    enterprise_signed_at: str
    activated_at: str
    ended_at: str
    termination_reason: str
    created_at: str
    version: int
    def __init__(self, id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., title: _Optional[str] = ..., valid_from: _Optional[str] = ..., valid_to: _Optional[str] = ..., intern_quota: _Optional[int] = ..., status: _Optional[_Union[AgreementStatus, str]] = ..., drafted_by_org: _Optional[str] = ..., school_signed_at: _Optional[str] = ..., enterprise_signed_at: _Optional[str] = ..., activated_at: _Optional[str] = ..., ended_at: _Optional[str] = ..., termination_reason: _Optional[str] = ..., created_at: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class CreateAgreementRequest(_message.Message):
    __slots__ = ("school_org", "enterprise_org", "title", "valid_from", "valid_to", "intern_quota")
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_FIELD_NUMBER: _ClassVar[int]
    VALID_TO_FIELD_NUMBER: _ClassVar[int]
    INTERN_QUOTA_FIELD_NUMBER: _ClassVar[int]
    school_org: str
    enterprise_org: str
    title: str
    valid_from: str
    valid_to: str
    intern_quota: int
    def __init__(self, school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., title: _Optional[str] = ..., valid_from: _Optional[str] = ..., valid_to: _Optional[str] = ..., intern_quota: _Optional[int] = ...) -> None: ...

class CreateAgreementResponse(_message.Message):
    __slots__ = ("agreement",)
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    def __init__(self, agreement: _Optional[_Union[Agreement, _Mapping]] = ...) -> None: ...

class GetAgreementRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetAgreementResponse(_message.Message):
    __slots__ = ("agreement",)
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    def __init__(self, agreement: _Optional[_Union[Agreement, _Mapping]] = ...) -> None: ...

class ListAgreementsRequest(_message.Message):
    __slots__ = ("status", "page_size", "page_token", "updated_since")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    UPDATED_SINCE_FIELD_NUMBER: _ClassVar[int]
    status: AgreementStatus
    page_size: int
    page_token: str
    updated_since: str
    def __init__(self, status: _Optional[_Union[AgreementStatus, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., updated_since: _Optional[str] = ...) -> None: ...

class ListAgreementsResponse(_message.Message):
    __slots__ = ("agreements", "next_page_token", "changes", "next_cursor", "has_more")
    AGREEMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    HAS_MORE_FIELD_NUMBER: _ClassVar[int]
    agreements: _containers.RepeatedCompositeFieldContainer[Agreement]
    next_page_token: str
    changes: _containers.RepeatedCompositeFieldContainer[AgreementChange]
    next_cursor: str
    has_more: bool
    def __init__(self, agreements: _Optional[_Iterable[_Union[Agreement, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., changes: _Optional[_Iterable[_Union[AgreementChange, _Mapping]]] = ..., next_cursor: _Optional[str] = ..., has_more: _Optional[bool] = ...) -> None: ...

class Tombstone(_message.Message):
    __slots__ = ("id", "changed_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    CHANGED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    changed_at: str
    def __init__(self, id: _Optional[str] = ..., changed_at: _Optional[str] = ...) -> None: ...

class AgreementChange(_message.Message):
    __slots__ = ("agreement", "deleted")
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    deleted: Tombstone
    def __init__(self, agreement: _Optional[_Union[Agreement, _Mapping]] = ..., deleted: _Optional[_Union[Tombstone, _Mapping]] = ...) -> None: ...

class SignAgreementRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class SignAgreementResponse(_message.Message):
    __slots__ = ("agreement",)
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    def __init__(self, agreement: _Optional[_Union[Agreement, _Mapping]] = ...) -> None: ...

class TerminateAgreementRequest(_message.Message):
    __slots__ = ("id", "reason", "end_active_placements", "active_placements_reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    END_ACTIVE_PLACEMENTS_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_PLACEMENTS_REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    reason: str
    end_active_placements: bool
    active_placements_reason: str
    def __init__(self, id: _Optional[str] = ..., reason: _Optional[str] = ..., end_active_placements: _Optional[bool] = ..., active_placements_reason: _Optional[str] = ...) -> None: ...

class WindDown(_message.Message):
    __slots__ = ("rejected", "withdrawn", "terminated", "expired", "continuing", "positions_closed")
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    TERMINATED_FIELD_NUMBER: _ClassVar[int]
    EXPIRED_FIELD_NUMBER: _ClassVar[int]
    CONTINUING_FIELD_NUMBER: _ClassVar[int]
    POSITIONS_CLOSED_FIELD_NUMBER: _ClassVar[int]
    rejected: _containers.RepeatedScalarFieldContainer[str]
    withdrawn: _containers.RepeatedScalarFieldContainer[str]
    terminated: _containers.RepeatedScalarFieldContainer[str]
    expired: _containers.RepeatedScalarFieldContainer[str]
    continuing: _containers.RepeatedScalarFieldContainer[str]
    positions_closed: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, rejected: _Optional[_Iterable[str]] = ..., withdrawn: _Optional[_Iterable[str]] = ..., terminated: _Optional[_Iterable[str]] = ..., expired: _Optional[_Iterable[str]] = ..., continuing: _Optional[_Iterable[str]] = ..., positions_closed: _Optional[_Iterable[str]] = ...) -> None: ...

class TerminateAgreementResponse(_message.Message):
    __slots__ = ("agreement", "wind_down")
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    WIND_DOWN_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    wind_down: WindDown
    def __init__(self, agreement: _Optional[_Union[Agreement, _Mapping]] = ..., wind_down: _Optional[_Union[WindDown, _Mapping]] = ...) -> None: ...

class PracticeBase(_message.Message):
    __slots__ = ("id", "agreement_id", "school_org", "enterprise_org", "name", "tier", "country", "city", "capacity", "created_at", "staff", "proposed_tier", "tier_confirmed", "tier_confirmed_at", "tier_confirmed_by")
    ID_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    STAFF_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_TIER_FIELD_NUMBER: _ClassVar[int]
    TIER_CONFIRMED_FIELD_NUMBER: _ClassVar[int]
    TIER_CONFIRMED_AT_FIELD_NUMBER: _ClassVar[int]
    TIER_CONFIRMED_BY_FIELD_NUMBER: _ClassVar[int]
    id: str
    agreement_id: str
    school_org: str
    enterprise_org: str
    name: str
    tier: BaseTier
    country: str
    city: str
    capacity: int
    created_at: str
    staff: int
    proposed_tier: BaseTier
    tier_confirmed: bool
    tier_confirmed_at: str
    tier_confirmed_by: str
    def __init__(self, id: _Optional[str] = ..., agreement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., name: _Optional[str] = ..., tier: _Optional[_Union[BaseTier, str]] = ..., country: _Optional[str] = ..., city: _Optional[str] = ..., capacity: _Optional[int] = ..., created_at: _Optional[str] = ..., staff: _Optional[int] = ..., proposed_tier: _Optional[_Union[BaseTier, str]] = ..., tier_confirmed: _Optional[bool] = ..., tier_confirmed_at: _Optional[str] = ..., tier_confirmed_by: _Optional[str] = ...) -> None: ...

class CreateBaseRequest(_message.Message):
    __slots__ = ("agreement_id", "name", "tier", "country", "city", "capacity", "staff")
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    STAFF_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    name: str
    tier: BaseTier
    country: str
    city: str
    capacity: int
    staff: int
    def __init__(self, agreement_id: _Optional[str] = ..., name: _Optional[str] = ..., tier: _Optional[_Union[BaseTier, str]] = ..., country: _Optional[str] = ..., city: _Optional[str] = ..., capacity: _Optional[int] = ..., staff: _Optional[int] = ...) -> None: ...

class CreateBaseResponse(_message.Message):
    __slots__ = ("base",)
    BASE_FIELD_NUMBER: _ClassVar[int]
    base: PracticeBase
    def __init__(self, base: _Optional[_Union[PracticeBase, _Mapping]] = ...) -> None: ...

class GetBaseRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetBaseResponse(_message.Message):
    __slots__ = ("base",)
    BASE_FIELD_NUMBER: _ClassVar[int]
    base: PracticeBase
    def __init__(self, base: _Optional[_Union[PracticeBase, _Mapping]] = ...) -> None: ...

class ListBasesRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListBasesResponse(_message.Message):
    __slots__ = ("bases", "next_page_token")
    BASES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    bases: _containers.RepeatedCompositeFieldContainer[PracticeBase]
    next_page_token: str
    def __init__(self, bases: _Optional[_Iterable[_Union[PracticeBase, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Duty(_message.Message):
    __slots__ = ("name", "kind")
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    name: str
    kind: DutyKind
    def __init__(self, name: _Optional[str] = ..., kind: _Optional[_Union[DutyKind, str]] = ...) -> None: ...

class Position(_message.Message):
    __slots__ = ("id", "base_id", "enterprise_org", "title", "description", "seats", "seats_taken", "open_seats", "starts_on", "ends_on", "languages", "competencies", "duties", "status", "created_at", "published_at", "closed_at", "post_staff", "monthly_pay", "reference_monthly_wage")
    ID_FIELD_NUMBER: _ClassVar[int]
    BASE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SEATS_FIELD_NUMBER: _ClassVar[int]
    SEATS_TAKEN_FIELD_NUMBER: _ClassVar[int]
    OPEN_SEATS_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    DUTIES_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    CLOSED_AT_FIELD_NUMBER: _ClassVar[int]
    POST_STAFF_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_PAY_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_MONTHLY_WAGE_FIELD_NUMBER: _ClassVar[int]
    id: str
    base_id: str
    enterprise_org: str
    title: str
    description: str
    seats: int
    seats_taken: int
    open_seats: int
    starts_on: str
    ends_on: str
    languages: _containers.RepeatedScalarFieldContainer[str]
    competencies: _containers.RepeatedScalarFieldContainer[str]
    duties: _containers.RepeatedCompositeFieldContainer[Duty]
    status: PositionStatus
    created_at: str
    published_at: str
    closed_at: str
    post_staff: int
    monthly_pay: str
    reference_monthly_wage: str
    def __init__(self, id: _Optional[str] = ..., base_id: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., seats: _Optional[int] = ..., seats_taken: _Optional[int] = ..., open_seats: _Optional[int] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., languages: _Optional[_Iterable[str]] = ..., competencies: _Optional[_Iterable[str]] = ..., duties: _Optional[_Iterable[_Union[Duty, _Mapping]]] = ..., status: _Optional[_Union[PositionStatus, str]] = ..., created_at: _Optional[str] = ..., published_at: _Optional[str] = ..., closed_at: _Optional[str] = ..., post_staff: _Optional[int] = ..., monthly_pay: _Optional[str] = ..., reference_monthly_wage: _Optional[str] = ...) -> None: ...

class CreatePositionRequest(_message.Message):
    __slots__ = ("base_id", "title", "description", "seats", "starts_on", "ends_on", "languages", "competencies", "duties", "post_staff", "monthly_pay", "reference_monthly_wage")
    BASE_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SEATS_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    DUTIES_FIELD_NUMBER: _ClassVar[int]
    POST_STAFF_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_PAY_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_MONTHLY_WAGE_FIELD_NUMBER: _ClassVar[int]
    base_id: str
    title: str
    description: str
    seats: int
    starts_on: str
    ends_on: str
    languages: _containers.RepeatedScalarFieldContainer[str]
    competencies: _containers.RepeatedScalarFieldContainer[str]
    duties: _containers.RepeatedCompositeFieldContainer[Duty]
    post_staff: int
    monthly_pay: str
    reference_monthly_wage: str
    def __init__(self, base_id: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., seats: _Optional[int] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., languages: _Optional[_Iterable[str]] = ..., competencies: _Optional[_Iterable[str]] = ..., duties: _Optional[_Iterable[_Union[Duty, _Mapping]]] = ..., post_staff: _Optional[int] = ..., monthly_pay: _Optional[str] = ..., reference_monthly_wage: _Optional[str] = ...) -> None: ...

class CreatePositionResponse(_message.Message):
    __slots__ = ("position",)
    POSITION_FIELD_NUMBER: _ClassVar[int]
    position: Position
    def __init__(self, position: _Optional[_Union[Position, _Mapping]] = ...) -> None: ...

class GetPositionRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetPositionResponse(_message.Message):
    __slots__ = ("position",)
    POSITION_FIELD_NUMBER: _ClassVar[int]
    position: Position
    def __init__(self, position: _Optional[_Union[Position, _Mapping]] = ...) -> None: ...

class SearchPositionsRequest(_message.Message):
    __slots__ = ("competencies", "country", "starts_from", "ends_by", "open_seats", "q", "page_size", "page_token", "updated_since")
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    STARTS_FROM_FIELD_NUMBER: _ClassVar[int]
    ENDS_BY_FIELD_NUMBER: _ClassVar[int]
    OPEN_SEATS_FIELD_NUMBER: _ClassVar[int]
    Q_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    UPDATED_SINCE_FIELD_NUMBER: _ClassVar[int]
    competencies: _containers.RepeatedScalarFieldContainer[str]
    country: str
    starts_from: str
    ends_by: str
    open_seats: bool
    q: str
    page_size: int
    page_token: str
    updated_since: str
    def __init__(self, competencies: _Optional[_Iterable[str]] = ..., country: _Optional[str] = ..., starts_from: _Optional[str] = ..., ends_by: _Optional[str] = ..., open_seats: _Optional[bool] = ..., q: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., updated_since: _Optional[str] = ...) -> None: ...

class SearchPositionsResponse(_message.Message):
    __slots__ = ("positions", "next_page_token", "changes", "next_cursor", "has_more")
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    HAS_MORE_FIELD_NUMBER: _ClassVar[int]
    positions: _containers.RepeatedCompositeFieldContainer[Position]
    next_page_token: str
    changes: _containers.RepeatedCompositeFieldContainer[PositionChange]
    next_cursor: str
    has_more: bool
    def __init__(self, positions: _Optional[_Iterable[_Union[Position, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., changes: _Optional[_Iterable[_Union[PositionChange, _Mapping]]] = ..., next_cursor: _Optional[str] = ..., has_more: _Optional[bool] = ...) -> None: ...

class PositionChange(_message.Message):
    __slots__ = ("position", "deleted")
    POSITION_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    position: Position
    deleted: Tombstone
    def __init__(self, position: _Optional[_Union[Position, _Mapping]] = ..., deleted: _Optional[_Union[Tombstone, _Mapping]] = ...) -> None: ...

class PublishPositionRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class PublishPositionResponse(_message.Message):
    __slots__ = ("position",)
    POSITION_FIELD_NUMBER: _ClassVar[int]
    position: Position
    def __init__(self, position: _Optional[_Union[Position, _Mapping]] = ...) -> None: ...

class ClosePositionRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ClosePositionResponse(_message.Message):
    __slots__ = ("position",)
    POSITION_FIELD_NUMBER: _ClassVar[int]
    position: Position
    def __init__(self, position: _Optional[_Union[Position, _Mapping]] = ...) -> None: ...

class StudentProfile(_message.Message):
    __slots__ = ("display_name", "programme", "competencies", "languages")
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    PROGRAMME_FIELD_NUMBER: _ClassVar[int]
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    display_name: str
    programme: str
    competencies: _containers.RepeatedScalarFieldContainer[str]
    languages: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, display_name: _Optional[str] = ..., programme: _Optional[str] = ..., competencies: _Optional[_Iterable[str]] = ..., languages: _Optional[_Iterable[str]] = ...) -> None: ...

class Placement(_message.Message):
    __slots__ = ("id", "position_id", "agreement_id", "school_org", "enterprise_org", "student_ref", "profile", "status", "starts_on", "ends_on", "requested_at", "hold_expires_at", "decided_at", "started_at", "ended_at", "reason", "student_consent_at", "guardian_consent_at", "forced", "internship_type", "organisation_form", "internship_mode", "cohort", "hours_milestone")
    ID_FIELD_NUMBER: _ClassVar[int]
    POSITION_ID_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_AT_FIELD_NUMBER: _ClassVar[int]
    HOLD_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    STUDENT_CONSENT_AT_FIELD_NUMBER: _ClassVar[int]
    GUARDIAN_CONSENT_AT_FIELD_NUMBER: _ClassVar[int]
    FORCED_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FORM_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_MODE_FIELD_NUMBER: _ClassVar[int]
    COHORT_FIELD_NUMBER: _ClassVar[int]
    HOURS_MILESTONE_FIELD_NUMBER: _ClassVar[int]
    id: str
    position_id: str
    agreement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    profile: StudentProfile
    status: PlacementStatus
    starts_on: str
    ends_on: str
    requested_at: str
    hold_expires_at: str
    decided_at: str
    started_at: str
    ended_at: str
    reason: str
    student_consent_at: str
    guardian_consent_at: str
    forced: bool
    internship_type: str
    organisation_form: str
    internship_mode: str
    cohort: str
    hours_milestone: int
    def __init__(self, id: _Optional[str] = ..., position_id: _Optional[str] = ..., agreement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., profile: _Optional[_Union[StudentProfile, _Mapping]] = ..., status: _Optional[_Union[PlacementStatus, str]] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., requested_at: _Optional[str] = ..., hold_expires_at: _Optional[str] = ..., decided_at: _Optional[str] = ..., started_at: _Optional[str] = ..., ended_at: _Optional[str] = ..., reason: _Optional[str] = ..., student_consent_at: _Optional[str] = ..., guardian_consent_at: _Optional[str] = ..., forced: _Optional[bool] = ..., internship_type: _Optional[str] = ..., organisation_form: _Optional[str] = ..., internship_mode: _Optional[str] = ..., cohort: _Optional[str] = ..., hours_milestone: _Optional[int] = ...) -> None: ...

class BookPlacementRequest(_message.Message):
    __slots__ = ("position_id", "student_ref", "profile", "birth_date", "study_year", "internship_type", "organisation_form", "internship_mode", "cohort", "profile_from_roster")
    POSITION_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    BIRTH_DATE_FIELD_NUMBER: _ClassVar[int]
    STUDY_YEAR_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FORM_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_MODE_FIELD_NUMBER: _ClassVar[int]
    COHORT_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FROM_ROSTER_FIELD_NUMBER: _ClassVar[int]
    position_id: str
    student_ref: str
    profile: StudentProfile
    birth_date: str
    study_year: int
    internship_type: str
    organisation_form: str
    internship_mode: str
    cohort: str
    profile_from_roster: bool
    def __init__(self, position_id: _Optional[str] = ..., student_ref: _Optional[str] = ..., profile: _Optional[_Union[StudentProfile, _Mapping]] = ..., birth_date: _Optional[str] = ..., study_year: _Optional[int] = ..., internship_type: _Optional[str] = ..., organisation_form: _Optional[str] = ..., internship_mode: _Optional[str] = ..., cohort: _Optional[str] = ..., profile_from_roster: _Optional[bool] = ...) -> None: ...

class BookPlacementResponse(_message.Message):
    __slots__ = ("placement",)
    PLACEMENT_FIELD_NUMBER: _ClassVar[int]
    placement: Placement
    def __init__(self, placement: _Optional[_Union[Placement, _Mapping]] = ...) -> None: ...

class GetPlacementRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetPlacementResponse(_message.Message):
    __slots__ = ("placement",)
    PLACEMENT_FIELD_NUMBER: _ClassVar[int]
    placement: Placement
    def __init__(self, placement: _Optional[_Union[Placement, _Mapping]] = ...) -> None: ...

class ListPlacementsRequest(_message.Message):
    __slots__ = ("status", "page_size", "page_token", "updated_since")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    UPDATED_SINCE_FIELD_NUMBER: _ClassVar[int]
    status: PlacementStatus
    page_size: int
    page_token: str
    updated_since: str
    def __init__(self, status: _Optional[_Union[PlacementStatus, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., updated_since: _Optional[str] = ...) -> None: ...

class ListPlacementsResponse(_message.Message):
    __slots__ = ("placements", "next_page_token", "changes", "next_cursor", "has_more")
    PLACEMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    HAS_MORE_FIELD_NUMBER: _ClassVar[int]
    placements: _containers.RepeatedCompositeFieldContainer[Placement]
    next_page_token: str
    changes: _containers.RepeatedCompositeFieldContainer[PlacementChange]
    next_cursor: str
    has_more: bool
    def __init__(self, placements: _Optional[_Iterable[_Union[Placement, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., changes: _Optional[_Iterable[_Union[PlacementChange, _Mapping]]] = ..., next_cursor: _Optional[str] = ..., has_more: _Optional[bool] = ...) -> None: ...

class PlacementChange(_message.Message):
    __slots__ = ("placement", "deleted")
    PLACEMENT_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    placement: Placement
    deleted: Tombstone
    def __init__(self, placement: _Optional[_Union[Placement, _Mapping]] = ..., deleted: _Optional[_Union[Tombstone, _Mapping]] = ...) -> None: ...

class ConfirmPlacementRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ConfirmPlacementResponse(_message.Message):
    __slots__ = ("placement",)
    PLACEMENT_FIELD_NUMBER: _ClassVar[int]
    placement: Placement
    def __init__(self, placement: _Optional[_Union[Placement, _Mapping]] = ...) -> None: ...

class RejectPlacementRequest(_message.Message):
    __slots__ = ("id", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RejectPlacementResponse(_message.Message):
    __slots__ = ("placement",)
    PLACEMENT_FIELD_NUMBER: _ClassVar[int]
    placement: Placement
    def __init__(self, placement: _Optional[_Union[Placement, _Mapping]] = ...) -> None: ...

class WithdrawPlacementRequest(_message.Message):
    __slots__ = ("id", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class WithdrawPlacementResponse(_message.Message):
    __slots__ = ("placement",)
    PLACEMENT_FIELD_NUMBER: _ClassVar[int]
    placement: Placement
    def __init__(self, placement: _Optional[_Union[Placement, _Mapping]] = ...) -> None: ...

class StartPlacementRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class RecordConsentRequest(_message.Message):
    __slots__ = ("id", "student", "guardian")
    ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_FIELD_NUMBER: _ClassVar[int]
    GUARDIAN_FIELD_NUMBER: _ClassVar[int]
    id: str
    student: bool
    guardian: bool
    def __init__(self, id: _Optional[str] = ..., student: _Optional[bool] = ..., guardian: _Optional[bool] = ...) -> None: ...

class RecordConsentResponse(_message.Message):
    __slots__ = ("placement",)
    PLACEMENT_FIELD_NUMBER: _ClassVar[int]
    placement: Placement
    def __init__(self, placement: _Optional[_Union[Placement, _Mapping]] = ...) -> None: ...

class StartPlacementResponse(_message.Message):
    __slots__ = ("placement",)
    PLACEMENT_FIELD_NUMBER: _ClassVar[int]
    placement: Placement
    def __init__(self, placement: _Optional[_Union[Placement, _Mapping]] = ...) -> None: ...

class CompletePlacementRequest(_message.Message):
    __slots__ = ("id", "force", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    FORCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    force: bool
    reason: str
    def __init__(self, id: _Optional[str] = ..., force: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class CompletePlacementResponse(_message.Message):
    __slots__ = ("placement",)
    PLACEMENT_FIELD_NUMBER: _ClassVar[int]
    placement: Placement
    def __init__(self, placement: _Optional[_Union[Placement, _Mapping]] = ...) -> None: ...

class TerminatePlacementRequest(_message.Message):
    __slots__ = ("id", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class TerminatePlacementResponse(_message.Message):
    __slots__ = ("placement",)
    PLACEMENT_FIELD_NUMBER: _ClassVar[int]
    placement: Placement
    def __init__(self, placement: _Optional[_Union[Placement, _Mapping]] = ...) -> None: ...

class LogLine(_message.Message):
    __slots__ = ("day", "duty", "hours", "start", "end")
    DAY_FIELD_NUMBER: _ClassVar[int]
    DUTY_FIELD_NUMBER: _ClassVar[int]
    HOURS_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    day: str
    duty: str
    hours: str
    start: str
    end: str
    def __init__(self, day: _Optional[str] = ..., duty: _Optional[str] = ..., hours: _Optional[str] = ..., start: _Optional[str] = ..., end: _Optional[str] = ...) -> None: ...

class LogbookWeek(_message.Message):
    __slots__ = ("week_start", "status", "lines", "total_hours", "core_hours", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by", "comments", "reviewed_on_behalf", "reviewer_mentor_id")
    WEEK_START_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_HOURS_FIELD_NUMBER: _ClassVar[int]
    CORE_HOURS_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_BY_FIELD_NUMBER: _ClassVar[int]
    REVIEWED_AT_FIELD_NUMBER: _ClassVar[int]
    REVIEWED_BY_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    REVIEWED_ON_BEHALF_FIELD_NUMBER: _ClassVar[int]
    REVIEWER_MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    week_start: str
    status: LogbookWeekStatus
    lines: _containers.RepeatedCompositeFieldContainer[LogLine]
    total_hours: str
    core_hours: str
    submitted_at: str
    submitted_by: str
    reviewed_at: str
    reviewed_by: str
    comments: str
    reviewed_on_behalf: bool
    reviewer_mentor_id: str
    def __init__(self, week_start: _Optional[str] = ..., status: _Optional[_Union[LogbookWeekStatus, str]] = ..., lines: _Optional[_Iterable[_Union[LogLine, _Mapping]]] = ..., total_hours: _Optional[str] = ..., core_hours: _Optional[str] = ..., submitted_at: _Optional[str] = ..., submitted_by: _Optional[str] = ..., reviewed_at: _Optional[str] = ..., reviewed_by: _Optional[str] = ..., comments: _Optional[str] = ..., reviewed_on_behalf: _Optional[bool] = ..., reviewer_mentor_id: _Optional[str] = ...) -> None: ...

class FileLogbookWeekRequest(_message.Message):
    __slots__ = ("placement_id", "week_start", "lines")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    WEEK_START_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    week_start: str
    lines: _containers.RepeatedCompositeFieldContainer[LogLine]
    def __init__(self, placement_id: _Optional[str] = ..., week_start: _Optional[str] = ..., lines: _Optional[_Iterable[_Union[LogLine, _Mapping]]] = ...) -> None: ...

class FileLogbookWeekResponse(_message.Message):
    __slots__ = ("week",)
    WEEK_FIELD_NUMBER: _ClassVar[int]
    week: LogbookWeek
    def __init__(self, week: _Optional[_Union[LogbookWeek, _Mapping]] = ...) -> None: ...

class ReviewLogbookWeekRequest(_message.Message):
    __slots__ = ("placement_id", "week_start", "approve", "comments", "on_behalf_of_mentor")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    WEEK_START_FIELD_NUMBER: _ClassVar[int]
    APPROVE_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    ON_BEHALF_OF_MENTOR_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    week_start: str
    approve: bool
    comments: str
    on_behalf_of_mentor: bool
    def __init__(self, placement_id: _Optional[str] = ..., week_start: _Optional[str] = ..., approve: _Optional[bool] = ..., comments: _Optional[str] = ..., on_behalf_of_mentor: _Optional[bool] = ...) -> None: ...

class ReviewLogbookWeekResponse(_message.Message):
    __slots__ = ("week",)
    WEEK_FIELD_NUMBER: _ClassVar[int]
    week: LogbookWeek
    def __init__(self, week: _Optional[_Union[LogbookWeek, _Mapping]] = ...) -> None: ...

class GetLogbookRequest(_message.Message):
    __slots__ = ("placement_id", "updated_since", "page_size")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    UPDATED_SINCE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    updated_since: str
    page_size: int
    def __init__(self, placement_id: _Optional[str] = ..., updated_since: _Optional[str] = ..., page_size: _Optional[int] = ...) -> None: ...

class GetLogbookResponse(_message.Message):
    __slots__ = ("placement_id", "weeks", "approved_hours", "approved_core_hours", "core_work_share", "enterprise_mentor_id", "changes", "next_cursor", "has_more")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    WEEKS_FIELD_NUMBER: _ClassVar[int]
    APPROVED_HOURS_FIELD_NUMBER: _ClassVar[int]
    APPROVED_CORE_HOURS_FIELD_NUMBER: _ClassVar[int]
    CORE_WORK_SHARE_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    HAS_MORE_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    weeks: _containers.RepeatedCompositeFieldContainer[LogbookWeek]
    approved_hours: str
    approved_core_hours: str
    core_work_share: str
    enterprise_mentor_id: str
    changes: _containers.RepeatedCompositeFieldContainer[LogbookWeekChange]
    next_cursor: str
    has_more: bool
    def __init__(self, placement_id: _Optional[str] = ..., weeks: _Optional[_Iterable[_Union[LogbookWeek, _Mapping]]] = ..., approved_hours: _Optional[str] = ..., approved_core_hours: _Optional[str] = ..., core_work_share: _Optional[str] = ..., enterprise_mentor_id: _Optional[str] = ..., changes: _Optional[_Iterable[_Union[LogbookWeekChange, _Mapping]]] = ..., next_cursor: _Optional[str] = ..., has_more: _Optional[bool] = ...) -> None: ...

class LogbookWeekChange(_message.Message):
    __slots__ = ("week", "deleted")
    WEEK_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    week: LogbookWeek
    deleted: Tombstone
    def __init__(self, week: _Optional[_Union[LogbookWeek, _Mapping]] = ..., deleted: _Optional[_Union[Tombstone, _Mapping]] = ...) -> None: ...

class PositionFill(_message.Message):
    __slots__ = ("position_id", "title", "seats", "seats_taken", "fill_rate")
    POSITION_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SEATS_FIELD_NUMBER: _ClassVar[int]
    SEATS_TAKEN_FIELD_NUMBER: _ClassVar[int]
    FILL_RATE_FIELD_NUMBER: _ClassVar[int]
    position_id: str
    title: str
    seats: int
    seats_taken: int
    fill_rate: str
    def __init__(self, position_id: _Optional[str] = ..., title: _Optional[str] = ..., seats: _Optional[int] = ..., seats_taken: _Optional[int] = ..., fill_rate: _Optional[str] = ...) -> None: ...

class GetPlacementReportRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetPlacementReportResponse(_message.Message):
    __slots__ = ("by_status", "by_tier", "by_country", "positions", "core_share_buckets", "core_share_mean", "placements_without_approved_hours", "agreements_without_placements", "by_proposed_tier")
    class ByStatusEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class ByTierEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: int
        def __init__(self, key: _Optional[int] = ..., value: _Optional[int] = ...) -> None: ...
    class ByCountryEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class CoreShareBucketsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class ByProposedTierEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: int
        def __init__(self, key: _Optional[int] = ..., value: _Optional[int] = ...) -> None: ...
    BY_STATUS_FIELD_NUMBER: _ClassVar[int]
    BY_TIER_FIELD_NUMBER: _ClassVar[int]
    BY_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    CORE_SHARE_BUCKETS_FIELD_NUMBER: _ClassVar[int]
    CORE_SHARE_MEAN_FIELD_NUMBER: _ClassVar[int]
    PLACEMENTS_WITHOUT_APPROVED_HOURS_FIELD_NUMBER: _ClassVar[int]
    AGREEMENTS_WITHOUT_PLACEMENTS_FIELD_NUMBER: _ClassVar[int]
    BY_PROPOSED_TIER_FIELD_NUMBER: _ClassVar[int]
    by_status: _containers.ScalarMap[str, int]
    by_tier: _containers.ScalarMap[int, int]
    by_country: _containers.ScalarMap[str, int]
    positions: _containers.RepeatedCompositeFieldContainer[PositionFill]
    core_share_buckets: _containers.ScalarMap[str, int]
    core_share_mean: str
    placements_without_approved_hours: int
    agreements_without_placements: _containers.RepeatedScalarFieldContainer[str]
    by_proposed_tier: _containers.ScalarMap[int, int]
    def __init__(self, by_status: _Optional[_Mapping[str, int]] = ..., by_tier: _Optional[_Mapping[int, int]] = ..., by_country: _Optional[_Mapping[str, int]] = ..., positions: _Optional[_Iterable[_Union[PositionFill, _Mapping]]] = ..., core_share_buckets: _Optional[_Mapping[str, int]] = ..., core_share_mean: _Optional[str] = ..., placements_without_approved_hours: _Optional[int] = ..., agreements_without_placements: _Optional[_Iterable[str]] = ..., by_proposed_tier: _Optional[_Mapping[int, int]] = ...) -> None: ...

class Round(_message.Message):
    __slots__ = ("id", "title", "owner_org", "schools", "enterprise_org", "list_limit", "placement_status_on_publish", "seed", "status", "created_at", "closed_at", "computed_at", "published_at", "latest_run_id", "published_run_id", "positions", "students", "invited_schools", "tie_rule")
    ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    OWNER_ORG_FIELD_NUMBER: _ClassVar[int]
    SCHOOLS_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    LIST_LIMIT_FIELD_NUMBER: _ClassVar[int]
    PLACEMENT_STATUS_ON_PUBLISH_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    CLOSED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_AT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    LATEST_RUN_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_RUN_ID_FIELD_NUMBER: _ClassVar[int]
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    STUDENTS_FIELD_NUMBER: _ClassVar[int]
    INVITED_SCHOOLS_FIELD_NUMBER: _ClassVar[int]
    TIE_RULE_FIELD_NUMBER: _ClassVar[int]
    id: str
    title: str
    owner_org: str
    schools: _containers.RepeatedScalarFieldContainer[str]
    enterprise_org: str
    list_limit: int
    placement_status_on_publish: PlacementStatus
    seed: int
    status: RoundStatus
    created_at: str
    closed_at: str
    computed_at: str
    published_at: str
    latest_run_id: str
    published_run_id: str
    positions: int
    students: int
    invited_schools: _containers.RepeatedScalarFieldContainer[str]
    tie_rule: str
    def __init__(self, id: _Optional[str] = ..., title: _Optional[str] = ..., owner_org: _Optional[str] = ..., schools: _Optional[_Iterable[str]] = ..., enterprise_org: _Optional[str] = ..., list_limit: _Optional[int] = ..., placement_status_on_publish: _Optional[_Union[PlacementStatus, str]] = ..., seed: _Optional[int] = ..., status: _Optional[_Union[RoundStatus, str]] = ..., created_at: _Optional[str] = ..., closed_at: _Optional[str] = ..., computed_at: _Optional[str] = ..., published_at: _Optional[str] = ..., latest_run_id: _Optional[str] = ..., published_run_id: _Optional[str] = ..., positions: _Optional[int] = ..., students: _Optional[int] = ..., invited_schools: _Optional[_Iterable[str]] = ..., tie_rule: _Optional[str] = ...) -> None: ...

class RoundInvitation(_message.Message):
    __slots__ = ("id", "title", "owner_org", "enterprise_org", "status", "created_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    OWNER_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    title: str
    owner_org: str
    enterprise_org: str
    status: RoundStatus
    created_at: str
    def __init__(self, id: _Optional[str] = ..., title: _Optional[str] = ..., owner_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., status: _Optional[_Union[RoundStatus, str]] = ..., created_at: _Optional[str] = ...) -> None: ...

class StudentKey(_message.Message):
    __slots__ = ("school_org", "student_ref")
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    school_org: str
    student_ref: str
    def __init__(self, school_org: _Optional[str] = ..., student_ref: _Optional[str] = ...) -> None: ...

class TieGroup(_message.Message):
    __slots__ = ("students",)
    STUDENTS_FIELD_NUMBER: _ClassVar[int]
    students: _containers.RepeatedCompositeFieldContainer[StudentKey]
    def __init__(self, students: _Optional[_Iterable[_Union[StudentKey, _Mapping]]] = ...) -> None: ...

class RoundPosition(_message.Message):
    __slots__ = ("position_id", "enterprise_org", "title", "seats", "seats_taken", "starts_on", "ends_on", "competencies", "added_by_org", "added_at", "applicants", "ranked", "ranking", "offered_seats", "offered_limit")
    POSITION_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SEATS_FIELD_NUMBER: _ClassVar[int]
    SEATS_TAKEN_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    ADDED_BY_ORG_FIELD_NUMBER: _ClassVar[int]
    ADDED_AT_FIELD_NUMBER: _ClassVar[int]
    APPLICANTS_FIELD_NUMBER: _ClassVar[int]
    RANKED_FIELD_NUMBER: _ClassVar[int]
    RANKING_FIELD_NUMBER: _ClassVar[int]
    OFFERED_SEATS_FIELD_NUMBER: _ClassVar[int]
    OFFERED_LIMIT_FIELD_NUMBER: _ClassVar[int]
    position_id: str
    enterprise_org: str
    title: str
    seats: int
    seats_taken: int
    starts_on: str
    ends_on: str
    competencies: _containers.RepeatedScalarFieldContainer[str]
    added_by_org: str
    added_at: str
    applicants: int
    ranked: bool
    ranking: _containers.RepeatedCompositeFieldContainer[TieGroup]
    offered_seats: int
    offered_limit: str
    def __init__(self, position_id: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., title: _Optional[str] = ..., seats: _Optional[int] = ..., seats_taken: _Optional[int] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., competencies: _Optional[_Iterable[str]] = ..., added_by_org: _Optional[str] = ..., added_at: _Optional[str] = ..., applicants: _Optional[int] = ..., ranked: _Optional[bool] = ..., ranking: _Optional[_Iterable[_Union[TieGroup, _Mapping]]] = ..., offered_seats: _Optional[int] = ..., offered_limit: _Optional[str] = ...) -> None: ...

class RoundStudent(_message.Message):
    __slots__ = ("school_org", "student_ref", "profile", "birth_date", "study_year", "preferences", "preferences_at", "added_at")
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    BIRTH_DATE_FIELD_NUMBER: _ClassVar[int]
    STUDY_YEAR_FIELD_NUMBER: _ClassVar[int]
    PREFERENCES_FIELD_NUMBER: _ClassVar[int]
    PREFERENCES_AT_FIELD_NUMBER: _ClassVar[int]
    ADDED_AT_FIELD_NUMBER: _ClassVar[int]
    school_org: str
    student_ref: str
    profile: StudentProfile
    birth_date: str
    study_year: int
    preferences: _containers.RepeatedScalarFieldContainer[str]
    preferences_at: str
    added_at: str
    def __init__(self, school_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., profile: _Optional[_Union[StudentProfile, _Mapping]] = ..., birth_date: _Optional[str] = ..., study_year: _Optional[int] = ..., preferences: _Optional[_Iterable[str]] = ..., preferences_at: _Optional[str] = ..., added_at: _Optional[str] = ...) -> None: ...

class RoundStudentEntry(_message.Message):
    __slots__ = ("student_ref", "profile", "birth_date", "study_year")
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    BIRTH_DATE_FIELD_NUMBER: _ClassVar[int]
    STUDY_YEAR_FIELD_NUMBER: _ClassVar[int]
    student_ref: str
    profile: StudentProfile
    birth_date: str
    study_year: int
    def __init__(self, student_ref: _Optional[str] = ..., profile: _Optional[_Union[StudentProfile, _Mapping]] = ..., birth_date: _Optional[str] = ..., study_year: _Optional[int] = ...) -> None: ...

class RoundRun(_message.Message):
    __slots__ = ("id", "seq", "input_hash", "algorithm_version", "seed", "computed_at", "computed_by", "students", "matched", "published")
    ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    INPUT_HASH_FIELD_NUMBER: _ClassVar[int]
    ALGORITHM_VERSION_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_BY_FIELD_NUMBER: _ClassVar[int]
    STUDENTS_FIELD_NUMBER: _ClassVar[int]
    MATCHED_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    id: str
    seq: int
    input_hash: str
    algorithm_version: str
    seed: int
    computed_at: str
    computed_by: str
    students: int
    matched: int
    published: bool
    def __init__(self, id: _Optional[str] = ..., seq: _Optional[int] = ..., input_hash: _Optional[str] = ..., algorithm_version: _Optional[str] = ..., seed: _Optional[int] = ..., computed_at: _Optional[str] = ..., computed_by: _Optional[str] = ..., students: _Optional[int] = ..., matched: _Optional[int] = ..., published: _Optional[bool] = ...) -> None: ...

class Standing(_message.Message):
    __slots__ = ("group", "shared_tags")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    SHARED_TAGS_FIELD_NUMBER: _ClassVar[int]
    group: int
    shared_tags: int
    def __init__(self, group: _Optional[int] = ..., shared_tags: _Optional[int] = ...) -> None: ...

class Rejection(_message.Message):
    __slots__ = ("position_id", "reason", "seats", "position_tags", "you", "cutoff", "lost_on_draw", "text")
    POSITION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SEATS_FIELD_NUMBER: _ClassVar[int]
    POSITION_TAGS_FIELD_NUMBER: _ClassVar[int]
    YOU_FIELD_NUMBER: _ClassVar[int]
    CUTOFF_FIELD_NUMBER: _ClassVar[int]
    LOST_ON_DRAW_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    position_id: str
    reason: str
    seats: int
    position_tags: int
    you: Standing
    cutoff: Standing
    lost_on_draw: bool
    text: str
    def __init__(self, position_id: _Optional[str] = ..., reason: _Optional[str] = ..., seats: _Optional[int] = ..., position_tags: _Optional[int] = ..., you: _Optional[_Union[Standing, _Mapping]] = ..., cutoff: _Optional[_Union[Standing, _Mapping]] = ..., lost_on_draw: _Optional[bool] = ..., text: _Optional[str] = ...) -> None: ...

class RoundMatch(_message.Message):
    __slots__ = ("school_org", "student_ref", "position_id", "choice", "profile", "explanation")
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    POSITION_ID_FIELD_NUMBER: _ClassVar[int]
    CHOICE_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    school_org: str
    student_ref: str
    position_id: str
    choice: int
    profile: StudentProfile
    explanation: _containers.RepeatedCompositeFieldContainer[Rejection]
    def __init__(self, school_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., position_id: _Optional[str] = ..., choice: _Optional[int] = ..., profile: _Optional[_Union[StudentProfile, _Mapping]] = ..., explanation: _Optional[_Iterable[_Union[Rejection, _Mapping]]] = ...) -> None: ...

class RoundPositionFill(_message.Message):
    __slots__ = ("position_id", "enterprise_org", "title", "offered_seats", "offered_limit", "filled")
    POSITION_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    OFFERED_SEATS_FIELD_NUMBER: _ClassVar[int]
    OFFERED_LIMIT_FIELD_NUMBER: _ClassVar[int]
    FILLED_FIELD_NUMBER: _ClassVar[int]
    position_id: str
    enterprise_org: str
    title: str
    offered_seats: int
    offered_limit: str
    filled: int
    def __init__(self, position_id: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., title: _Optional[str] = ..., offered_seats: _Optional[int] = ..., offered_limit: _Optional[str] = ..., filled: _Optional[int] = ...) -> None: ...

class RoundMove(_message.Message):
    __slots__ = ("school_org", "student_ref", "before", "after", "why")
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    BEFORE_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    WHY_FIELD_NUMBER: _ClassVar[int]
    school_org: str
    student_ref: str
    before: str
    after: str
    why: str
    def __init__(self, school_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., before: _Optional[str] = ..., after: _Optional[str] = ..., why: _Optional[str] = ...) -> None: ...

class PositionPlacements(_message.Message):
    __slots__ = ("position_id", "placements")
    POSITION_ID_FIELD_NUMBER: _ClassVar[int]
    PLACEMENTS_FIELD_NUMBER: _ClassVar[int]
    position_id: str
    placements: int
    def __init__(self, position_id: _Optional[str] = ..., placements: _Optional[int] = ...) -> None: ...

class CreateRoundRequest(_message.Message):
    __slots__ = ("title", "co_owner_schools", "enterprise_org", "list_limit", "placement_status_on_publish", "seed", "tie_rule")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CO_OWNER_SCHOOLS_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    LIST_LIMIT_FIELD_NUMBER: _ClassVar[int]
    PLACEMENT_STATUS_ON_PUBLISH_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    TIE_RULE_FIELD_NUMBER: _ClassVar[int]
    title: str
    co_owner_schools: _containers.RepeatedScalarFieldContainer[str]
    enterprise_org: str
    list_limit: int
    placement_status_on_publish: PlacementStatus
    seed: int
    tie_rule: str
    def __init__(self, title: _Optional[str] = ..., co_owner_schools: _Optional[_Iterable[str]] = ..., enterprise_org: _Optional[str] = ..., list_limit: _Optional[int] = ..., placement_status_on_publish: _Optional[_Union[PlacementStatus, str]] = ..., seed: _Optional[int] = ..., tie_rule: _Optional[str] = ...) -> None: ...

class CreateRoundResponse(_message.Message):
    __slots__ = ("round",)
    ROUND_FIELD_NUMBER: _ClassVar[int]
    round: Round
    def __init__(self, round: _Optional[_Union[Round, _Mapping]] = ...) -> None: ...

class GetRoundRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetRoundResponse(_message.Message):
    __slots__ = ("round",)
    ROUND_FIELD_NUMBER: _ClassVar[int]
    round: Round
    def __init__(self, round: _Optional[_Union[Round, _Mapping]] = ...) -> None: ...

class ListRoundsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRoundsResponse(_message.Message):
    __slots__ = ("rounds", "next_page_token")
    ROUNDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    rounds: _containers.RepeatedCompositeFieldContainer[Round]
    next_page_token: str
    def __init__(self, rounds: _Optional[_Iterable[_Union[Round, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class AddRoundPositionRequest(_message.Message):
    __slots__ = ("round_id", "position_id")
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    POSITION_ID_FIELD_NUMBER: _ClassVar[int]
    round_id: str
    position_id: str
    def __init__(self, round_id: _Optional[str] = ..., position_id: _Optional[str] = ...) -> None: ...

class AddRoundPositionResponse(_message.Message):
    __slots__ = ("position",)
    POSITION_FIELD_NUMBER: _ClassVar[int]
    position: RoundPosition
    def __init__(self, position: _Optional[_Union[RoundPosition, _Mapping]] = ...) -> None: ...

class RemoveRoundPositionRequest(_message.Message):
    __slots__ = ("round_id", "position_id")
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    POSITION_ID_FIELD_NUMBER: _ClassVar[int]
    round_id: str
    position_id: str
    def __init__(self, round_id: _Optional[str] = ..., position_id: _Optional[str] = ...) -> None: ...

class RemoveRoundPositionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListRoundPositionsRequest(_message.Message):
    __slots__ = ("round_id", "page_size", "page_token")
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    round_id: str
    page_size: int
    page_token: str
    def __init__(self, round_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRoundPositionsResponse(_message.Message):
    __slots__ = ("positions", "next_page_token")
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    positions: _containers.RepeatedCompositeFieldContainer[RoundPosition]
    next_page_token: str
    def __init__(self, positions: _Optional[_Iterable[_Union[RoundPosition, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class AddRoundStudentsRequest(_message.Message):
    __slots__ = ("round_id", "students")
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENTS_FIELD_NUMBER: _ClassVar[int]
    round_id: str
    students: _containers.RepeatedCompositeFieldContainer[RoundStudentEntry]
    def __init__(self, round_id: _Optional[str] = ..., students: _Optional[_Iterable[_Union[RoundStudentEntry, _Mapping]]] = ...) -> None: ...

class AddRoundStudentsResponse(_message.Message):
    __slots__ = ("students",)
    STUDENTS_FIELD_NUMBER: _ClassVar[int]
    students: _containers.RepeatedCompositeFieldContainer[RoundStudent]
    def __init__(self, students: _Optional[_Iterable[_Union[RoundStudent, _Mapping]]] = ...) -> None: ...

class ListRoundStudentsRequest(_message.Message):
    __slots__ = ("round_id", "page_size", "page_token")
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    round_id: str
    page_size: int
    page_token: str
    def __init__(self, round_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRoundStudentsResponse(_message.Message):
    __slots__ = ("students", "next_page_token")
    STUDENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    students: _containers.RepeatedCompositeFieldContainer[RoundStudent]
    next_page_token: str
    def __init__(self, students: _Optional[_Iterable[_Union[RoundStudent, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RemoveRoundStudentRequest(_message.Message):
    __slots__ = ("round_id", "student_ref")
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    round_id: str
    student_ref: str
    def __init__(self, round_id: _Optional[str] = ..., student_ref: _Optional[str] = ...) -> None: ...

class RemoveRoundStudentResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SetPreferencesRequest(_message.Message):
    __slots__ = ("round_id", "student_ref", "positions")
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    round_id: str
    student_ref: str
    positions: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, round_id: _Optional[str] = ..., student_ref: _Optional[str] = ..., positions: _Optional[_Iterable[str]] = ...) -> None: ...

class SetPreferencesResponse(_message.Message):
    __slots__ = ("student",)
    STUDENT_FIELD_NUMBER: _ClassVar[int]
    student: RoundStudent
    def __init__(self, student: _Optional[_Union[RoundStudent, _Mapping]] = ...) -> None: ...

class ListApplicantsRequest(_message.Message):
    __slots__ = ("round_id", "position_id", "page_size", "page_token")
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    POSITION_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    round_id: str
    position_id: str
    page_size: int
    page_token: str
    def __init__(self, round_id: _Optional[str] = ..., position_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class Applicant(_message.Message):
    __slots__ = ("school_org", "student_ref", "profile", "group")
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    school_org: str
    student_ref: str
    profile: StudentProfile
    group: int
    def __init__(self, school_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., profile: _Optional[_Union[StudentProfile, _Mapping]] = ..., group: _Optional[int] = ...) -> None: ...

class ListApplicantsResponse(_message.Message):
    __slots__ = ("position", "applicants", "next_page_token")
    POSITION_FIELD_NUMBER: _ClassVar[int]
    APPLICANTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    position: RoundPosition
    applicants: _containers.RepeatedCompositeFieldContainer[Applicant]
    next_page_token: str
    def __init__(self, position: _Optional[_Union[RoundPosition, _Mapping]] = ..., applicants: _Optional[_Iterable[_Union[Applicant, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class SetRankingRequest(_message.Message):
    __slots__ = ("round_id", "position_id", "groups", "use_default")
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    POSITION_ID_FIELD_NUMBER: _ClassVar[int]
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    USE_DEFAULT_FIELD_NUMBER: _ClassVar[int]
    round_id: str
    position_id: str
    groups: _containers.RepeatedCompositeFieldContainer[TieGroup]
    use_default: bool
    def __init__(self, round_id: _Optional[str] = ..., position_id: _Optional[str] = ..., groups: _Optional[_Iterable[_Union[TieGroup, _Mapping]]] = ..., use_default: _Optional[bool] = ...) -> None: ...

class SetRankingResponse(_message.Message):
    __slots__ = ("position",)
    POSITION_FIELD_NUMBER: _ClassVar[int]
    position: RoundPosition
    def __init__(self, position: _Optional[_Union[RoundPosition, _Mapping]] = ...) -> None: ...

class ListRoundInvitationsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRoundInvitationsResponse(_message.Message):
    __slots__ = ("invitations", "next_page_token")
    INVITATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    invitations: _containers.RepeatedCompositeFieldContainer[RoundInvitation]
    next_page_token: str
    def __init__(self, invitations: _Optional[_Iterable[_Union[RoundInvitation, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class AcceptRoundRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class AcceptRoundResponse(_message.Message):
    __slots__ = ("round",)
    ROUND_FIELD_NUMBER: _ClassVar[int]
    round: Round
    def __init__(self, round: _Optional[_Union[Round, _Mapping]] = ...) -> None: ...

class DeclineRoundRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class DeclineRoundResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class CloseRoundRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class CloseRoundResponse(_message.Message):
    __slots__ = ("round",)
    ROUND_FIELD_NUMBER: _ClassVar[int]
    round: Round
    def __init__(self, round: _Optional[_Union[Round, _Mapping]] = ...) -> None: ...

class ReopenRoundRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ReopenRoundResponse(_message.Message):
    __slots__ = ("round",)
    ROUND_FIELD_NUMBER: _ClassVar[int]
    round: Round
    def __init__(self, round: _Optional[_Union[Round, _Mapping]] = ...) -> None: ...

class ComputeRoundRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ComputeRoundResponse(_message.Message):
    __slots__ = ("run",)
    RUN_FIELD_NUMBER: _ClassVar[int]
    run: RoundRun
    def __init__(self, run: _Optional[_Union[RoundRun, _Mapping]] = ...) -> None: ...

class ListRoundRunsRequest(_message.Message):
    __slots__ = ("id", "page_size", "page_token")
    ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    id: str
    page_size: int
    page_token: str
    def __init__(self, id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRoundRunsResponse(_message.Message):
    __slots__ = ("runs", "next_page_token")
    RUNS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    runs: _containers.RepeatedCompositeFieldContainer[RoundRun]
    next_page_token: str
    def __init__(self, runs: _Optional[_Iterable[_Union[RoundRun, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetRoundResultRequest(_message.Message):
    __slots__ = ("id", "run_id", "page_size", "page_token")
    ID_FIELD_NUMBER: _ClassVar[int]
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    id: str
    run_id: str
    page_size: int
    page_token: str
    def __init__(self, id: _Optional[str] = ..., run_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class GetRoundResultResponse(_message.Message):
    __slots__ = ("round_id", "run", "published", "students", "positions", "next_page_token")
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    RUN_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    STUDENTS_FIELD_NUMBER: _ClassVar[int]
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    round_id: str
    run: RoundRun
    published: bool
    students: _containers.RepeatedCompositeFieldContainer[RoundMatch]
    positions: _containers.RepeatedCompositeFieldContainer[RoundPositionFill]
    next_page_token: str
    def __init__(self, round_id: _Optional[str] = ..., run: _Optional[_Union[RoundRun, _Mapping]] = ..., published: _Optional[bool] = ..., students: _Optional[_Iterable[_Union[RoundMatch, _Mapping]]] = ..., positions: _Optional[_Iterable[_Union[RoundPositionFill, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CompareRoundRunsRequest(_message.Message):
    __slots__ = ("id", "run_a", "run_b", "page_size", "page_token")
    ID_FIELD_NUMBER: _ClassVar[int]
    RUN_A_FIELD_NUMBER: _ClassVar[int]
    RUN_B_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    id: str
    run_a: str
    run_b: str
    page_size: int
    page_token: str
    def __init__(self, id: _Optional[str] = ..., run_a: _Optional[str] = ..., run_b: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class CompareRoundRunsResponse(_message.Message):
    __slots__ = ("run_a", "run_b", "moves", "next_page_token")
    RUN_A_FIELD_NUMBER: _ClassVar[int]
    RUN_B_FIELD_NUMBER: _ClassVar[int]
    MOVES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    run_a: RoundRun
    run_b: RoundRun
    moves: _containers.RepeatedCompositeFieldContainer[RoundMove]
    next_page_token: str
    def __init__(self, run_a: _Optional[_Union[RoundRun, _Mapping]] = ..., run_b: _Optional[_Union[RoundRun, _Mapping]] = ..., moves: _Optional[_Iterable[_Union[RoundMove, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PublishRoundRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class PublishRoundResponse(_message.Message):
    __slots__ = ("round", "run_id", "placements", "by_position")
    ROUND_FIELD_NUMBER: _ClassVar[int]
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    PLACEMENTS_FIELD_NUMBER: _ClassVar[int]
    BY_POSITION_FIELD_NUMBER: _ClassVar[int]
    round: Round
    run_id: str
    placements: int
    by_position: _containers.RepeatedCompositeFieldContainer[PositionPlacements]
    def __init__(self, round: _Optional[_Union[Round, _Mapping]] = ..., run_id: _Optional[str] = ..., placements: _Optional[int] = ..., by_position: _Optional[_Iterable[_Union[PositionPlacements, _Mapping]]] = ...) -> None: ...
