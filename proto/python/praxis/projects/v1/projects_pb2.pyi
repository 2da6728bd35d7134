from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExportFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXPORT_FORMAT_UNSPECIFIED: _ClassVar[ExportFormat]
    EXPORT_FORMAT_CSV: _ClassVar[ExportFormat]
    EXPORT_FORMAT_JSON: _ClassVar[ExportFormat]
EXPORT_FORMAT_UNSPECIFIED: ExportFormat
EXPORT_FORMAT_CSV: ExportFormat
EXPORT_FORMAT_JSON: ExportFormat

class Partnership(_message.Message):
    __slots__ = ("agreement_id", "school_org", "enterprise_org", "valid_from", "valid_to", "intern_quota", "active", "activated_at", "ended_at")
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_FIELD_NUMBER: _ClassVar[int]
    VALID_TO_FIELD_NUMBER: _ClassVar[int]
    INTERN_QUOTA_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    ACTIVATED_AT_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    school_org: str
    enterprise_org: str
    valid_from: str
    valid_to: str
    intern_quota: int
    active: bool
    activated_at: str
    ended_at: str
    def __init__(self, agreement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., valid_from: _Optional[str] = ..., valid_to: _Optional[str] = ..., intern_quota: _Optional[int] = ..., active: _Optional[bool] = ..., activated_at: _Optional[str] = ..., ended_at: _Optional[str] = ...) -> None: ...

