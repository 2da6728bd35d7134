from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class HireKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HIRE_KIND_UNSPECIFIED: _ClassVar[HireKind]
    HIRE_KIND_RETURN_OFFER: _ClassVar[HireKind]
    HIRE_KIND_HIRED: _ClassVar[HireKind]
HIRE_KIND_UNSPECIFIED: HireKind
HIRE_KIND_RETURN_OFFER: HireKind
HIRE_KIND_HIRED: HireKind

class Hire(_message.Message):
    __slots__ = ("id", "enterprise_org", "school_org", "student_ref", "agreement_id", "placement_id", "kind", "on", "position_title", "recorded_by", "recorded_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    POSITION_TITLE_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    enterprise_org: str
    school_org: str
    student_ref: str
    agreement_id: str
    placement_id: str
    kind: HireKind
    on: str
    position_title: str
    recorded_by: str
    recorded_at: str
    def __init__(self, id: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., school_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., agreement_id: _Optional[str] = ..., placement_id: _Optional[str] = ..., kind: _Optional[_Union[HireKind, str]] = ..., on: _Optional[str] = ..., position_title: _Optional[str] = ..., recorded_by: _Optional[str] = ..., recorded_at: _Optional[str] = ...) -> None: ...

class RecordHireRequest(_message.Message):
    __slots__ = ("student_ref", "placement_id", "kind", "on", "position_title")
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    POSITION_TITLE_FIELD_NUMBER: _ClassVar[int]
    student_ref: str
    placement_id: str
    kind: HireKind
    on: str
    position_title: str
    def __init__(self, student_ref: _Optional[str] = ..., placement_id: _Optional[str] = ..., kind: _Optional[_Union[HireKind, str]] = ..., on: _Optional[str] = ..., position_title: _Optional[str] = ...) -> None: ...

class RecordHireResponse(_message.Message):
    __slots__ = ("hire",)
    HIRE_FIELD_NUMBER: _ClassVar[int]
    hire: Hire
    def __init__(self, hire: _Optional[_Union[Hire, _Mapping]] = ...) -> None: ...

class ListHiresRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListHiresResponse(_message.Message):
    __slots__ = ("hires", "next_page_token")
    HIRES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    hires: _containers.RepeatedCompositeFieldContainer[Hire]
    next_page_token: str
    def __init__(self, hires: _Optional[_Iterable[_Union[Hire, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Programme(_message.Message):
    __slots__ = ("school_org", "cohort", "competencies", "set_at", "set_by")
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    COHORT_FIELD_NUMBER: _ClassVar[int]
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    SET_AT_FIELD_NUMBER: _ClassVar[int]
    SET_BY_FIELD_NUMBER: _ClassVar[int]
    school_org: str
    cohort: str
    competencies: _containers.RepeatedScalarFieldContainer[str]
    set_at: str
    set_by: str
    def __init__(self, school_org: _Optional[str] = ..., cohort: _Optional[str] = ..., competencies: _Optional[_Iterable[str]] = ..., set_at: _Optional[str] = ..., set_by: _Optional[str] = ...) -> None: ...

class SetProgrammeCompetenciesRequest(_message.Message):
    __slots__ = ("cohort", "competencies")
    COHORT_FIELD_NUMBER: _ClassVar[int]
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    cohort: str
    competencies: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, cohort: _Optional[str] = ..., competencies: _Optional[_Iterable[str]] = ...) -> None: ...

class SetProgrammeCompetenciesResponse(_message.Message):
    __slots__ = ("programme",)
    PROGRAMME_FIELD_NUMBER: _ClassVar[int]
    programme: Programme
    def __init__(self, programme: _Optional[_Union[Programme, _Mapping]] = ...) -> None: ...

class GetProgrammeRequest(_message.Message):
    __slots__ = ("cohort",)
    COHORT_FIELD_NUMBER: _ClassVar[int]
    cohort: str
    def __init__(self, cohort: _Optional[str] = ...) -> None: ...

class GetProgrammeResponse(_message.Message):
    __slots__ = ("programme",)
    PROGRAMME_FIELD_NUMBER: _ClassVar[int]
    programme: Programme
    def __init__(self, programme: _Optional[_Union[Programme, _Mapping]] = ...) -> None: ...

class ListProgrammesRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListProgrammesResponse(_message.Message):
    __slots__ = ("programmes", "next_page_token")
    PROGRAMMES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    programmes: _containers.RepeatedCompositeFieldContainer[Programme]
    next_page_token: str
    def __init__(self, programmes: _Optional[_Iterable[_Union[Programme, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Alignment(_message.Message):
    __slots__ = ("aligned", "with_profile", "rate")
    ALIGNED_FIELD_NUMBER: _ClassVar[int]
    WITH_PROFILE_FIELD_NUMBER: _ClassVar[int]
    RATE_FIELD_NUMBER: _ClassVar[int]
    aligned: int
    with_profile: int
    rate: str
    def __init__(self, aligned: _Optional[int] = ..., with_profile: _Optional[int] = ..., rate: _Optional[str] = ...) -> None: ...

class AgreementValue(_message.Message):
    __slots__ = ("agreement_id", "school_org", "enterprise_org", "interns_hosted", "interns_completed", "core_hours", "total_hours", "core_share", "projects_delivered", "teams_completed", "guidance_sessions", "guidance_minutes", "onsite_guidance_minutes", "students_hired", "return_offers", "hires", "alignment")
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    INTERNS_HOSTED_FIELD_NUMBER: _ClassVar[int]
    INTERNS_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    CORE_HOURS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_HOURS_FIELD_NUMBER: _ClassVar[int]
    CORE_SHARE_FIELD_NUMBER: _ClassVar[int]
    PROJECTS_DELIVERED_FIELD_NUMBER: _ClassVar[int]
    TEAMS_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    GUIDANCE_SESSIONS_FIELD_NUMBER: _ClassVar[int]
    GUIDANCE_MINUTES_FIELD_NUMBER: _ClassVar[int]
    ONSITE_GUIDANCE_MINUTES_FIELD_NUMBER: _ClassVar[int]
    STUDENTS_HIRED_FIELD_NUMBER: _ClassVar[int]
    RETURN_OFFERS_FIELD_NUMBER: _ClassVar[int]
    HIRES_FIELD_NUMBER: _ClassVar[int]
    ALIGNMENT_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    school_org: str
    enterprise_org: str
    interns_hosted: int
    interns_completed: int
    core_hours: str
    total_hours: str
    core_share: str
    projects_delivered: int
    teams_completed: int
    guidance_sessions: int
    guidance_minutes: int
    onsite_guidance_minutes: int
    students_hired: int
    return_offers: int
    hires: int
    alignment: Alignment
    def __init__(self, agreement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., interns_hosted: _Optional[int] = ..., interns_completed: _Optional[int] = ..., core_hours: _Optional[str] = ..., total_hours: _Optional[str] = ..., core_share: _Optional[str] = ..., projects_delivered: _Optional[int] = ..., teams_completed: _Optional[int] = ..., guidance_sessions: _Optional[int] = ..., guidance_minutes: _Optional[int] = ..., onsite_guidance_minutes: _Optional[int] = ..., students_hired: _Optional[int] = ..., return_offers: _Optional[int] = ..., hires: _Optional[int] = ..., alignment: _Optional[_Union[Alignment, _Mapping]] = ...) -> None: ...

class GetAgreementValueRequest(_message.Message):
    __slots__ = ("agreement_id",)
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    def __init__(self, agreement_id: _Optional[str] = ...) -> None: ...

class GetAgreementValueResponse(_message.Message):
    __slots__ = ("value",)
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: AgreementValue
    def __init__(self, value: _Optional[_Union[AgreementValue, _Mapping]] = ...) -> None: ...

class TagCount(_message.Message):
    __slots__ = ("tag", "count")
    TAG_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    tag: str
    count: int
    def __init__(self, tag: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class YearOutcomes(_message.Message):
    __slots__ = ("school_org", "year", "placements", "alignment", "hired", "completed", "ended", "hire_rate", "completion_rate", "demanded", "trained", "gaps")
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    PLACEMENTS_FIELD_NUMBER: _ClassVar[int]
    ALIGNMENT_FIELD_NUMBER: _ClassVar[int]
    HIRED_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_FIELD_NUMBER: _ClassVar[int]
    ENDED_FIELD_NUMBER: _ClassVar[int]
    HIRE_RATE_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_RATE_FIELD_NUMBER: _ClassVar[int]
    DEMANDED_FIELD_NUMBER: _ClassVar[int]
    TRAINED_FIELD_NUMBER: _ClassVar[int]
    GAPS_FIELD_NUMBER: _ClassVar[int]
    school_org: str
    year: int
    placements: int
    alignment: Alignment
    hired: int
    completed: int
    ended: int
    hire_rate: str
    completion_rate: str
    demanded: _containers.RepeatedCompositeFieldContainer[TagCount]
    trained: _containers.RepeatedCompositeFieldContainer[TagCount]
    gaps: _containers.RepeatedCompositeFieldContainer[TagCount]
    def __init__(self, school_org: _Optional[str] = ..., year: _Optional[int] = ..., placements: _Optional[int] = ..., alignment: _Optional[_Union[Alignment, _Mapping]] = ..., hired: _Optional[int] = ..., completed: _Optional[int] = ..., ended: _Optional[int] = ..., hire_rate: _Optional[str] = ..., completion_rate: _Optional[str] = ..., demanded: _Optional[_Iterable[_Union[TagCount, _Mapping]]] = ..., trained: _Optional[_Iterable[_Union[TagCount, _Mapping]]] = ..., gaps: _Optional[_Iterable[_Union[TagCount, _Mapping]]] = ...) -> None: ...

class GetYearOutcomesRequest(_message.Message):
    __slots__ = ("year",)
    YEAR_FIELD_NUMBER: _ClassVar[int]
    year: int
    def __init__(self, year: _Optional[int] = ...) -> None: ...

class GetYearOutcomesResponse(_message.Message):
    __slots__ = ("outcomes",)
    OUTCOMES_FIELD_NUMBER: _ClassVar[int]
    outcomes: YearOutcomes
    def __init__(self, outcomes: _Optional[_Union[YearOutcomes, _Mapping]] = ...) -> None: ...
