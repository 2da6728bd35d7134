"""The internships unit of work: the kernel's UnitOfWork with this service's repositories bound to its transaction,
and its aggregates' domain events translated to integration events (outgoing.py) at commit."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.action_links import ActionLinkRepository
from internships.adapters.agreements import AgreementRepository
from internships.adapters.attendance import AttendanceRepository
from internships.adapters.attendance_reports import AttendanceReportRepository
from internships.adapters.base_tiers import BaseTierRepository
from internships.adapters.course import CourseRepository
from internships.adapters.credit_ledger import CreditLedgerRepository
from internships.adapters.documents import DocumentRepository
from internships.adapters.erasure import ErasureRepository
from internships.adapters.erasure_requests import ErasureRequestRepository
from internships.adapters.evaluations import EvaluationRepository
from internships.adapters.export_jobs import ExportJobRepository
from internships.adapters.feedback import FeedbackRepository
from internships.adapters.grades import GradeRepository
from internships.adapters.guidance import GuidanceRepository
from internships.adapters.insurance import InsuranceRepository
from internships.adapters.logbooks import LogbookRepository
from internships.adapters.mentoring import MentoringRepository
from internships.adapters.ministry_report import MinistryReportRepository
from internships.adapters.organisations import OrganisationRepository
from internships.adapters.outcomes import HireRepository, LedgerRepository, ProgrammeRepository
from internships.adapters.placements import PlacementRepository
from internships.adapters.positions import BaseRepository, PositionRepository
from internships.adapters.reports import ReportRepository
from internships.adapters.roster import RosterRepository
from internships.adapters.round_runs import RunRepository
from internships.adapters.round_students import RoundStudentRepository
from internships.adapters.rounds import RoundRepository
from internships.adapters.weekly_reports import WeeklyReportRepository
from internships.outgoing import integration_event
from praxis_common.audit import AuditLog
from praxis_common.imports.jobs import ImportJobRepository
from praxis_common.uow import UnitOfWork


class InternshipsUnit(UnitOfWork):
    """The repositories, on this unit's transaction: `u.agreements`, `u.bases`, `u.positions`, `u.placements`,
    `u.logbooks`, `u.rounds`, `u.round_students`, `u.runs`, `u.mentoring`, `u.reports`, and those of the internship
    course: `u.organisations`, `u.course`, `u.documents`, `u.insurance`, `u.attendance`, `u.attendance_reports`,
    `u.weekly_reports`, `u.ministry_report`; those of outcomes: `u.guidance`, `u.hires`, `u.programmes`, `u.ledger`;
    the feedback survey's and base tiers': `u.feedback`, `u.base_tiers`; evaluation's: `u.evaluations`; and grades
    and credits': `u.grades`, `u.credit_ledger`; the used action links: `u.action_links`; imports': `u.import_jobs`,
    `u.roster`; the audit log of cross-organisation reads: `u.audit`; the erasures it coordinates:
    `u.erasure_requests`, and its own part of one: `u.erasure`."""

    agreements: AgreementRepository
    bases: BaseRepository
    positions: PositionRepository
    placements: PlacementRepository
    documents: DocumentRepository
    logbooks: LogbookRepository
    insurance: InsuranceRepository
    rounds: RoundRepository
    organisations: OrganisationRepository
    round_students: RoundStudentRepository
    runs: RunRepository
    mentoring: MentoringRepository
    ministry_report: MinistryReportRepository
    reports: ReportRepository
    weekly_reports: WeeklyReportRepository
    attendance: AttendanceRepository
    attendance_reports: AttendanceReportRepository
    course: CourseRepository  # programme requirements, amendments' locks (u.course)
    guidance: GuidanceRepository  # guidance sessions, from the mentors service's events
    feedback: FeedbackRepository  # the students' survey answers
    base_tiers: BaseTierRepository  # tier decisions, and the records the tier evidence is computed from
    hires: HireRepository
    programmes: ProgrammeRepository
    ledger: LedgerRepository  # the partnership value ledger's read model (written by its consumers only)
    evaluations: EvaluationRepository  # rubric versions, placement evaluations, evaluation windows
    grades: GradeRepository  # every revision of a placement's grade
    credit_ledger: CreditLedgerRepository  # the school's credit ledger (a read model of events)
    erasure_requests: ErasureRequestRepository  # the student erasures this service coordinates
    action_links: ActionLinkRepository  # the action links already used (docs/action-links.md)
    import_jobs: ImportJobRepository  # bulk import jobs (praxis_common.imports)
    roster: RosterRepository  # the schools' student rosters
    audit: AuditLog  # cross-organisation reads (praxis_common.audit)
    erasure: ErasureRepository  # erasing a student (handlers/erasure.py)
    export_jobs: ExportJobRepository  # organisation exports this service coordinates (docs/export.md)

    # Tracked aggregates need no context beyond themselves (agreements, bases, logbook weeks, rounds); placements and
    # positions carry their position's competencies / base's country, and their use cases emit them (u.emit).
    integration_event = staticmethod(integration_event)

    def _bind(self, connection: AsyncConnection) -> None:
        self.agreements = AgreementRepository(connection)
        self.action_links = ActionLinkRepository(connection)
        self.import_jobs = ImportJobRepository(connection)
        self.audit = AuditLog(connection)
        self.erasure = ErasureRepository(connection)
        self.roster = RosterRepository(connection)
        self.export_jobs = ExportJobRepository(connection)
        self.insurance = InsuranceRepository(connection)
        self.organisations = OrganisationRepository(connection)
        self.bases = BaseRepository(connection)
        self.positions = PositionRepository(connection)
        self.placements = PlacementRepository(connection)
        self.logbooks = LogbookRepository(connection)
        self.rounds = RoundRepository(connection)
        self.round_students = RoundStudentRepository(connection)
        self.weekly_reports = WeeklyReportRepository(connection)
        self.runs = RunRepository(connection)
        self.mentoring = MentoringRepository(connection)
        self.ministry_report = MinistryReportRepository(connection)
        self.reports = ReportRepository(connection)
        self.attendance = AttendanceRepository(connection)
        self.attendance_reports = AttendanceReportRepository(connection)
        self.course = CourseRepository(connection)
        self.documents = DocumentRepository(connection)
        self.feedback = FeedbackRepository(connection)
        self.base_tiers = BaseTierRepository(connection)
        self.guidance = GuidanceRepository(connection)
        self.hires = HireRepository(connection)
        self.programmes = ProgrammeRepository(connection)
        self.ledger = LedgerRepository(connection)
        self.evaluations = EvaluationRepository(connection)
        self.grades = GradeRepository(connection)
        self.credit_ledger = CreditLedgerRepository(connection)
        self.erasure_requests = ErasureRequestRepository(connection)
