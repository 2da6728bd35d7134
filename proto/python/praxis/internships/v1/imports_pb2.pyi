from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ImportJob(_message.Message):
    __slots__ = ("id", "kind", "state", "dry_run", "file_sha256", "total", "processed", "created", "updated", "unchanged", "failed", "errors", "errors_more", "detail", "created_by", "created_at", "started_at", "finished_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    FILE_SHA256_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    PROCESSED_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    UPDATED_FIELD_NUMBER: _ClassVar[int]
    UNCHANGED_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    ERRORS_MORE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    kind: str
    state: str
    dry_run: bool
    file_sha256: str
    total: int
    processed: int
    created: int
    updated: int
    unchanged: int
    failed: int
    errors: _containers.RepeatedCompositeFieldContainer[ImportRowError]
    errors_more: int
    detail: str
    created_by: str
    created_at: str
    started_at: str
    finished_at: str
    def __init__(self, id: _Optional[str] = ..., kind: _Optional[str] = ..., state: _Optional[str] = ..., dry_run: _Optional[bool] = ..., file_sha256: _Optional[str] = ..., total: _Optional[int] = ..., processed: _Optional[int] = ..., created: _Optional[int] = ..., updated: _Optional[int] = ..., unchanged: _Optional[int] = ..., failed: _Optional[int] = ..., errors: _Optional[_Iterable[_Union[ImportRowError, _Mapping]]] = ..., errors_more: _Optional[int] = ..., detail: _Optional[str] = ..., created_by: _Optional[str] = ..., created_at: _Optional[str] = ..., started_at: _Optional[str] = ..., finished_at: _Optional[str] = ...) -> None: ...

class ImportRowError(_message.Message):
    __slots__ = ("file", "line", "field", "message")
    FILE_FIELD_NUMBER: _ClassVar[int]
    LINE_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    file: str
    line: int
    field: str
    message: str
    def __init__(self, file: _Optional[str] = ..., line: _Optional[int] = ..., field: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class StartImportRequest(_message.Message):
    __slots__ = ("content", "dry_run")
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    content: bytes
    dry_run: bool
    def __init__(self, content: _Optional[bytes] = ..., dry_run: _Optional[bool] = ...) -> None: ...

class StartImportResponse(_message.Message):
    __slots__ = ("job",)
    JOB_FIELD_NUMBER: _ClassVar[int]
    job: ImportJob
    def __init__(self, job: _Optional[_Union[ImportJob, _Mapping]] = ...) -> None: ...

class GetImportJobRequest(_message.Message):
    __slots__ = ("job_id",)
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    def __init__(self, job_id: _Optional[str] = ...) -> None: ...

class GetImportJobResponse(_message.Message):
    __slots__ = ("job",)
    JOB_FIELD_NUMBER: _ClassVar[int]
    job: ImportJob
    def __init__(self, job: _Optional[_Union[ImportJob, _Mapping]] = ...) -> None: ...

class ListImportJobsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListImportJobsResponse(_message.Message):
    __slots__ = ("jobs", "next_page_token")
    JOBS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    jobs: _containers.RepeatedCompositeFieldContainer[ImportJob]
    next_page_token: str
    def __init__(self, jobs: _Optional[_Iterable[_Union[ImportJob, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RosterStudent(_message.Message):
    __slots__ = ("student_ref", "display_name", "programme", "competencies", "languages", "study_year", "created_at", "updated_at")
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    PROGRAMME_FIELD_NUMBER: _ClassVar[int]
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    STUDY_YEAR_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    student_ref: str
    display_name: str
    programme: str
    competencies: _containers.RepeatedScalarFieldContainer[str]
    languages: _containers.RepeatedScalarFieldContainer[str]
    study_year: int
    created_at: str
    updated_at: str
    def __init__(self, student_ref: _Optional[str] = ..., display_name: _Optional[str] = ..., programme: _Optional[str] = ..., competencies: _Optional[_Iterable[str]] = ..., languages: _Optional[_Iterable[str]] = ..., study_year: _Optional[int] = ..., created_at: _Optional[str] = ..., updated_at: _Optional[str] = ...) -> None: ...

class ListStudentsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListStudentsResponse(_message.Message):
    __slots__ = ("students", "next_page_token")
    STUDENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    students: _containers.RepeatedCompositeFieldContainer[RosterStudent]
    next_page_token: str
    def __init__(self, students: _Optional[_Iterable[_Union[RosterStudent, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
