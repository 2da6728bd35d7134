"""Domain events of the internships service → integration events (praxis.events.v1 payloads)."""

from __future__ import annotations

from functools import singledispatch

from internships.domain.agreements import AgreementActivated, AgreementEnded, EndReason
from internships.domain.amendments import PlacementAmended
from internships.domain.attendance import AnomalyFlagged, DayRecorded, WeekAttestedEvent
from internships.domain.course import EndedShort, HoursReached, RequirementSet
from internships.domain.documents import DocumentRendered, DocumentSigned, Signature, SignaturesVoided, TemplateUpdated
from internships.domain.insurance import PlacementInsured, PolicyRecorded
from internships.domain.leave import LeaveChanged
from internships.domain.logbooks import LogbookApproved
from internships.domain.ministry_report import ReportDownloaded
from internships.domain.organisations import ProfileUpdated
from internships.domain.placements import PlacementChanged
from internships.domain.positions import BaseCreated, PositionClosed, PositionPublished
from internships.domain.rounds import RoundPublishedEvent
from internships.domain.weekly_reports import ReportChanged, ReportCommented
from praxis.events.v1 import (
    agreements_pb2,
    attendance_pb2,
    course_pb2,
    documents_pb2,
    insurance_pb2,
    ministry_pb2,
    organisations_pb2,
    placements_pb2,
    rounds_pb2,
    weekly_reports_pb2,
)
from praxis_common.events import IntegrationEvent

SERVICE = "internships"

_END_REASON = {
    EndReason.TERMINATED: agreements_pb2.AGREEMENT_END_REASON_TERMINATED,
    EndReason.EXPIRED: agreements_pb2.AGREEMENT_END_REASON_EXPIRED,
}


def _event(topic: str, aggregate_type: str, aggregate_id, payload) -> IntegrationEvent:
    return IntegrationEvent(
        source=SERVICE,
        topic=f"internships.{topic}",
        aggregate_type=aggregate_type,
        aggregate_id=str(aggregate_id),
        payload=payload,
    )


@singledispatch
def integration_event(event, **context) -> IntegrationEvent:
    raise TypeError(f"no integration event for {type(event).__name__}")


@integration_event.register
def _(event: AgreementActivated, **context) -> IntegrationEvent:
    a = event.agreement
    return _event(
        "agreement.activated",
        "agreement",
        a.id,
        agreements_pb2.AgreementActivated(
            agreement_id=str(a.id),
            school_org=a.school_org,
            enterprise_org=a.enterprise_org,
            valid_from=a.valid_from.isoformat(),
            valid_to=a.valid_to.isoformat(),
            intern_quota=a.intern_quota,
            activated_at=a.activated_at.isoformat(),
        ),
    )


@integration_event.register
def _(event: AgreementEnded, **context) -> IntegrationEvent:
    a = event.agreement
    return _event(
        "agreement.ended",
        "agreement",
        a.id,
        agreements_pb2.AgreementEnded(
            agreement_id=str(a.id),
            school_org=a.school_org,
            enterprise_org=a.enterprise_org,
            reason=_END_REASON[event.reason],
            ended_at=a.ended_at.isoformat(),
            terminated_by_org=a.terminated_by_org or "",
            note=a.termination_reason or "",
        ),
    )


@integration_event.register
def _(event: BaseCreated, **context) -> IntegrationEvent:
    b = event.base
    return _event(
        "base.created",
        "base",
        b.id,
        placements_pb2.BaseCreated(
            base_id=str(b.id),
            agreement_id=str(b.agreement_id),
            school_org=b.school_org,
            enterprise_org=b.enterprise_org,
            name=b.name,
            tier=int(b.tier),
            country=b.country,
            city=b.city,
            capacity=b.capacity,
        ),
    )


@integration_event.register(PositionPublished)
@integration_event.register(PositionClosed)
def _(event, *, country: str = "", **context) -> IntegrationEvent:
    p = event.position
    return _event(
        f"position.{p.status.value}",
        "position",
        p.id,
        placements_pb2.PositionChanged(
            position_id=str(p.id),
            base_id=str(p.base_id),
            enterprise_org=p.enterprise_org,
            title=p.title,
            seats=p.seats,
            starts_on=p.starts_on.isoformat(),
            ends_on=p.ends_on.isoformat(),
            competencies=p.competencies,
            languages=p.languages,
            country=country,
            status=p.status.value,
        ),
    )


