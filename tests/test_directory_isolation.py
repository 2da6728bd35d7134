"""The user directory and mail preferences are sealed per organisation and refuse bad input clearly: another
organisation's admin gets 404 for a user of the owner (and its own, empty, directory), a non-admin of the owner
403; bad input is a 422 problem naming the field (gRPC: INVALID_ARGUMENT), another's user NOT_FOUND."""

from __future__ import annotations

import grpc
import httpx
import pytest
import pytest_asyncio

from praxis.notifications.v1 import notifications_pb2 as pb
from praxis.notifications.v1 import notifications_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack

OWNER = "ent-iso-dir"
USER = {"email": "li@ent-iso-dir.test", "display_name": "Li", "language": "zh-CN", "roles": ["hr"]}


def client(stack: Stack) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=stack["notifications"].base_url, timeout=30)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def owned(stack: Stack) -> str:
    async with client(stack) as n:
        r = await n.put("/v1/directory/users/li", headers=stack.auth(OWNER, "enterprise", "admin"), json=USER)
    assert r.status_code == 200, r.text
    return "li"


OUTSIDERS = {
    "another enterprise's admin": (("ent-iso-dir-other", "enterprise", "admin"), 404),
    "a school's admin": (("sch-iso-dir", "school", "admin"), 404),
    "a school with the owner's id": ((OWNER, "school", "admin"), 404),
    "a mentor of the owner": ((OWNER, "enterprise", "mentor"), 403),
    "a student of a school": (("sch-iso-dir", "school", "student"), 403),
}


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("who", list(OUTSIDERS))
async def test_outsiders_neither_see_nor_change_a_directory_user(stack, owned, who):
    (org, kind, role), status = OUTSIDERS[who]
    headers = stack.auth(org, kind, role)
    async with client(stack) as n:
        for method in ("GET", "DELETE"):
            r = await n.request(method, f"/v1/directory/users/{owned}", headers=headers)
            assert r.status_code == status, (method, r.text)
            assert r.headers["content-type"] == "application/problem+json" and USER["email"] not in r.text
        listed = await n.get("/v1/directory/users", headers=headers)
        if status == 403:
            assert listed.status_code == 403
            put = await n.put(f"/v1/directory/users/{owned}", headers=headers, json=USER)
            assert put.status_code == 403
        else:  # their own organisation's directory: without the owner's user
            assert listed.json() == {"items": [], "next_page_token": None}
        mine = await n.get(f"/v1/directory/users/{owned}", headers=stack.auth(OWNER, "enterprise", "hr"))
        assert mine.status_code == 200 and mine.json()["email"] == USER["email"]


