"""Agreement document use cases: schools' templates, a placement's rendered agreement, its signatures, and the one
function that keeps the document in step with the placement's data (refresh_document).

Who signs: the school (admin, coordinator) for the school party; the enterprise (admin, hr) for the enterprise
party; the student in person (a student token whose `sub` is the placement's student_ref), or the school on the
student's behalf (`on_behalf_of="student"`) or, for a minor, recording the guardian's signature
(`on_behalf_of="guardian"`). Any order. Non-parties get 404, a party's member without a signing role 403. Signing
again for a party that signed the current version changes nothing (a retry is safe): its first signature stands.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import date

from internships.domain import agreement_pdf, agreement_templates
from internships.domain.agreement_clauses import clauses
from internships.domain.compliance import CompliancePolicy
from internships.domain.documents import (
    DocumentRendered,
    DocumentSigned,
    OnBehalfOf,
    PlacementDocument,
    Signature,
    SignaturesVoided,
    SigningParty,
    TemplateUpdated,
    check_current,
    context_digest,
    missing,
    sha256,
)
from internships.domain.placements import HOLDING, IllegalTransition, Placement, PlacementStatus
from internships.handlers.audit import audited_read
from internships.outgoing import integration_event
from internships.policy import own_student_ref, visible_placement
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, FieldError, Forbidden, InvalidInput
from praxis_common.uow import Clock, UowFactory, utc_clock

TEMPLATE_ROLES = ("admin",)  # who uploads the school's templates
READ_TEMPLATE_ROLES = ("admin", "coordinator", "teacher")
SCHOOL_SIGNING_ROLES = ("admin", "coordinator")
ENTERPRISE_SIGNING_ROLES = ("admin", "hr")
ADULT_AGE = 18  # below it (at the start) the school may record the guardian's signature for the student
DEFAULT_LOCALE = "zh-CN"


# The placement's data may still change (and the document with it) until it starts.
BEFORE_START = frozenset({PlacementStatus.REQUESTED, PlacementStatus.CONFIRMED})


class NoDocument(Conflict):
    code, title = "no-document", "The placement has no agreement document"


@dataclass(frozen=True)
class Template:
    locale: str
    source: str
    sha256: str
    is_default: bool
    updated_at: object = None
    updated_by: str | None = None


@dataclass(frozen=True)
class SignDocument:
    document_sha256: str
    on_behalf_of: OnBehalfOf | None = None


@dataclass(frozen=True)
class DocumentView:
    placement: Placement
    document: PlacementDocument
    signatures: list[Signature]  # of the current version
    missing: list[SigningParty]

    @property
    def complete(self) -> bool:
        return not self.missing


# ---- templates


async def set_template(
    locale: str, source: str, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Template:
    """The school's admin uploads its agreement template for a locale; it is checked by rendering it first."""
    _school_member(principal, TEMPLATE_ROLES)
    await asyncio.to_thread(agreement_templates.check, source)  # a template's bounds are checked off the event loop
    digest, now = sha256(source.encode()), clock()
    async with uow() as u:
        await u.documents.put_template(
            school_org=principal.org, locale=locale, source=source, sha256=digest, at=now, by=principal.sub
        )
        u.emit(integration_event(TemplateUpdated(principal.org, locale, digest, now, principal.sub)))
        await u.commit()
    return Template(locale, source, digest, False, now, principal.sub)


async def get_template(locale: str, principal: Principal, *, uow: UowFactory) -> Template:
    """The school's own template for the locale, or the default shipped with the service."""
    _school_member(principal, READ_TEMPLATE_ROLES)
    async with uow() as u:
        return await _template(u, principal.org, locale)


async def _template(u, school_org: str, locale: str) -> Template:
    row = await u.documents.template(school_org, locale)
    if row is not None:
        return Template(locale, row["source"], row["sha256"], False, row["updated_at"], row["updated_by"])
    source = agreement_templates.default_source(locale)
    return Template(locale, source, sha256(source.encode()), True)