@integration_event.register
def _(event: PlacementChanged, *, position_competencies: list[str] = (), **context) -> IntegrationEvent:
    p = event.placement
    at = {
        "requested": p.requested_at,
        "confirmed": p.decided_at,
        "rejected": p.decided_at,
        "started": p.started_at,
    }.get(event.kind, p.ended_at)
    return _event(
        f"placement.{event.kind}",
        "placement",
        p.id,
        placements_pb2.PlacementChanged(
            placement_id=str(p.id),
            position_id=str(p.position_id),
            agreement_id=str(p.agreement_id),
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=p.student_ref,
            status=p.status.value,
            starts_on=p.starts_on.isoformat(),
            ends_on=p.ends_on.isoformat(),
            reason=p.reason or "",
            occurred_at=at.isoformat() if at else "",
            position_competencies=list(position_competencies),
            student_competencies=list(p.profile.get("competencies", [])),
            student_languages=list(p.profile.get("languages", [])),
            forced=p.forced,
        ),
    )


@integration_event.register
def _(event: LogbookApproved, **context) -> IntegrationEvent:
    w, p = event.week, event.placement
    return _event(
        "logbook.approved",
        "placement",
        p.id,
        placements_pb2.LogbookApproved(
            placement_id=str(p.id),
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=p.student_ref,
            week_start=w.week_start.isoformat(),
            total_hours=str(w.total_hours),
            core_hours=str(w.core_hours),
            approved_at=w.reviewed_at.isoformat(),
            approved_by=w.reviewed_by or "",
            on_behalf_of_mentor=w.reviewed_on_behalf,
            mentor_id=str(w.reviewer_mentor_id or ""),
        ),
    )


@integration_event.register
def _(event: RoundPublishedEvent, **context) -> IntegrationEvent:
    r = event.round
    return _event(
        "round.published",
        "round",
        r.id,
        rounds_pb2.RoundPublished(
            round_id=str(r.id),
            title=r.title,
            owner_org=r.owner_org,
            schools=r.schools,
            enterprise_org=r.enterprise_org or "",
            run_id=str(event.run_id),
            input_hash=event.input_hash,
            algorithm_version=event.algorithm_version,
            seed=r.seed,
            students=event.students,
            placements=event.placements,
            placement_status=r.publish_as.value,
            published_at=r.published_at.isoformat(),
        ),
    )


# ---- attendance (domain/attendance.py, domain/leave.py)


def _parties(p) -> dict:
    return {
        "placement_id": str(p.id),
        "school_org": p.school_org,
        "enterprise_org": p.enterprise_org,
        "student_ref": p.student_ref,
    }


@integration_event.register
def _(event: DayRecorded, **context) -> IntegrationEvent:
    d, p = event.day, event.placement
    return _event(
        "attendance.day_recorded",
        "placement",
        p.id,
        attendance_pb2.AttendanceDayRecorded(
            **_parties(p),
            day=d.day.isoformat(),
            status=d.status.value,
            check_in=d.check_in.isoformat() if d.check_in else "",
            check_out=d.check_out.isoformat() if d.check_out else "",
            hours=str(d.hours),
            recorded_at=d.recorded_at.isoformat(),
            recorded_by=d.recorded_by,
            recorded_by_org=d.recorded_by_org,
        ),
    )


@integration_event.register
def _(event: LeaveChanged, **context) -> IntegrationEvent:
    r, p = event.request, event.placement
    return _event(
        f"leave.{event.kind}",
        "placement",
        p.id,
        attendance_pb2.LeaveRequestChanged(
            **_parties(p),
            leave_request_id=str(r.id),
            first_day=r.first_day.isoformat(),
            last_day=r.last_day.isoformat(),
            status=r.status.value,
            requested_by=r.requested_by,
            decided_by=r.decided_by or "",
            decided_on_behalf_of_mentor=r.decided_on_behalf,
            mentor_id=str(r.mentor_id or ""),
            occurred_at=(r.decided_at or r.requested_at).isoformat(),
        ),
    )


@integration_event.register
def _(event: WeekAttestedEvent, **context) -> IntegrationEvent:
    w, p = event.week, event.placement
    return _event(
        "attendance.week_attested",
        "placement",
        p.id,
        attendance_pb2.AttendanceWeekAttested(
            **_parties(p),
            week_start=w.week_start.isoformat(),
            disputed_days=[
                attendance_pb2.DisputedAttendanceDay(day=d.day.isoformat(), reason=d.reason) for d in w.disputed_days
            ],
            present_days=w.present_days,
            present_hours=str(w.present_hours),
            attested_at=w.attested_at.isoformat(),
            attested_by=w.attested_by,
            on_behalf_of_mentor=w.attested_on_behalf,
            mentor_id=str(w.mentor_id or ""),
            revision=w.revision,
        ),
    )


