"""Request and response bodies of placement attendance (days, leave requests, weekly attestations) and its reports,
shared by REST and gRPC."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool

from internships.domain.attendance import AttendanceDay, AttendanceWeek, DayStatus, DisputedDay
from internships.domain.attendance_summary import Anomaly, AttendanceSummary, UnattestedWeek
from internships.domain.leave import LeaveRequest
from internships.handlers.attendance import (
    Attendance,
    AttestWeek,
    DecideLeave,
    RecordDay,
    RequestLeave,
)
from internships.handlers.attendance_reports import PlacementAttendance
from praxis_common.pages import Page
from praxis_common.validation import Date, Text


def _local(value: time | None) -> time | None:
    if value is not None and value.tzinfo is not None:
        raise ValueError("a local time of day, without a UTC offset")
    return value


LocalTime = Annotated[time, AfterValidator(_local)]
Reason = Annotated[Text, Field(min_length=1, max_length=500)]


class AttendanceDayIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"status": "present", "check_in": "09:00", "check_out": "17:30"},
                {"status": "absent", "reason": "ill, doctor's note given to the school"},
            ]
        },
    )

    status: Literal["present", "absent"] = Field(description="leave is recorded by an approved leave request")
    check_in: LocalTime | None = Field(default=None, description="local time; required when present")
    check_out: LocalTime | None = Field(default=None, description="local time, after check_in; required when present")
    reason: Reason | None = Field(default=None, description="required when absent")

    def to_command(self, placement_id: uuid.UUID, day: date) -> RecordDay:
        return RecordDay(placement_id, day, DayStatus(self.status), self.check_in, self.check_out, self.reason)


class LeaveRequestIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"first_day": "2027-03-08", "last_day": "2027-03-09", "reason": "exam"}]},
    )

    first_day: Date
    last_day: Date = Field(description="the last day of leave (inclusive); on or after first_day")
    reason: Reason

    def to_command(self, placement_id: uuid.UUID) -> RequestLeave:
        return RequestLeave(placement_id, self.first_day, self.last_day, self.reason)


class LeaveDecisionIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"approve": True}, {"approve": False, "comments": "the store launch is that week"}]
        },
    )

    approve: StrictBool
    comments: Annotated[Text, Field(min_length=1, max_length=2000)] | None = Field(
        default=None, description="optional to approve, required to reject"
    )
    on_behalf_of_mentor: StrictBool = Field(
        default=False, description="the enterprise's admin or HR decides for the placement's assigned mentor"
    )

    def to_command(self, placement_id: uuid.UUID, request_id: uuid.UUID) -> DecideLeave:
        return DecideLeave(placement_id, request_id, self.approve, self.comments, self.on_behalf_of_mentor)


class DisputedDayIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: Date
    reason: Reason


class AttestationIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"disputed_days": []}, {"disputed_days": [{"day": "2027-03-03", "reason": "not on site"}]}]
        },
    )

    disputed_days: Annotated[list[DisputedDayIn], Field(max_length=7)] = Field(
        default_factory=list, description="the days the mentor does not confirm; empty: the whole week is attested"
    )
    on_behalf_of_mentor: StrictBool = Field(
        default=False, description="the enterprise's admin or HR attests for the placement's assigned mentor"
    )

    def to_command(self, placement_id: uuid.UUID, week_start: date) -> AttestWeek:
        disputed = [DisputedDay(d.day, d.reason) for d in self.disputed_days]
        return AttestWeek(placement_id, week_start, disputed, self.on_behalf_of_mentor)


class Day(BaseModel):
    """The {day} of PUT …/attendance/{day} (gRPC builds it to validate the same way)."""

    model_config = ConfigDict(extra="forbid")

    day: Date


class WeekStart(BaseModel):
    """The {week_start} of the attestation route: an ISO date (the domain checks it is a Monday)."""

    model_config = ConfigDict(extra="forbid")

    week_start: Date


# ---- responses


class AttendanceDayRead(BaseModel):
    day: date
    status: str
    check_in: time | None
    check_out: time | None
    hours: Decimal = Field(description="check_out - check_in, for a day present")
    reason: str | None
    leave_request_id: uuid.UUID | None = Field(description="the approved leave that made the day leave")
    recorded_at: datetime
    recorded_by: str

    @classmethod
    def of(cls, d: AttendanceDay) -> AttendanceDayRead:
        return cls(**{n: getattr(d, n) for n in cls.model_fields})


class LeaveRequestRead(BaseModel):
    id: uuid.UUID
    placement_id: uuid.UUID
    first_day: date
    last_day: date
    reason: str
    status: str
    requested_at: datetime
    requested_by: str
    decided_at: datetime | None
    decided_by: str | None
    comments: str | None = Field(description="the decider's comments")
    decided_on_behalf: bool
    mentor_id: uuid.UUID | None

    @classmethod
    def of(cls, r: LeaveRequest) -> LeaveRequestRead:
        return cls(**{n: getattr(r, n) for n in cls.model_fields if n != "comments"}, comments=r.comment)


class DisputedDayRead(BaseModel):
    day: date
    reason: str


class AttendanceWeekRead(BaseModel):
    week_start: date
    attested_at: datetime
    attested_by: str
    attested_on_behalf: bool
    mentor_id: uuid.UUID | None
    disputed_days: list[DisputedDayRead]
    present_days: int = Field(description="recorded present and not disputed")
    present_hours: Decimal
    logbook_hours: Decimal | None = Field(description="the week's approved logbook hours when attested")
    anomaly: bool = Field(description="more approved logbook hours than attested presence hours")
    revision: int

    @classmethod
    def of(cls, w: AttendanceWeek) -> AttendanceWeekRead:
        return cls(
            **{n: getattr(w, n) for n in cls.model_fields if n != "disputed_days"},
            disputed_days=[DisputedDayRead(day=d.day, reason=d.reason) for d in w.disputed_days],
        )


class AttendanceSummaryRead(BaseModel):
    expected_days: int
    present_days: int
    absent_days: int
    leave_days: int
    unrecorded_days: int
    disputed_days: int
    attested_weeks: int
    attendance_rate: Decimal | None = Field(description="present (not disputed) / expected days; null before any")

    @classmethod
    def of(cls, s: AttendanceSummary) -> AttendanceSummaryRead:
        return cls(**{n: getattr(s, n) for n in cls.model_fields if n != "attendance_rate"}, attendance_rate=s.rate)


class AttendanceRead(BaseModel):
    placement_id: uuid.UUID
    days: list[AttendanceDayRead]
    weeks: list[AttendanceWeekRead] = Field(description="the attested weeks")
    leave_requests: list[LeaveRequestRead]
    summary: AttendanceSummaryRead
    enterprise_mentor_id: uuid.UUID | None = Field(description="who attests, as internships knows; null until assigned")

    @classmethod
    def of(cls, a: Attendance) -> AttendanceRead:
        return cls(
            placement_id=a.placement.id,
            days=[AttendanceDayRead.of(d) for d in a.days],
            weeks=[AttendanceWeekRead.of(w) for w in a.weeks],
            leave_requests=[LeaveRequestRead.of(r) for r in a.leave_requests],
            summary=AttendanceSummaryRead.of(a.summary),
            enterprise_mentor_id=a.enterprise_mentor_id,
        )


class PlacementAttendanceRead(BaseModel):
    placement_id: uuid.UUID
    student_ref: str
    school_org: str
    enterprise_org: str
    status: str
    summary: AttendanceSummaryRead

    @classmethod
    def of(cls, r: PlacementAttendance) -> PlacementAttendanceRead:
        p = r.placement
        return cls(
            placement_id=p.id,
            student_ref=p.student_ref,
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            status=p.status.value,
            summary=AttendanceSummaryRead.of(r.summary),
        )


class PlacementAttendancePage(Page[PlacementAttendanceRead]):
    pass


class UnattestedWeekRead(BaseModel):
    placement_id: uuid.UUID
    student_ref: str
    school_org: str
    enterprise_org: str
    week_start: date

    @classmethod
    def of(cls, w: UnattestedWeek) -> UnattestedWeekRead:
        return cls(**vars(w))


class UnattestedWeekPage(Page[UnattestedWeekRead]):
    pass


class AnomalyRead(BaseModel):
    placement_id: uuid.UUID
    student_ref: str
    school_org: str
    enterprise_org: str
    week_start: date
    present_days: int
    present_hours: Decimal = Field(description="attested presence hours")
    logbook_hours: Decimal = Field(description="approved logbook hours, more than present_hours")

    @classmethod
    def of(cls, a: Anomaly) -> AnomalyRead:
        return cls(**vars(a))


class AnomalyPage(Page[AnomalyRead]):
    pass