def _school_member(principal: Principal, roles: tuple[str, ...]) -> None:
    if principal.org_kind != "school" or own_student_ref(principal) is not None:
        raise Forbidden("agreement templates belong to schools")
    if not principal.has_any_role(*roles):
        raise Forbidden(f"needs one of the roles {', '.join(roles)}")


# ---- the document


async def document_context(u, placement: Placement, *, compliance: CompliancePolicy, locale: str) -> dict:
    """Everything a template may use, from the placement's data. The one place the context is built: what it holds
    is what the digest covers, so a change to any of it re-renders the document and voids its signatures."""
    position = await u.positions.get(placement.position_id)
    base = await u.bases.get(position.base_id)
    agreement = await u.agreements.get(placement.agreement_id)
    profile = placement.profile or {}
    return {
        "locale": locale,
        "placement": {
            "id": str(placement.id),
            "starts_on": placement.starts_on.isoformat(),
            "ends_on": placement.ends_on.isoformat(),
        },
        "agreement": {
            "id": str(placement.agreement_id),
            "valid_from": agreement.valid_from.isoformat() if agreement else None,
            "valid_to": agreement.valid_to.isoformat() if agreement else None,
        },
        "school": _party(placement.school_org, await u.organisations.get(placement.school_org), locale),
        "enterprise": _party(placement.enterprise_org, await u.organisations.get(placement.enterprise_org), locale),
        "course": {
            "internship_type": placement.internship_type,
            "organisation_form": placement.organisation_form,
            "internship_mode": placement.internship_mode,
            "cohort": placement.cohort,
        },
        # The obligation the agreement states (who insures, what it covers), not a policy: a policy recorded after
        # the signatures does not change the document (docs/documents.md).
        "insurance": {
            "required": compliance.insurance_cover_required,
            "payers": [p for p in (compliance.insurance_payers or ("school", "enterprise")) if p != "student"],
        },
        "student": {
            "ref": placement.student_ref,
            "display_name": profile.get("display_name") or placement.student_ref,
            "programme": profile.get("programme"),
        },
        "position": {
            "title": position.title,
            "description": position.description,
            "duties": [{"name": d.name, "kind": d.kind.value} for d in position.duties],
            "monthly_pay": str(position.monthly_pay) if position.monthly_pay is not None else None,
            "weekly_hours": None,  # positions do not declare weekly hours yet
        },
        "base": {"name": base.name, "country": base.country, "city": base.city} if base else {},
        "compliance": {"policy": compliance.name, "clauses": clauses(compliance, locale)},
    }


def _party(org: str, profile, locale: str) -> dict:
    """A party as its profile names it (drafting an agreement needs both profiles; the org id if one is gone)."""
    if profile is None:
        return {"org": org, "name": org, "code": None, "address": None}
    names = (profile.name_zh, profile.name_en) if locale == "zh-CN" else (profile.name_en, profile.name_zh)
    return {
        "org": org,
        "name": next((n for n in names if n), org),
        "code": profile.uscc or profile.school_code,
        "address": profile.address,
    }


def _render(source: str, context: dict, locale: str, title: str) -> tuple[str, bytes]:
    """The template's text and its PDF: CPU work, run in a thread so the event loop keeps serving."""
    body = agreement_templates.render(source, context, field="template")
    try:
        return body, agreement_pdf.typeset(body, locale=locale, title=title)
    except Exception as e:  # noqa: BLE001  what a school's template makes the typesetter refuse is the school's
        raise InvalidInput(
            "the template's text cannot be typeset", errors=[FieldError("template", f"{type(e).__name__}: {e}")]
        ) from None


async def _locale(u, placement: Placement) -> str:
    """An overseas placement (its base outside China) gets the English agreement, any other the Chinese one."""
    position = await u.positions.get(placement.position_id)
    base = await u.bases.get(position.base_id)
    return "en" if base is not None and base.country != "CN" else DEFAULT_LOCALE