@integration_event.register
def _(event: AnomalyFlagged, **context) -> IntegrationEvent:
    w, p = event.week, event.placement
    return _event(
        "attendance.anomaly_flagged",
        "placement",
        p.id,
        attendance_pb2.AttendanceAnomalyFlagged(
            **_parties(p),
            week_start=w.week_start.isoformat(),
            present_hours=str(w.present_hours),
            logbook_hours=str(w.logbook_hours),
            flagged_at=w.attested_at.isoformat(),
        ),
    )


# The course (domain/course.py, domain/amendments.py; docs/course.md).


@integration_event.register
def _(event: PlacementAmended, **context) -> IntegrationEvent:
    p = event.placement
    return _event(
        "placement.amended",
        "placement",
        p.id,
        course_pb2.PlacementAmended(
            placement_id=str(p.id),
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=p.student_ref,
            changes=[
                course_pb2.FieldChange(field=name, before=before or "", after=after or "")
                for name, (before, after) in event.changes.items()
            ],
            amended_by=event.by,
            starts_on=p.starts_on.isoformat(),
            ends_on=p.ends_on.isoformat(),
            internship_type=p.internship_type,
            organisation_form=p.organisation_form,
            internship_mode=p.internship_mode,
            cohort=p.cohort or "",
        ),
    )


@integration_event.register
def _(event: RequirementSet, **context) -> IntegrationEvent:
    r = event.requirement
    return _event(
        "programme_requirement.set",
        "programme_requirement",
        r.id,
        course_pb2.ProgrammeRequirementSet(
            requirement_id=str(r.id),
            school_org=r.school_org,
            internship_type=r.internship_type.value,
            cohort=r.cohort or "",
            required_hours=str(r.required_hours),
            min_weeks=r.min_weeks,
            min_weekly_reports=r.min_weekly_reports,
            set_at=r.set_at.isoformat(),
            set_by=r.set_by,
        ),
    )


@integration_event.register
def _(event: HoursReached, **context) -> IntegrationEvent:
    p = event.placement
    return _event(
        "placement.hours_reached",
        "placement",
        p.id,
        course_pb2.PlacementHoursReached(
            placement_id=str(p.id),
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=p.student_ref,
            milestone=event.milestone,
            approved_hours=str(event.approved_hours),
            required_hours=str(event.required_hours),
        ),
    )


@integration_event.register
def _(event: EndedShort, **context) -> IntegrationEvent:
    p, progress = event.placement, event.progress
    required = progress.requirement
    return _event(
        "placement.ended_short",
        "placement",
        p.id,
        course_pb2.PlacementEndedShort(
            placement_id=str(p.id),
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=p.student_ref,
            status=p.status.value,
            internship_type=p.internship_type,
            cohort=p.cohort or "",
            approved_hours=str(progress.approved_hours),
            required_hours=str(required.required_hours) if required else "",
            approved_weeks=progress.approved_weeks,
            min_weeks=required.min_weeks if required else 0,
            short_of=progress.short_of,
        ),
    )


# ---- weekly and monthly reports (domain/weekly_reports.py)


@integration_event.register
def _(event: ReportChanged, **context) -> IntegrationEvent:
    r, p = event.report, event.placement
    reviewed = event.happened != "submitted"
    return _event(
        f"weekly_report.{event.happened}",
        "weekly_report",
        r.id,
        weekly_reports_pb2.WeeklyReportChanged(
            report_id=str(r.id),
            placement_id=str(p.id),
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=p.student_ref,
            kind=r.kind.value,
            period_start=r.period_start.isoformat(),
            status=r.status.value,
            occurred_at=(r.reviewed_at if reviewed else r.submitted_at).isoformat(),
            actor=(r.reviewed_by if reviewed else r.submitted_by) or "",
            score=r.score,
            mentor_id=str(r.reviewer_mentor_id or ""),
            duties=r.duties,
        ),
    )


@integration_event.register
def _(event: ReportCommented, **context) -> IntegrationEvent:
    r, p, c = event.report, event.placement, event.comment
    return _event(
        "weekly_report.commented",
        "weekly_report",
        r.id,
        weekly_reports_pb2.WeeklyReportCommented(
            report_id=str(r.id),
            placement_id=str(p.id),
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=p.student_ref,
            kind=r.kind.value,
            period_start=r.period_start.isoformat(),
            comment_id=str(c.id),
            side=c.side,
            author=c.author,
            mentor_id=str(c.mentor_id or ""),
            commented_at=c.created_at.isoformat(),
        ),
    )


# ---- insurance (domain/insurance.py)