class ListPartnershipsRequest(_message.Message):
    __slots__ = ("include_ended", "page_size", "page_token")
    INCLUDE_ENDED_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    include_ended: bool
    page_size: int
    page_token: str
    def __init__(self, include_ended: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListPartnershipsResponse(_message.Message):
    __slots__ = ("partnerships", "next_page_token")
    PARTNERSHIPS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    partnerships: _containers.RepeatedCompositeFieldContainer[Partnership]
    next_page_token: str
    def __init__(self, partnerships: _Optional[_Iterable[_Union[Partnership, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Stage(_message.Message):
    __slots__ = ("key", "name")
    KEY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    key: str
    name: str
    def __init__(self, key: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class Weights(_message.Message):
    __slots__ = ("teacher", "enterprise", "platform", "peer")
    TEACHER_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    PEER_FIELD_NUMBER: _ClassVar[int]
    teacher: str
    enterprise: str
    platform: str
    peer: str
    def __init__(self, teacher: _Optional[str] = ..., enterprise: _Optional[str] = ..., platform: _Optional[str] = ..., peer: _Optional[str] = ...) -> None: ...

class Target(_message.Message):
    __slots__ = ("value", "unit")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    value: str
    unit: str
    def __init__(self, value: _Optional[str] = ..., unit: _Optional[str] = ...) -> None: ...

class Project(_message.Message):
    __slots__ = ("id", "enterprise_org", "title", "brief", "competencies", "stages", "parallel_stages", "team_capacity", "teams_formed", "min_team_size", "max_team_size", "credits", "pass_mark", "starts_on", "ends_on", "weights", "platform_targets", "status", "created_at", "published_at", "completed_at", "completion_forced", "completion_reason")
    class PlatformTargetsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: Target
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[Target, _Mapping]] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BRIEF_FIELD_NUMBER: _ClassVar[int]
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    STAGES_FIELD_NUMBER: _ClassVar[int]
    PARALLEL_STAGES_FIELD_NUMBER: _ClassVar[int]
    TEAM_CAPACITY_FIELD_NUMBER: _ClassVar[int]
    TEAMS_FORMED_FIELD_NUMBER: _ClassVar[int]
    MIN_TEAM_SIZE_FIELD_NUMBER: _ClassVar[int]
    MAX_TEAM_SIZE_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    PASS_MARK_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    WEIGHTS_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_TARGETS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_FORCED_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    enterprise_org: str
    title: str
    brief: str
    competencies: _containers.RepeatedScalarFieldContainer[str]
    stages: _containers.RepeatedCompositeFieldContainer[Stage]
    parallel_stages: bool
    team_capacity: int
    teams_formed: int
    min_team_size: int
    max_team_size: int
    credits: str
    pass_mark: str
    starts_on: str
    ends_on: str
    weights: Weights
    platform_targets: _containers.MessageMap[str, Target]
    status: str
    created_at: str
    published_at: str
    completed_at: str
    completion_forced: bool
    completion_reason: str
    def __init__(self, id: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., title: _Optional[str] = ..., brief: _Optional[str] = ..., competencies: _Optional[_Iterable[str]] = ..., stages: _Optional[_Iterable[_Union[Stage, _Mapping]]] = ..., parallel_stages: _Optional[bool] = ..., team_capacity: _Optional[int] = ..., teams_formed: _Optional[int] = ..., min_team_size: _Optional[int] = ..., max_team_size: _Optional[int] = ..., credits: _Optional[str] = ..., pass_mark: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., weights: _Optional[_Union[Weights, _Mapping]] = ..., platform_targets: _Optional[_Mapping[str, Target]] = ..., status: _Optional[str] = ..., created_at: _Optional[str] = ..., published_at: _Optional[str] = ..., completed_at: _Optional[str] = ..., completion_forced: _Optional[bool] = ..., completion_reason: _Optional[str] = ...) -> None: ...

class CreateProjectRequest(_message.Message):
    __slots__ = ("title", "brief", "competencies", "stages", "team_capacity", "min_team_size", "max_team_size", "credits", "pass_mark", "starts_on", "ends_on", "parallel_stages", "weights", "platform_targets")
    class PlatformTargetsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: Target
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[Target, _Mapping]] = ...) -> None: ...
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BRIEF_FIELD_NUMBER: _ClassVar[int]
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    STAGES_FIELD_NUMBER: _ClassVar[int]
    TEAM_CAPACITY_FIELD_NUMBER: _ClassVar[int]
    MIN_TEAM_SIZE_FIELD_NUMBER: _ClassVar[int]
    MAX_TEAM_SIZE_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    PASS_MARK_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    PARALLEL_STAGES_FIELD_NUMBER: _ClassVar[int]
    WEIGHTS_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_TARGETS_FIELD_NUMBER: _ClassVar[int]
    title: str
    brief: str
    competencies: _containers.RepeatedScalarFieldContainer[str]
    stages: _containers.RepeatedCompositeFieldContainer[Stage]
    team_capacity: int
    min_team_size: int
    max_team_size: int
    credits: str
    pass_mark: str
    starts_on: str
    ends_on: str
    parallel_stages: bool
    weights: Weights
    platform_targets: _containers.MessageMap[str, Target]
    def __init__(self, title: _Optional[str] = ..., brief: _Optional[str] = ..., competencies: _Optional[_Iterable[str]] = ..., stages: _Optional[_Iterable[_Union[Stage, _Mapping]]] = ..., team_capacity: _Optional[int] = ..., min_team_size: _Optional[int] = ..., max_team_size: _Optional[int] = ..., credits: _Optional[str] = ..., pass_mark: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., parallel_stages: _Optional[bool] = ..., weights: _Optional[_Union[Weights, _Mapping]] = ..., platform_targets: _Optional[_Mapping[str, Target]] = ...) -> None: ...

class CreateProjectResponse(_message.Message):
    __slots__ = ("project",)
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    project: Project
    def __init__(self, project: _Optional[_Union[Project, _Mapping]] = ...) -> None: ...

class GetProjectRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetProjectResponse(_message.Message):
    __slots__ = ("project",)
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    project: Project
    def __init__(self, project: _Optional[_Union[Project, _Mapping]] = ...) -> None: ...

class ListProjectsRequest(_message.Message):
    __slots__ = ("status", "competency", "page_size", "page_token", "updated_since")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    COMPETENCY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    UPDATED_SINCE_FIELD_NUMBER: _ClassVar[int]
    status: str
    competency: str
    page_size: int
    page_token: str
    updated_since: str
    def __init__(self, status: _Optional[str] = ..., competency: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., updated_since: _Optional[str] = ...) -> None: ...

class ListProjectsResponse(_message.Message):
    __slots__ = ("projects", "next_page_token", "changes", "next_cursor", "has_more")
    PROJECTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    HAS_MORE_FIELD_NUMBER: _ClassVar[int]
    projects: _containers.RepeatedCompositeFieldContainer[Project]
    next_page_token: str
    changes: _containers.RepeatedCompositeFieldContainer[ProjectChange]
    next_cursor: str
    has_more: bool
    def __init__(self, projects: _Optional[_Iterable[_Union[Project, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., changes: _Optional[_Iterable[_Union[ProjectChange, _Mapping]]] = ..., next_cursor: _Optional[str] = ..., has_more: _Optional[bool] = ...) -> None: ...

class ProjectChange(_message.Message):
    __slots__ = ("project", "deleted")
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    project: Project
    deleted: Tombstone
    def __init__(self, project: _Optional[_Union[Project, _Mapping]] = ..., deleted: _Optional[_Union[Tombstone, _Mapping]] = ...) -> None: ...

class UpdateProjectRequest(_message.Message):
    __slots__ = ("id", "update_mask", "title", "brief", "competencies", "stages", "team_capacity", "min_team_size", "max_team_size", "credits", "pass_mark", "starts_on", "ends_on", "parallel_stages", "weights")
    ID_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BRIEF_FIELD_NUMBER: _ClassVar[int]
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    STAGES_FIELD_NUMBER: _ClassVar[int]
    TEAM_CAPACITY_FIELD_NUMBER: _ClassVar[int]
    MIN_TEAM_SIZE_FIELD_NUMBER: _ClassVar[int]
    MAX_TEAM_SIZE_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    PASS_MARK_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    PARALLEL_STAGES_FIELD_NUMBER: _ClassVar[int]
    WEIGHTS_FIELD_NUMBER: _ClassVar[int]
    id: str
    update_mask: _field_mask_pb2.FieldMask
    title: str
    brief: str
    competencies: _containers.RepeatedScalarFieldContainer[str]
    stages: _containers.RepeatedCompositeFieldContainer[Stage]
    team_capacity: int
    min_team_size: int
    max_team_size: int
    credits: str
    pass_mark: str
    starts_on: str
    ends_on: str
    parallel_stages: bool
    weights: Weights
    def __init__(self, id: _Optional[str] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., title: _Optional[str] = ..., brief: _Optional[str] = ..., competencies: _Optional[_Iterable[str]] = ..., stages: _Optional[_Iterable[_Union[Stage, _Mapping]]] = ..., team_capacity: _Optional[int] = ..., min_team_size: _Optional[int] = ..., max_team_size: _Optional[int] = ..., credits: _Optional[str] = ..., pass_mark: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., parallel_stages: _Optional[bool] = ..., weights: _Optional[_Union[Weights, _Mapping]] = ...) -> None: ...

class UpdateProjectResponse(_message.Message):
    __slots__ = ("project",)
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    project: Project
    def __init__(self, project: _Optional[_Union[Project, _Mapping]] = ...) -> None: ...

class PublishProjectRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class PublishProjectResponse(_message.Message):
    __slots__ = ("project",)
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    project: Project
    def __init__(self, project: _Optional[_Union[Project, _Mapping]] = ...) -> None: ...

class CompleteProjectRequest(_message.Message):
    __slots__ = ("id", "force", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    FORCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    force: bool
    reason: str
    def __init__(self, id: _Optional[str] = ..., force: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class CompleteProjectResponse(_message.Message):
    __slots__ = ("project", "teams_completed", "students_scored", "credits_awarded")
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    TEAMS_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    STUDENTS_SCORED_FIELD_NUMBER: _ClassVar[int]
    CREDITS_AWARDED_FIELD_NUMBER: _ClassVar[int]
    project: Project
    teams_completed: _containers.RepeatedScalarFieldContainer[str]
    students_scored: int
    credits_awarded: int
    def __init__(self, project: _Optional[_Union[Project, _Mapping]] = ..., teams_completed: _Optional[_Iterable[str]] = ..., students_scored: _Optional[int] = ..., credits_awarded: _Optional[int] = ...) -> None: ...

class SetPlatformTargetsRequest(_message.Message):
    __slots__ = ("id", "targets")
    class TargetsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: Target
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[Target, _Mapping]] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    id: str
    targets: _containers.MessageMap[str, Target]
    def __init__(self, id: _Optional[str] = ..., targets: _Optional[_Mapping[str, Target]] = ...) -> None: ...

class SetPlatformTargetsResponse(_message.Message):
    __slots__ = ("project",)
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    project: Project
    def __init__(self, project: _Optional[_Union[Project, _Mapping]] = ...) -> None: ...

class SharedSchool(_message.Message):
    __slots__ = ("school_org", "granted_at", "granted_by", "revoked_at", "revoked_by", "sees_project", "expires_at", "expired")
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    GRANTED_AT_FIELD_NUMBER: _ClassVar[int]
    GRANTED_BY_FIELD_NUMBER: _ClassVar[int]
    REVOKED_AT_FIELD_NUMBER: _ClassVar[int]
    REVOKED_BY_FIELD_NUMBER: _ClassVar[int]
    SEES_PROJECT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRED_FIELD_NUMBER: _ClassVar[int]
    school_org: str
    granted_at: str
    granted_by: str
    revoked_at: str
    revoked_by: str
    sees_project: bool
    expires_at: str
    expired: bool
    def __init__(self, school_org: _Optional[str] = ..., granted_at: _Optional[str] = ..., granted_by: _Optional[str] = ..., revoked_at: _Optional[str] = ..., revoked_by: _Optional[str] = ..., sees_project: _Optional[bool] = ..., expires_at: _Optional[str] = ..., expired: _Optional[bool] = ...) -> None: ...

class ListSharedSchoolsRequest(_message.Message):
    __slots__ = ("id", "page_size", "page_token")
    ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    id: str
    page_size: int
    page_token: str
    def __init__(self, id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListSharedSchoolsResponse(_message.Message):
    __slots__ = ("schools", "next_page_token")
    SCHOOLS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    schools: _containers.RepeatedCompositeFieldContainer[SharedSchool]
    next_page_token: str
    def __init__(self, schools: _Optional[_Iterable[_Union[SharedSchool, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ShareProjectRequest(_message.Message):
    __slots__ = ("id", "school_org", "expires_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    school_org: str
    expires_at: str
    def __init__(self, id: _Optional[str] = ..., school_org: _Optional[str] = ..., expires_at: _Optional[str] = ...) -> None: ...

class ShareProjectResponse(_message.Message):
    __slots__ = ("school",)
    SCHOOL_FIELD_NUMBER: _ClassVar[int]
    school: SharedSchool
    def __init__(self, school: _Optional[_Union[SharedSchool, _Mapping]] = ...) -> None: ...

class RevokeSchoolRequest(_message.Message):
    __slots__ = ("id", "school_org")
    ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    id: str
    school_org: str
    def __init__(self, id: _Optional[str] = ..., school_org: _Optional[str] = ...) -> None: ...

class RevokeSchoolResponse(_message.Message):
    __slots__ = ("school",)
    SCHOOL_FIELD_NUMBER: _ClassVar[int]
    school: SharedSchool
    def __init__(self, school: _Optional[_Union[SharedSchool, _Mapping]] = ...) -> None: ...

class Material(_message.Message):
    __slots__ = ("id", "project_id", "title", "kind", "uri", "description", "added_at", "added_by", "sensitivity")
    ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    URI_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ADDED_AT_FIELD_NUMBER: _ClassVar[int]
    ADDED_BY_FIELD_NUMBER: _ClassVar[int]
    SENSITIVITY_FIELD_NUMBER: _ClassVar[int]
    id: str
    project_id: str
    title: str
    kind: str
    uri: str
    description: str
    added_at: str
    added_by: str
    sensitivity: str
    def __init__(self, id: _Optional[str] = ..., project_id: _Optional[str] = ..., title: _Optional[str] = ..., kind: _Optional[str] = ..., uri: _Optional[str] = ..., description: _Optional[str] = ..., added_at: _Optional[str] = ..., added_by: _Optional[str] = ..., sensitivity: _Optional[str] = ...) -> None: ...

class AddMaterialRequest(_message.Message):
    __slots__ = ("project_id", "title", "kind", "uri", "description", "sensitivity")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    URI_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SENSITIVITY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    title: str
    kind: str
    uri: str
    description: str
    sensitivity: str
    def __init__(self, project_id: _Optional[str] = ..., title: _Optional[str] = ..., kind: _Optional[str] = ..., uri: _Optional[str] = ..., description: _Optional[str] = ..., sensitivity: _Optional[str] = ...) -> None: ...

class AddMaterialResponse(_message.Message):
    __slots__ = ("material",)
    MATERIAL_FIELD_NUMBER: _ClassVar[int]
    material: Material
    def __init__(self, material: _Optional[_Union[Material, _Mapping]] = ...) -> None: ...

class ListMaterialRequest(_message.Message):
    __slots__ = ("project_id", "page_size", "page_token")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    page_size: int
    page_token: str
    def __init__(self, project_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMaterialResponse(_message.Message):
    __slots__ = ("material", "next_page_token")
    MATERIAL_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    material: _containers.RepeatedCompositeFieldContainer[Material]
    next_page_token: str
    def __init__(self, material: _Optional[_Iterable[_Union[Material, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RemoveMaterialRequest(_message.Message):
    __slots__ = ("project_id", "material_id")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    MATERIAL_ID_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    material_id: str
    def __init__(self, project_id: _Optional[str] = ..., material_id: _Optional[str] = ...) -> None: ...

class RemoveMaterialResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Terms(_message.Message):
    __slots__ = ("project_id", "version", "text", "published_at", "published_by", "accepted")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_BY_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    version: int
    text: str
    published_at: str
    published_by: str
    accepted: bool
    def __init__(self, project_id: _Optional[str] = ..., version: _Optional[int] = ..., text: _Optional[str] = ..., published_at: _Optional[str] = ..., published_by: _Optional[str] = ..., accepted: _Optional[bool] = ...) -> None: ...

class PublishTermsRequest(_message.Message):
    __slots__ = ("project_id", "text")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    text: str
    def __init__(self, project_id: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class PublishTermsResponse(_message.Message):
    __slots__ = ("terms",)
    TERMS_FIELD_NUMBER: _ClassVar[int]
    terms: Terms
    def __init__(self, terms: _Optional[_Union[Terms, _Mapping]] = ...) -> None: ...

class GetTermsRequest(_message.Message):
    __slots__ = ("project_id",)
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    def __init__(self, project_id: _Optional[str] = ...) -> None: ...

class GetTermsResponse(_message.Message):
    __slots__ = ("terms",)
    TERMS_FIELD_NUMBER: _ClassVar[int]
    terms: Terms
    def __init__(self, terms: _Optional[_Union[Terms, _Mapping]] = ...) -> None: ...

class AcceptTermsRequest(_message.Message):
    __slots__ = ("project_id", "version")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    version: int
    def __init__(self, project_id: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class TermsAcceptance(_message.Message):
    __slots__ = ("project_id", "version", "student_ref", "school_org", "accepted_at")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_AT_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    version: int
    student_ref: str
    school_org: str
    accepted_at: str
    def __init__(self, project_id: _Optional[str] = ..., version: _Optional[int] = ..., student_ref: _Optional[str] = ..., school_org: _Optional[str] = ..., accepted_at: _Optional[str] = ...) -> None: ...

class AcceptTermsResponse(_message.Message):
    __slots__ = ("acceptance",)
    ACCEPTANCE_FIELD_NUMBER: _ClassVar[int]
    acceptance: TermsAcceptance
    def __init__(self, acceptance: _Optional[_Union[TermsAcceptance, _Mapping]] = ...) -> None: ...

class Member(_message.Message):
    __slots__ = ("student_ref", "display_name")
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    student_ref: str
    display_name: str
    def __init__(self, student_ref: _Optional[str] = ..., display_name: _Optional[str] = ...) -> None: ...

class Milestone(_message.Message):
    __slots__ = ("stage", "position", "status", "open", "updated_at")
    STAGE_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    OPEN_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    stage: str
    position: int
    status: str
    open: bool
    updated_at: str
    def __init__(self, stage: _Optional[str] = ..., position: _Optional[int] = ..., status: _Optional[str] = ..., open: _Optional[bool] = ..., updated_at: _Optional[str] = ...) -> None: ...

class Team(_message.Message):
    __slots__ = ("id", "project_id", "school_org", "enterprise_org", "name", "members", "status", "formed_at", "formed_by", "ended_at", "end_reason", "milestones")
    ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FORMED_AT_FIELD_NUMBER: _ClassVar[int]
    FORMED_BY_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    END_REASON_FIELD_NUMBER: _ClassVar[int]
    MILESTONES_FIELD_NUMBER: _ClassVar[int]
    id: str
    project_id: str
    school_org: str
    enterprise_org: str
    name: str
    members: _containers.RepeatedCompositeFieldContainer[Member]
    status: str
    formed_at: str
    formed_by: str
    ended_at: str
    end_reason: str
    milestones: _containers.RepeatedCompositeFieldContainer[Milestone]
    def __init__(self, id: _Optional[str] = ..., project_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., name: _Optional[str] = ..., members: _Optional[_Iterable[_Union[Member, _Mapping]]] = ..., status: _Optional[str] = ..., formed_at: _Optional[str] = ..., formed_by: _Optional[str] = ..., ended_at: _Optional[str] = ..., end_reason: _Optional[str] = ..., milestones: _Optional[_Iterable[_Union[Milestone, _Mapping]]] = ...) -> None: ...

class FormTeamRequest(_message.Message):
    __slots__ = ("project_id", "name", "members")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    name: str
    members: _containers.RepeatedCompositeFieldContainer[Member]
    def __init__(self, project_id: _Optional[str] = ..., name: _Optional[str] = ..., members: _Optional[_Iterable[_Union[Member, _Mapping]]] = ...) -> None: ...

class FormTeamResponse(_message.Message):
    __slots__ = ("team",)
    TEAM_FIELD_NUMBER: _ClassVar[int]
    team: Team
    def __init__(self, team: _Optional[_Union[Team, _Mapping]] = ...) -> None: ...

class GetTeamRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetTeamResponse(_message.Message):
    __slots__ = ("team",)
    TEAM_FIELD_NUMBER: _ClassVar[int]
    team: Team
    def __init__(self, team: _Optional[_Union[Team, _Mapping]] = ...) -> None: ...

class ListTeamsRequest(_message.Message):
    __slots__ = ("project_id", "page_size", "page_token", "updated_since")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    UPDATED_SINCE_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    page_size: int
    page_token: str
    updated_since: str
    def __init__(self, project_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., updated_since: _Optional[str] = ...) -> None: ...

class ListTeamsResponse(_message.Message):
    __slots__ = ("teams", "next_page_token", "changes", "next_cursor", "has_more")
    TEAMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    HAS_MORE_FIELD_NUMBER: _ClassVar[int]
    teams: _containers.RepeatedCompositeFieldContainer[Team]
    next_page_token: str
    changes: _containers.RepeatedCompositeFieldContainer[TeamChange]
    next_cursor: str
    has_more: bool
    def __init__(self, teams: _Optional[_Iterable[_Union[Team, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., changes: _Optional[_Iterable[_Union[TeamChange, _Mapping]]] = ..., next_cursor: _Optional[str] = ..., has_more: _Optional[bool] = ...) -> None: ...

class Tombstone(_message.Message):
    __slots__ = ("id", "changed_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    CHANGED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    changed_at: str
    def __init__(self, id: _Optional[str] = ..., changed_at: _Optional[str] = ...) -> None: ...

class TeamChange(_message.Message):
    __slots__ = ("team", "deleted")
    TEAM_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    team: Team
    deleted: Tombstone
    def __init__(self, team: _Optional[_Union[Team, _Mapping]] = ..., deleted: _Optional[_Union[Tombstone, _Mapping]] = ...) -> None: ...

class DissolveTeamRequest(_message.Message):
    __slots__ = ("id", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class DissolveTeamResponse(_message.Message):
    __slots__ = ("team",)
    TEAM_FIELD_NUMBER: _ClassVar[int]
    team: Team
    def __init__(self, team: _Optional[_Union[Team, _Mapping]] = ...) -> None: ...

class Deliverable(_message.Message):
    __slots__ = ("id", "team_id", "stage", "kind", "title", "link", "file_ref", "submitted_at", "submitted_by")
    ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    FILE_REF_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_BY_FIELD_NUMBER: _ClassVar[int]
    id: str
    team_id: str
    stage: str
    kind: str
    title: str
    link: str
    file_ref: str
    submitted_at: str
    submitted_by: str
    def __init__(self, id: _Optional[str] = ..., team_id: _Optional[str] = ..., stage: _Optional[str] = ..., kind: _Optional[str] = ..., title: _Optional[str] = ..., link: _Optional[str] = ..., file_ref: _Optional[str] = ..., submitted_at: _Optional[str] = ..., submitted_by: _Optional[str] = ...) -> None: ...

class SubmitDeliverableRequest(_message.Message):
    __slots__ = ("team_id", "stage", "kind", "title", "link", "file_ref")
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    FILE_REF_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    stage: str
    kind: str
    title: str
    link: str
    file_ref: str
    def __init__(self, team_id: _Optional[str] = ..., stage: _Optional[str] = ..., kind: _Optional[str] = ..., title: _Optional[str] = ..., link: _Optional[str] = ..., file_ref: _Optional[str] = ...) -> None: ...

class SubmitDeliverableResponse(_message.Message):
    __slots__ = ("deliverable",)
    DELIVERABLE_FIELD_NUMBER: _ClassVar[int]
    deliverable: Deliverable
    def __init__(self, deliverable: _Optional[_Union[Deliverable, _Mapping]] = ...) -> None: ...

class Review(_message.Message):
    __slots__ = ("id", "team_id", "stage", "decision", "comments", "reviewer", "side", "mentor_id", "reviewed_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    REVIEWER_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    REVIEWED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    team_id: str
    stage: str
    decision: str
    comments: str
    reviewer: str
    side: str
    mentor_id: str
    reviewed_at: str
    def __init__(self, id: _Optional[str] = ..., team_id: _Optional[str] = ..., stage: _Optional[str] = ..., decision: _Optional[str] = ..., comments: _Optional[str] = ..., reviewer: _Optional[str] = ..., side: _Optional[str] = ..., mentor_id: _Optional[str] = ..., reviewed_at: _Optional[str] = ...) -> None: ...

class ReviewStageRequest(_message.Message):
    __slots__ = ("team_id", "stage", "decision", "comments")
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    stage: str
    decision: str
    comments: str
    def __init__(self, team_id: _Optional[str] = ..., stage: _Optional[str] = ..., decision: _Optional[str] = ..., comments: _Optional[str] = ...) -> None: ...

class ReviewStageResponse(_message.Message):
    __slots__ = ("review",)
    REVIEW_FIELD_NUMBER: _ClassVar[int]
    review: Review
    def __init__(self, review: _Optional[_Union[Review, _Mapping]] = ...) -> None: ...

class GetTeamProgressRequest(_message.Message):
    __slots__ = ("team_id",)
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    def __init__(self, team_id: _Optional[str] = ...) -> None: ...

class GetTeamProgressResponse(_message.Message):
    __slots__ = ("team_id", "milestones", "deliverables", "reviews")
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    MILESTONES_FIELD_NUMBER: _ClassVar[int]
    DELIVERABLES_FIELD_NUMBER: _ClassVar[int]
    REVIEWS_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    milestones: _containers.RepeatedCompositeFieldContainer[Milestone]
    deliverables: _containers.RepeatedCompositeFieldContainer[Deliverable]
    reviews: _containers.RepeatedCompositeFieldContainer[Review]
    def __init__(self, team_id: _Optional[str] = ..., milestones: _Optional[_Iterable[_Union[Milestone, _Mapping]]] = ..., deliverables: _Optional[_Iterable[_Union[Deliverable, _Mapping]]] = ..., reviews: _Optional[_Iterable[_Union[Review, _Mapping]]] = ...) -> None: ...

class MetricPoint(_message.Message):
    __slots__ = ("name", "value", "unit", "period_start", "period_end", "recorded_at", "recorded_by")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: str
    unit: str
    period_start: str
    period_end: str
    recorded_at: str
    recorded_by: str
    def __init__(self, name: _Optional[str] = ..., value: _Optional[str] = ..., unit: _Optional[str] = ..., period_start: _Optional[str] = ..., period_end: _Optional[str] = ..., recorded_at: _Optional[str] = ..., recorded_by: _Optional[str] = ...) -> None: ...

class RecordMetricsRequest(_message.Message):
    __slots__ = ("team_id", "metrics")
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    metrics: _containers.RepeatedCompositeFieldContainer[MetricPoint]
    def __init__(self, team_id: _Optional[str] = ..., metrics: _Optional[_Iterable[_Union[MetricPoint, _Mapping]]] = ...) -> None: ...

class RecordMetricsResponse(_message.Message):
    __slots__ = ("metrics",)
    METRICS_FIELD_NUMBER: _ClassVar[int]
    metrics: _containers.RepeatedCompositeFieldContainer[MetricPoint]
    def __init__(self, metrics: _Optional[_Iterable[_Union[MetricPoint, _Mapping]]] = ...) -> None: ...

class ListMetricsRequest(_message.Message):
    __slots__ = ("team_id", "metric", "from_date", "to_date", "page_size", "page_token")
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    metric: str
    from_date: str
    to_date: str
    page_size: int
    page_token: str
    def __init__(self, team_id: _Optional[str] = ..., metric: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMetricsResponse(_message.Message):
    __slots__ = ("metrics", "next_page_token")
    METRICS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    metrics: _containers.RepeatedCompositeFieldContainer[MetricPoint]
    next_page_token: str
    def __init__(self, metrics: _Optional[_Iterable[_Union[MetricPoint, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Evaluation(_message.Message):
    __slots__ = ("id", "team_id", "student_ref", "party", "assessment", "scores", "score", "comments", "evaluator", "mentor_id", "recorded_at")
    class ScoresEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    ASSESSMENT_FIELD_NUMBER: _ClassVar[int]
    SCORES_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    EVALUATOR_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    team_id: str
    student_ref: str
    party: str
    assessment: str
    scores: _containers.ScalarMap[str, str]
    score: str
    comments: str
    evaluator: str
    mentor_id: str
    recorded_at: str
    def __init__(self, id: _Optional[str] = ..., team_id: _Optional[str] = ..., student_ref: _Optional[str] = ..., party: _Optional[str] = ..., assessment: _Optional[str] = ..., scores: _Optional[_Mapping[str, str]] = ..., score: _Optional[str] = ..., comments: _Optional[str] = ..., evaluator: _Optional[str] = ..., mentor_id: _Optional[str] = ..., recorded_at: _Optional[str] = ...) -> None: ...

class RecordEvaluationRequest(_message.Message):
    __slots__ = ("team_id", "student_ref", "assessment", "scores", "comments")
    class ScoresEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    ASSESSMENT_FIELD_NUMBER: _ClassVar[int]
    SCORES_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    student_ref: str
    assessment: str
    scores: _containers.ScalarMap[str, str]
    comments: str
    def __init__(self, team_id: _Optional[str] = ..., student_ref: _Optional[str] = ..., assessment: _Optional[str] = ..., scores: _Optional[_Mapping[str, str]] = ..., comments: _Optional[str] = ...) -> None: ...

class RecordEvaluationResponse(_message.Message):
    __slots__ = ("evaluation",)
    EVALUATION_FIELD_NUMBER: _ClassVar[int]
    evaluation: Evaluation
    def __init__(self, evaluation: _Optional[_Union[Evaluation, _Mapping]] = ...) -> None: ...

class ListEvaluationsRequest(_message.Message):
    __slots__ = ("team_id", "student_ref", "page_size", "page_token")
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    student_ref: str
    page_size: int
    page_token: str
    def __init__(self, team_id: _Optional[str] = ..., student_ref: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListEvaluationsResponse(_message.Message):
    __slots__ = ("evaluations", "next_page_token")
    EVALUATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    evaluations: _containers.RepeatedCompositeFieldContainer[Evaluation]
    next_page_token: str
    def __init__(self, evaluations: _Optional[_Iterable[_Union[Evaluation, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PeerRating(_message.Message):
    __slots__ = ("id", "team_id", "stage", "rater_ref", "ratee_ref", "score", "comments", "recorded_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    RATER_REF_FIELD_NUMBER: _ClassVar[int]
    RATEE_REF_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    team_id: str
    stage: str
    rater_ref: str
    ratee_ref: str
    score: str
    comments: str
    recorded_at: str
    def __init__(self, id: _Optional[str] = ..., team_id: _Optional[str] = ..., stage: _Optional[str] = ..., rater_ref: _Optional[str] = ..., ratee_ref: _Optional[str] = ..., score: _Optional[str] = ..., comments: _Optional[str] = ..., recorded_at: _Optional[str] = ...) -> None: ...

class RatePeerRequest(_message.Message):
    __slots__ = ("team_id", "stage", "ratee_ref", "score", "comments")
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    RATEE_REF_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    stage: str
    ratee_ref: str
    score: str
    comments: str
    def __init__(self, team_id: _Optional[str] = ..., stage: _Optional[str] = ..., ratee_ref: _Optional[str] = ..., score: _Optional[str] = ..., comments: _Optional[str] = ...) -> None: ...

class RatePeerResponse(_message.Message):
    __slots__ = ("rating",)
    RATING_FIELD_NUMBER: _ClassVar[int]
    rating: PeerRating
    def __init__(self, rating: _Optional[_Union[PeerRating, _Mapping]] = ...) -> None: ...

class ListPeerRatingsRequest(_message.Message):
    __slots__ = ("team_id", "page_size", "page_token")
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    page_size: int
    page_token: str
    def __init__(self, team_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListPeerRatingsResponse(_message.Message):
    __slots__ = ("ratings", "next_page_token")
    RATINGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ratings: _containers.RepeatedCompositeFieldContainer[PeerRating]
    next_page_token: str
    def __init__(self, ratings: _Optional[_Iterable[_Union[PeerRating, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PartScore(_message.Message):
    __slots__ = ("party", "weight", "score", "weighted", "given_by", "at", "missing")
    PARTY_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    WEIGHTED_FIELD_NUMBER: _ClassVar[int]
    GIVEN_BY_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    MISSING_FIELD_NUMBER: _ClassVar[int]
    party: str
    weight: str
    score: str
    weighted: str
    given_by: _containers.RepeatedScalarFieldContainer[str]
    at: str
    missing: str
    def __init__(self, party: _Optional[str] = ..., weight: _Optional[str] = ..., score: _Optional[str] = ..., weighted: _Optional[str] = ..., given_by: _Optional[_Iterable[str]] = ..., at: _Optional[str] = ..., missing: _Optional[str] = ...) -> None: ...

class ValueAdded(_message.Message):
    __slots__ = ("baseline", "latest", "absolute", "relative", "parties")
    BASELINE_FIELD_NUMBER: _ClassVar[int]
    LATEST_FIELD_NUMBER: _ClassVar[int]
    ABSOLUTE_FIELD_NUMBER: _ClassVar[int]
    RELATIVE_FIELD_NUMBER: _ClassVar[int]
    PARTIES_FIELD_NUMBER: _ClassVar[int]
    baseline: str
    latest: str
    absolute: str
    relative: str
    parties: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, baseline: _Optional[str] = ..., latest: _Optional[str] = ..., absolute: _Optional[str] = ..., relative: _Optional[str] = ..., parties: _Optional[_Iterable[str]] = ...) -> None: ...

class Missing(_message.Message):
    __slots__ = ("part", "reason")
    PART_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    part: str
    reason: str
    def __init__(self, part: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class Scorecard(_message.Message):
    __slots__ = ("student_ref", "team_id", "project_id", "parts", "weighted_total", "complete", "missing", "value_added", "pass_mark", "passes")
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PARTS_FIELD_NUMBER: _ClassVar[int]
    WEIGHTED_TOTAL_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_FIELD_NUMBER: _ClassVar[int]
    MISSING_FIELD_NUMBER: _ClassVar[int]
    VALUE_ADDED_FIELD_NUMBER: _ClassVar[int]
    PASS_MARK_FIELD_NUMBER: _ClassVar[int]
    PASSES_FIELD_NUMBER: _ClassVar[int]
    student_ref: str
    team_id: str
    project_id: str
    parts: _containers.RepeatedCompositeFieldContainer[PartScore]
    weighted_total: str
    complete: bool
    missing: _containers.RepeatedCompositeFieldContainer[Missing]
    value_added: ValueAdded
    pass_mark: str
    passes: bool
    def __init__(self, student_ref: _Optional[str] = ..., team_id: _Optional[str] = ..., project_id: _Optional[str] = ..., parts: _Optional[_Iterable[_Union[PartScore, _Mapping]]] = ..., weighted_total: _Optional[str] = ..., complete: _Optional[bool] = ..., missing: _Optional[_Iterable[_Union[Missing, _Mapping]]] = ..., value_added: _Optional[_Union[ValueAdded, _Mapping]] = ..., pass_mark: _Optional[str] = ..., passes: _Optional[bool] = ...) -> None: ...

class GetScorecardRequest(_message.Message):
    __slots__ = ("team_id", "student_ref")
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    student_ref: str
    def __init__(self, team_id: _Optional[str] = ..., student_ref: _Optional[str] = ...) -> None: ...

class GetScorecardResponse(_message.Message):
    __slots__ = ("scorecard",)
    SCORECARD_FIELD_NUMBER: _ClassVar[int]
    scorecard: Scorecard
    def __init__(self, scorecard: _Optional[_Union[Scorecard, _Mapping]] = ...) -> None: ...

class MetricAchievement(_message.Message):
    __slots__ = ("metric", "target", "unit", "value", "achievement")
    METRIC_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    ACHIEVEMENT_FIELD_NUMBER: _ClassVar[int]
    metric: str
    target: str
    unit: str
    value: str
    achievement: str
    def __init__(self, metric: _Optional[str] = ..., target: _Optional[str] = ..., unit: _Optional[str] = ..., value: _Optional[str] = ..., achievement: _Optional[str] = ...) -> None: ...

class PlatformScore(_message.Message):
    __slots__ = ("score", "metrics", "missing")
    SCORE_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    MISSING_FIELD_NUMBER: _ClassVar[int]
    score: str
    metrics: _containers.RepeatedCompositeFieldContainer[MetricAchievement]
    missing: str
    def __init__(self, score: _Optional[str] = ..., metrics: _Optional[_Iterable[_Union[MetricAchievement, _Mapping]]] = ..., missing: _Optional[str] = ...) -> None: ...

class GetTeamScorecardsRequest(_message.Message):
    __slots__ = ("team_id",)
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    def __init__(self, team_id: _Optional[str] = ...) -> None: ...

class GetTeamScorecardsResponse(_message.Message):
    __slots__ = ("team_id", "platform", "scorecards")
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    SCORECARDS_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    platform: PlatformScore
    scorecards: _containers.RepeatedCompositeFieldContainer[Scorecard]
    def __init__(self, team_id: _Optional[str] = ..., platform: _Optional[_Union[PlatformScore, _Mapping]] = ..., scorecards: _Optional[_Iterable[_Union[Scorecard, _Mapping]]] = ...) -> None: ...

class Credit(_message.Message):
    __slots__ = ("id", "student_ref", "school_org", "enterprise_org", "project_id", "project_title", "team_id", "credits", "score", "awarded_on")
    ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_TITLE_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    AWARDED_ON_FIELD_NUMBER: _ClassVar[int]
    id: str
    student_ref: str
    school_org: str
    enterprise_org: str
    project_id: str
    project_title: str
    team_id: str
    credits: str
    score: str
    awarded_on: str
    def __init__(self, id: _Optional[str] = ..., student_ref: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., project_id: _Optional[str] = ..., project_title: _Optional[str] = ..., team_id: _Optional[str] = ..., credits: _Optional[str] = ..., score: _Optional[str] = ..., awarded_on: _Optional[str] = ...) -> None: ...

class ListCreditsRequest(_message.Message):
    __slots__ = ("project_id", "page_size", "page_token", "updated_since")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    UPDATED_SINCE_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    page_size: int
    page_token: str
    updated_since: str
    def __init__(self, project_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., updated_since: _Optional[str] = ...) -> None: ...

class ListCreditsResponse(_message.Message):
    __slots__ = ("credits", "next_page_token", "changes", "next_cursor", "has_more")
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    HAS_MORE_FIELD_NUMBER: _ClassVar[int]
    credits: _containers.RepeatedCompositeFieldContainer[Credit]
    next_page_token: str
    changes: _containers.RepeatedCompositeFieldContainer[CreditChange]
    next_cursor: str
    has_more: bool
    def __init__(self, credits: _Optional[_Iterable[_Union[Credit, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., changes: _Optional[_Iterable[_Union[CreditChange, _Mapping]]] = ..., next_cursor: _Optional[str] = ..., has_more: _Optional[bool] = ...) -> None: ...

class CreditChange(_message.Message):
    __slots__ = ("credit", "deleted")
    CREDIT_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    credit: Credit
    deleted: Tombstone
    def __init__(self, credit: _Optional[_Union[Credit, _Mapping]] = ..., deleted: _Optional[_Union[Tombstone, _Mapping]] = ...) -> None: ...

class ExportCreditsRequest(_message.Message):
    __slots__ = ("project_id", "format")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    format: ExportFormat
    def __init__(self, project_id: _Optional[str] = ..., format: _Optional[_Union[ExportFormat, str]] = ...) -> None: ...

class ExportCreditsResponse(_message.Message):
    __slots__ = ("content_type", "content", "count")
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    content_type: str
    content: bytes
    count: int
    def __init__(self, content_type: _Optional[str] = ..., content: _Optional[bytes] = ..., count: _Optional[int] = ...) -> None: ...