async def refresh_document(
    u, placement: Placement, *, compliance: CompliancePolicy, clock: Clock = utc_clock
) -> PlacementDocument:
    """The placement's current document, rendered again when its data changed since (call it, in the unit of work,
    after any change to the placement's data; the placement should be locked). When the context's digest differs
    from the current version's, that version and its signatures are voided (kept, marked) and a new version is
    rendered from the school's current template, with placement.document_rendered (and
    placement.signatures_voided when there were signatures). Once the placement started, the signed document is
    the agreement it runs under: kept as it is, whatever changes later (a party's new address, say); an ended
    placement that never had one has none (409 no-document)."""
    current = await u.documents.current(placement.id)
    if placement.status not in BEFORE_START:
        if current is not None:
            return current
        if placement.status not in HOLDING:
            raise NoDocument(f"the placement is {placement.status} and never had its agreement rendered")
    locale = current.locale if current is not None else await _locale(u, placement)
    context = await document_context(u, placement, compliance=compliance, locale=locale)
    digest = context_digest(context)
    if current is not None and current.context_digest == digest:
        return current
    template = await _template(u, placement.school_org, locale)
    body, pdf = await asyncio.to_thread(_render, template.source, context, locale, _title(placement))
    now = clock()
    document = PlacementDocument(
        placement_id=placement.id,
        version=(current.version + 1) if current else 1,
        locale=locale,
        sha256=sha256(pdf),
        context_digest=digest,
        body=body,
        pdf=pdf,
        rendered_at=now,
    )
    if current is not None:
        voided = await u.documents.void(placement.id, current.version, now)
        if voided:
            u.emit(
                integration_event(SignaturesVoided(placement, current.version, tuple(voided), document.version, now))
            )
    await u.documents.add(document)
    u.emit(integration_event(DocumentRendered(document, placement, current.version if current else None)))
    return document


async def missing_signatures(
    u, placement: Placement, *, compliance: CompliancePolicy, clock: Clock = utc_clock
) -> list[SigningParty]:
    """The parties whose signature the current version (refreshed first) lacks: the start rule's input."""
    document = await refresh_document(u, placement, compliance=compliance, clock=clock)
    return missing(await u.documents.signatures(placement.id, document.version))


async def get_document(
    placement_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    compliance: CompliancePolicy = CompliancePolicy.CN_VOCATIONAL_2021,
    clock: Clock = utc_clock,
) -> DocumentView:
    """The current version (rendered first if the placement's data changed), its signatures and who is missing."""
    async with uow() as u:
        view = await _view(u, placement_id, principal, compliance=compliance, clock=clock)
        await audited_read(u, view.placement, principal, "document", clock=clock)
        await u.commit()
    return view


async def get_document_pdf(
    placement_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    compliance: CompliancePolicy = CompliancePolicy.CN_VOCATIONAL_2021,
    signature_page: bool = True,
    clock: Clock = utc_clock,
) -> tuple[DocumentView, bytes]:
    """The current version's PDF: exactly the bytes signed, or (by default) with the signature page appended."""
    view = await get_document(placement_id, principal, uow=uow, compliance=compliance, clock=clock)
    d = view.document
    if not signature_page:
        return view, d.pdf
    lines = [
        agreement_pdf.SignatureLine(
            s.party.value,
            s.signer_sub,
            s.signer_org,
            s.on_behalf_of.value if s.on_behalf_of else None,
            s.signed_at.isoformat(),
        )
        for s in view.signatures
    ]
    pdf = await asyncio.to_thread(  # typesetting is CPU work: off the event loop
        agreement_pdf.with_signature_page,
        d.body,
        locale=d.locale,
        title=_title(view.placement),
        version=d.version,
        document_sha256=d.sha256,
        signatures=lines,
    )
    return view, pdf


