"""Organisation profiles through gRPC (OrganisationsService): the same use cases and refusals as REST, and
CreateAgreement's refusal of an organisation without a profile as INVALID_ARGUMENT naming the field."""

from __future__ import annotations

import random
from datetime import date, timedelta

import grpc
import httpx
import pytest
from organisation_profiles import ensure_profile_grpc, uscc

from praxis.internships.v1 import internships_pb2 as ipb
from praxis.internships.v1 import internships_pb2_grpc as ipb_grpc
from praxis.internships.v1 import organisations_pb2 as pb
from praxis.internships.v1 import organisations_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack

SCHOOL, ENTERPRISE, OUTSIDER = "school-gorg", "ent-gorg", "ent-gorg-other"


@pytest.fixture
async def channel(stack):
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as ch:
        yield ch


def meta(stack: Stack, org: str, kind: str, role: str) -> tuple:
    return (("authorization", f"Bearer {stack.token(org, kind, role)}"),)


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await call
    return err.value


async def test_put_and_get_through_grpc_are_the_rest_profile(stack, channel):
    stub = pb_grpc.OrganisationsServiceStub(channel)
    hr = meta(stack, ENTERPRISE, "enterprise", "hr")
    code = uscc(random.Random(23))
    request = pb.PutOwnProfileRequest(name_zh="海贸", uscc=code.lower(), contact_email="hr@sea.example")
    put = (await stub.PutOwnProfile(request, metadata=hr, timeout=10)).profile
    own = (await stub.GetProfile(pb.GetProfileRequest(), metadata=hr, timeout=10)).profile
    assert put == own and own.uscc == code and own.kind == "enterprise" and not own.HasField("name_en")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        rest = (await c.get("/v1/organisations/me", headers=stack.auth(ENTERPRISE, "enterprise", "hr"))).json()
    assert (rest["uscc"], rest["version"], rest["name_en"]) == (code, own.version, None)


async def test_refusals_match_rest(stack, channel):
    stub = pb_grpc.OrganisationsServiceStub(channel)
    hr = meta(stack, ENTERPRISE, "enterprise", "hr")
    code = uscc(random.Random(29))
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    bad = await refused(stub.PutOwnProfile(pb.PutOwnProfileRequest(name_en="x", uscc=wrong), metadata=hr, timeout=10))
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT and "uscc" in bad.details() and "check" in bad.details()
    nul = await refused(
        stub.PutOwnProfile(pb.PutOwnProfileRequest(name_en="a\x00", uscc=code), metadata=hr, timeout=10)
    )
    assert nul.code() == grpc.StatusCode.INVALID_ARGUMENT and "name_en" in nul.details()
    mentor = meta(stack, ENTERPRISE, "enterprise", "mentor")
    denied = await refused(
        stub.PutOwnProfile(pb.PutOwnProfileRequest(name_en="x", uscc=code), metadata=mentor, timeout=10)
    )
    assert denied.code() == grpc.StatusCode.PERMISSION_DENIED
    await ensure_profile_grpc(channel, stack, OUTSIDER, "enterprise")
    outsider = meta(stack, OUTSIDER, "enterprise", "hr")
    for org in (ENTERPRISE, SCHOOL, "nobody-gorg"):
        hidden = await refused(stub.GetProfile(pb.GetProfileRequest(org=org), metadata=outsider, timeout=10))
        assert hidden.code() == grpc.StatusCode.NOT_FOUND and org not in hidden.details()
    malformed = await refused(stub.GetProfile(pb.GetProfileRequest(org="a/b"), metadata=outsider, timeout=10))
    assert malformed.code() == grpc.StatusCode.INVALID_ARGUMENT and "org" in malformed.details()


async def test_create_agreement_names_the_party_without_a_profile(stack, channel):
    agreements = ipb_grpc.InternshipsServiceStub(channel)
    profiles = pb_grpc.OrganisationsServiceStub(channel)
    school = meta(stack, SCHOOL, "school", "admin")
    await ensure_profile_grpc(channel, stack, SCHOOL, "school")
    request = ipb.CreateAgreementRequest(
        school_org=SCHOOL,
        enterprise_org="ent-gorg-typo",
        valid_from=date.today().isoformat(),
        valid_to=(date.today() + timedelta(days=60)).isoformat(),
        intern_quota=2,
    )
    err = await refused(agreements.CreateAgreement(request, metadata=school, timeout=10))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "enterprise_org" in err.details(), err.details()
    assert "has no profile" in err.details()
    await ensure_profile_grpc(channel, stack, ENTERPRISE, "enterprise")
    request.enterprise_org = ENTERPRISE
    created = (await agreements.CreateAgreement(request, metadata=school, timeout=10)).agreement
    assert created.enterprise_org == ENTERPRISE
    hidden = await refused(profiles.GetProfile(pb.GetProfileRequest(org=ENTERPRISE), metadata=school, timeout=10))
    assert hidden.code() == grpc.StatusCode.NOT_FOUND  # a draft alone: the enterprise has not signed
    enterprise = meta(stack, ENTERPRISE, "enterprise", "hr")
    await agreements.SignAgreement(ipb.SignAgreementRequest(id=created.id), metadata=enterprise, timeout=10)
    partner = (await profiles.GetProfile(pb.GetProfileRequest(org=ENTERPRISE), metadata=school, timeout=10)).profile
    assert partner.org == ENTERPRISE and partner.uscc  # it signed: the school reads the enterprise's profile
