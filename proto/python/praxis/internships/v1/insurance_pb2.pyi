from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CoverageType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COVERAGE_TYPE_UNSPECIFIED: _ClassVar[CoverageType]
    COVERAGE_TYPE_INTERNSHIP_LIABILITY: _ClassVar[CoverageType]
    COVERAGE_TYPE_ACCIDENT: _ClassVar[CoverageType]
    COVERAGE_TYPE_MEDICAL: _ClassVar[CoverageType]
    COVERAGE_TYPE_EMPLOYER_LIABILITY: _ClassVar[CoverageType]

class InsurancePayer(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INSURANCE_PAYER_UNSPECIFIED: _ClassVar[InsurancePayer]
    INSURANCE_PAYER_SCHOOL: _ClassVar[InsurancePayer]
    INSURANCE_PAYER_ENTERPRISE: _ClassVar[InsurancePayer]
    INSURANCE_PAYER_STUDENT: _ClassVar[InsurancePayer]
COVERAGE_TYPE_UNSPECIFIED: CoverageType
COVERAGE_TYPE_INTERNSHIP_LIABILITY: CoverageType
COVERAGE_TYPE_ACCIDENT: CoverageType
COVERAGE_TYPE_MEDICAL: CoverageType
COVERAGE_TYPE_EMPLOYER_LIABILITY: CoverageType
INSURANCE_PAYER_UNSPECIFIED: InsurancePayer
INSURANCE_PAYER_SCHOOL: InsurancePayer
INSURANCE_PAYER_ENTERPRISE: InsurancePayer
INSURANCE_PAYER_STUDENT: InsurancePayer

class InsurancePolicy(_message.Message):
    __slots__ = ("id", "owner_org", "insurer", "policy_number", "coverage_type", "starts_on", "ends_on", "payer", "recorded_by", "recorded_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_ORG_FIELD_NUMBER: _ClassVar[int]
    INSURER_FIELD_NUMBER: _ClassVar[int]
    POLICY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COVERAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    PAYER_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    owner_org: str
    insurer: str
    policy_number: str
    coverage_type: CoverageType
    starts_on: str
    ends_on: str
    payer: InsurancePayer
    recorded_by: str
    recorded_at: str
    def __init__(self, id: _Optional[str] = ..., owner_org: _Optional[str] = ..., insurer: _Optional[str] = ..., policy_number: _Optional[str] = ..., coverage_type: _Optional[_Union[CoverageType, str]] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., payer: _Optional[_Union[InsurancePayer, str]] = ..., recorded_by: _Optional[str] = ..., recorded_at: _Optional[str] = ...) -> None: ...

class RecordPolicyRequest(_message.Message):
    __slots__ = ("insurer", "policy_number", "coverage_type", "starts_on", "ends_on", "payer")
    INSURER_FIELD_NUMBER: _ClassVar[int]
    POLICY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COVERAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    PAYER_FIELD_NUMBER: _ClassVar[int]
    insurer: str
    policy_number: str
    coverage_type: CoverageType
    starts_on: str
    ends_on: str
    payer: InsurancePayer
    def __init__(self, insurer: _Optional[str] = ..., policy_number: _Optional[str] = ..., coverage_type: _Optional[_Union[CoverageType, str]] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., payer: _Optional[_Union[InsurancePayer, str]] = ...) -> None: ...

class RecordPolicyResponse(_message.Message):
    __slots__ = ("policy",)
    POLICY_FIELD_NUMBER: _ClassVar[int]
    policy: InsurancePolicy
    def __init__(self, policy: _Optional[_Union[InsurancePolicy, _Mapping]] = ...) -> None: ...

class GetPolicyRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetPolicyResponse(_message.Message):
    __slots__ = ("policy",)
    POLICY_FIELD_NUMBER: _ClassVar[int]
    policy: InsurancePolicy
    def __init__(self, policy: _Optional[_Union[InsurancePolicy, _Mapping]] = ...) -> None: ...

class ListPoliciesRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListPoliciesResponse(_message.Message):
    __slots__ = ("policies", "next_page_token")
    POLICIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    policies: _containers.RepeatedCompositeFieldContainer[InsurancePolicy]
    next_page_token: str
    def __init__(self, policies: _Optional[_Iterable[_Union[InsurancePolicy, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class AttachPolicyRequest(_message.Message):
    __slots__ = ("policy_id", "placement_ids")
    POLICY_ID_FIELD_NUMBER: _ClassVar[int]
    PLACEMENT_IDS_FIELD_NUMBER: _ClassVar[int]
    policy_id: str
    placement_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, policy_id: _Optional[str] = ..., placement_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class AttachedPlacement(_message.Message):
    __slots__ = ("placement_id", "newly_attached")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    NEWLY_ATTACHED_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    newly_attached: bool
    def __init__(self, placement_id: _Optional[str] = ..., newly_attached: _Optional[bool] = ...) -> None: ...

class AttachPolicyResponse(_message.Message):
    __slots__ = ("policy_id", "items")
    POLICY_ID_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    policy_id: str
    items: _containers.RepeatedCompositeFieldContainer[AttachedPlacement]
    def __init__(self, policy_id: _Optional[str] = ..., items: _Optional[_Iterable[_Union[AttachedPlacement, _Mapping]]] = ...) -> None: ...

class GetPlacementInsuranceRequest(_message.Message):
    __slots__ = ("placement_id",)
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    def __init__(self, placement_id: _Optional[str] = ...) -> None: ...

class PlacementPolicy(_message.Message):
    __slots__ = ("policy", "attached_at", "attached_by")
    POLICY_FIELD_NUMBER: _ClassVar[int]
    ATTACHED_AT_FIELD_NUMBER: _ClassVar[int]
    ATTACHED_BY_FIELD_NUMBER: _ClassVar[int]
    policy: InsurancePolicy
    attached_at: str
    attached_by: str
    def __init__(self, policy: _Optional[_Union[InsurancePolicy, _Mapping]] = ..., attached_at: _Optional[str] = ..., attached_by: _Optional[str] = ...) -> None: ...

class GetPlacementInsuranceResponse(_message.Message):
    __slots__ = ("placement_id", "starts_on", "ends_on", "policies", "covered", "uncovered_from")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    POLICIES_FIELD_NUMBER: _ClassVar[int]
    COVERED_FIELD_NUMBER: _ClassVar[int]
    UNCOVERED_FROM_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    starts_on: str
    ends_on: str
    policies: _containers.RepeatedCompositeFieldContainer[PlacementPolicy]
    covered: bool
    uncovered_from: str
    def __init__(self, placement_id: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., policies: _Optional[_Iterable[_Union[PlacementPolicy, _Mapping]]] = ..., covered: _Optional[bool] = ..., uncovered_from: _Optional[str] = ...) -> None: ...

class InsuranceGapsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class InsuranceGap(_message.Message):
    __slots__ = ("placement_id", "school_org", "enterprise_org", "student_ref", "status", "starts_on", "ends_on", "uncovered_from", "covered_until")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    UNCOVERED_FROM_FIELD_NUMBER: _ClassVar[int]
    COVERED_UNTIL_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    status: str
    starts_on: str
    ends_on: str
    uncovered_from: str
    covered_until: str
    def __init__(self, placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., status: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., uncovered_from: _Optional[str] = ..., covered_until: _Optional[str] = ...) -> None: ...

class InsuranceGapsResponse(_message.Message):
    __slots__ = ("gaps", "next_page_token")
    GAPS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    gaps: _containers.RepeatedCompositeFieldContainer[InsuranceGap]
    next_page_token: str
    def __init__(self, gaps: _Optional[_Iterable[_Union[InsuranceGap, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