async def sign_document(
    placement_id: uuid.UUID,
    cmd: SignDocument,
    principal: Principal,
    *,
    uow: UowFactory,
    compliance: CompliancePolicy = CompliancePolicy.CN_VOCATIONAL_2021,
    clock: Clock = utc_clock,
) -> DocumentView:
    """The caller signs the current version for their party, quoting its SHA-256 (409 stale-document naming the
    current one otherwise)."""
    async with uow() as u:
        placement = visible_placement(await u.placements.get(placement_id, for_update=True), principal)[0]
        party = _signing_party(principal, placement, cmd.on_behalf_of)
        if placement.status not in HOLDING:
            raise IllegalTransition(f"the placement is {placement.status}: its agreement is no longer signed")
        document = await refresh_document(u, placement, compliance=compliance, clock=clock)
        check_current(document, cmd.document_sha256)
        signature = Signature(
            placement_id=placement.id,
            document_version=document.version,
            document_sha256=document.sha256,
            party=party,
            signer_sub=principal.sub,
            signer_org=principal.org,
            on_behalf_of=cmd.on_behalf_of,
            signed_at=clock(),
            id=uuid.uuid4(),
        )
        if await u.documents.add_signature(signature):
            signatures = await u.documents.signatures(placement.id, document.version)
            u.emit(integration_event(DocumentSigned(signature, placement, not missing(signatures))))
        signatures = await u.documents.signatures(placement.id, document.version)
        await u.commit()
    return DocumentView(placement, document, signatures, missing(signatures))


async def _view(u, placement_id: uuid.UUID, principal: Principal, *, compliance, clock) -> DocumentView:
    placement = visible_placement(await u.placements.get(placement_id, for_update=True), principal)[0]
    document = await refresh_document(u, placement, compliance=compliance, clock=clock)
    signatures = await u.documents.signatures(placement.id, document.version)
    return DocumentView(placement, document, signatures, missing(signatures))


def _signing_party(principal: Principal, placement: Placement, on_behalf_of: OnBehalfOf | None) -> SigningParty:
    """The party the caller signs for (visible() has already answered non-parties with 404)."""
    if own_student_ref(principal) is not None:  # this placement's student (visible() checked the sub)
        if principal.org_kind != "school":
            raise Forbidden("a student signs through their school's sign-in")
        if on_behalf_of is not None:
            raise _invalid_behalf("a student signs for themselves; on_behalf_of is for the school")
        return SigningParty.STUDENT
    if principal.org_kind == "school":
        if not principal.has_any_role(*SCHOOL_SIGNING_ROLES):
            raise Forbidden(f"the school signs with one of the roles {', '.join(SCHOOL_SIGNING_ROLES)}")
        if on_behalf_of is OnBehalfOf.STUDENT:
            raise _invalid_behalf(
                "the student signs in person (their own sign-in); the school signs the student's part only for a "
                "minor's guardian (on_behalf_of: guardian)"
            )
        if on_behalf_of is OnBehalfOf.GUARDIAN and not _minor(placement.student_birth_date, placement.starts_on):
            raise _invalid_behalf(
                f"the guardian signs only for a student under {ADULT_AGE} at the start (birth date as booked)"
            )
        return SigningParty.STUDENT if on_behalf_of is not None else SigningParty.SCHOOL
    if on_behalf_of is not None:
        raise _invalid_behalf("only the school signs on the student's behalf")
    if not principal.has_any_role(*ENTERPRISE_SIGNING_ROLES):
        raise Forbidden(f"the enterprise signs with one of the roles {', '.join(ENTERPRISE_SIGNING_ROLES)}")
    return SigningParty.ENTERPRISE


def _minor(birth: date | None, on: date) -> bool:
    if birth is None:
        return False
    return (on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))) < ADULT_AGE


def _invalid_behalf(message: str) -> InvalidInput:
    return InvalidInput(message, errors=[FieldError("on_behalf_of", message)])


def _title(placement: Placement) -> str:
    return f"Tripartite internship agreement, placement {placement.id}"