@pytest.mark.asyncio(loop_scope="module")
async def test_preferences_are_the_callers_own(stack):
    li = stack.auth(OWNER, "enterprise", "hr", sub="li")
    namesakes = [
        stack.auth("ent-iso-dir-other", "enterprise", "hr", sub="li"),
        stack.auth(OWNER, "school", "admin", sub="li"),  # a school with the owner's id
    ]
    async with client(stack) as n:
        put = await n.put(
            "/v1/notification-preferences/me",
            headers=li,
            json={"disabled": ["hold_expiring"], "delivery": "daily_digest"},
        )
        assert put.status_code == 200, put.text
        assert put.json()["categories"]["hold_expiring"] is False and put.json()["delivery"] == "daily_digest"
        for namesake in namesakes:
            theirs = await n.get("/v1/notification-preferences/me", headers=namesake)
            assert theirs.json()["categories"]["hold_expiring"] is True and theirs.json()["delivery"] == "immediate"


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/directory/users/x", {**USER, "email": "not-an-address"}, "email"),
        ("/v1/directory/users/x", {**USER, "language": "fr"}, "language"),
        ("/v1/directory/users/x", {**USER, "roles": ["Not A Role"]}, "roles"),
        ("/v1/directory/users/x", {**USER, "mentor_id": "nope"}, "mentor_id"),
        ("/v1/directory/users/x", {**USER, "extra": 1}, "extra"),
        ("/v1/directory/me", {}, "email"),  # the token carries no e-mail claim
        ("/v1/notification-preferences/me", {"disabled": ["spam"]}, "disabled"),
        ("/v1/notification-preferences/me", {"delivery": "weekly"}, "delivery"),
    ],
)
async def test_bad_input_is_a_problem_naming_the_field(stack, path, body, field):
    async with client(stack) as n:
        r = await n.put(path, headers=stack.auth(OWNER, "enterprise", "admin"), json=body)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert any(e["field"].split(".")[0] == field for e in r.json()["errors"]), r.text


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("who", [w for w, (_, status) in OUTSIDERS.items() if status == 404])
async def test_over_grpc_outsiders_find_nothing_either(stack, owned, who):
    (org, kind, role), _ = OUTSIDERS[who]
    theirs = (("authorization", f"Bearer {stack.token(org, kind, role, sub=owned)}"),)
    async with grpc.aio.insecure_channel(stack["notifications"].grpc_target) as channel:
        api = pb_grpc.NotificationsServiceStub(channel)
        for method, request in {
            "GetDirectoryUser": pb.GetDirectoryUserRequest(account=owned),
            "DeleteDirectoryUser": pb.DeleteDirectoryUserRequest(account=owned),
        }.items():
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await getattr(api, method)(request, metadata=theirs, timeout=10)
            assert refused.value.code() == grpc.StatusCode.NOT_FOUND, method
        listed = await api.ListDirectoryUsers(pb.ListDirectoryUsersRequest(), metadata=theirs, timeout=10)
        assert list(listed.users) == []
        prefs = await api.GetMyPreferences(pb.GetMyPreferencesRequest(), metadata=theirs, timeout=10)
        assert all(prefs.preferences.categories.values())  # their own (the owner's li keeps theirs)


@pytest.mark.asyncio(loop_scope="module")
async def test_grpc_maps_the_same_errors(stack, owned):
    other = (("authorization", f"Bearer {stack.token('ent-iso-dir-other', 'enterprise', 'admin')}"),)
    owner = (("authorization", f"Bearer {stack.token(OWNER, 'enterprise', 'admin')}"),)
    async with grpc.aio.insecure_channel(stack["notifications"].grpc_target) as channel:
        api = pb_grpc.NotificationsServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await api.GetDirectoryUser(pb.GetDirectoryUserRequest(account=owned), metadata=other, timeout=10)
        assert refused.value.code() == grpc.StatusCode.NOT_FOUND
        with pytest.raises(grpc.aio.AioRpcError) as bad:
            await api.PutDirectoryUser(
                pb.PutDirectoryUserRequest(account="x", email="nope", display_name="X"), metadata=owner, timeout=10
            )
        assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "email" in bad.value.details()
        with pytest.raises(grpc.aio.AioRpcError) as no_email:
            await api.RegisterMe(pb.RegisterMeRequest(), metadata=owner, timeout=10)
        assert no_email.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        mine = await api.GetDirectoryUser(pb.GetDirectoryUserRequest(account=owned), metadata=owner, timeout=10)
        assert mine.user.email == USER["email"] and list(mine.user.roles) == ["hr"]
        listed = await api.ListDirectoryUsers(pb.ListDirectoryUsersRequest(), metadata=owner, timeout=10)
        assert owned in [u.account for u in listed.users]
        prefs = await api.PutMyPreferences(
            pb.PutMyPreferencesRequest(disabled=["agreement_expiring"], language="en"), metadata=owner, timeout=10
        )
        assert prefs.preferences.categories["agreement_expiring"] is False and prefs.preferences.language == "en"
        made = await api.PutDirectoryUser(
            pb.PutDirectoryUserRequest(account="tmp", email="t@x.test", display_name="T"), metadata=owner, timeout=10
        )
        assert made.user.language == "en"
        await api.DeleteDirectoryUser(pb.DeleteDirectoryUserRequest(account="tmp"), metadata=owner, timeout=10)
        with pytest.raises(grpc.aio.AioRpcError) as gone:
            await api.GetDirectoryUser(pb.GetDirectoryUserRequest(account="tmp"), metadata=owner, timeout=10)
        assert gone.value.code() == grpc.StatusCode.NOT_FOUND