@integration_event.register
def _(event: PolicyRecorded, **context) -> IntegrationEvent:
    p = event.policy
    return _event(
        "insurance.policy_recorded",
        "insurance_policy",
        p.id,
        insurance_pb2.InsurancePolicyRecorded(
            policy_id=str(p.id),
            owner_org=p.owner_org,
            insurer=p.insurer,
            policy_number=p.policy_number,
            coverage_type=p.coverage_type.value,
            starts_on=p.starts_on.isoformat(),
            ends_on=p.ends_on.isoformat(),
            payer=p.payer.value,
            recorded_by=p.recorded_by,
            recorded_at=p.recorded_at.isoformat(),
        ),
    )


@integration_event.register
def _(event: PlacementInsured, **context) -> IntegrationEvent:
    p, pl = event.policy, event.placement
    return _event(
        "placement.insured",
        "placement",
        pl.id,
        insurance_pb2.PlacementInsured(
            placement_id=str(pl.id),
            policy_id=str(p.id),
            school_org=pl.school_org,
            enterprise_org=pl.enterprise_org,
            student_ref=pl.student_ref,
            coverage_type=p.coverage_type.value,
            starts_on=p.starts_on.isoformat(),
            ends_on=p.ends_on.isoformat(),
            attached_at=event.attached_at.isoformat(),
            attached_by=event.attached_by,
        ),
    )


# ---- the tripartite agreement's document (domain/documents.py)


def _signature(s: Signature) -> documents_pb2.PlacementSignature:
    return documents_pb2.PlacementSignature(
        party=s.party.value,
        signer_sub=s.signer_sub,
        signer_org=s.signer_org,
        on_behalf_of=s.on_behalf_of.value if s.on_behalf_of else "",
        signed_at=s.signed_at.isoformat(),
        document_sha256=s.document_sha256,
    )


@integration_event.register
def _(event: TemplateUpdated, **context) -> IntegrationEvent:
    return _event(
        "agreement_template.updated",
        "agreement_template",
        f"{event.school_org}/{event.locale}",
        documents_pb2.AgreementTemplateUpdated(
            school_org=event.school_org,
            locale=event.locale,
            sha256=event.sha256,
            updated_at=event.updated_at.isoformat(),
            updated_by=event.updated_by,
        ),
    )


@integration_event.register
def _(event: DocumentRendered, **context) -> IntegrationEvent:
    d, p = event.document, event.placement
    return _event(
        "placement.document_rendered",
        "placement",
        p.id,
        documents_pb2.PlacementDocumentRendered(
            placement_id=str(p.id),
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=p.student_ref,
            version=d.version,
            locale=d.locale,
            document_sha256=d.sha256,
            context_digest=d.context_digest,
            rendered_at=d.rendered_at.isoformat(),
            previous_version=event.previous_version or 0,
        ),
    )


@integration_event.register
def _(event: SignaturesVoided, **context) -> IntegrationEvent:
    p = event.placement
    return _event(
        "placement.signatures_voided",
        "placement",
        p.id,
        documents_pb2.PlacementSignaturesVoided(
            placement_id=str(p.id),
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=p.student_ref,
            version=event.version,
            new_version=event.new_version,
            signatures=[_signature(s) for s in event.signatures],
            voided_at=event.at.isoformat(),
        ),
    )


@integration_event.register
def _(event: DocumentSigned, **context) -> IntegrationEvent:
    s, p = event.signature, event.placement
    return _event(
        "placement.document_signed",
        "placement",
        p.id,
        documents_pb2.PlacementDocumentSigned(
            placement_id=str(p.id),
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=p.student_ref,
            version=s.document_version,
            signature=_signature(s),
            complete=event.complete,
        ),
    )


# ---- organisation profiles (domain/organisations.py)


@integration_event.register
def _(event: ProfileUpdated, **context) -> IntegrationEvent:
    p = event.profile
    return _event(
        "organisation.profile_updated",
        "organisation",
        p.org,
        organisations_pb2.OrganisationProfileUpdated(
            org=p.org,
            kind=p.kind.value,
            name_zh=p.name_zh or "",
            name_en=p.name_en or "",
            school_code=p.school_code or "",
            uscc=p.uscc or "",
            version=p.version,
            updated_at=p.updated_at.isoformat(),
        ),
    )


@integration_event.register
def _(event: ReportDownloaded, **context) -> IntegrationEvent:
    return _event(
        "ministry_report.downloaded",
        "ministry_report",
        f"{event.school_org}/{event.month}",
        ministry_pb2.MinistryReportDownloaded(
            download_id=str(event.download_id),
            school_org=event.school_org,
            month=str(event.month),
            format=event.fmt,
            placements=event.placements,
            sha256=event.sha256,
            downloaded_by=event.by,
            downloaded_at=event.at.isoformat(),
        ),
    )
