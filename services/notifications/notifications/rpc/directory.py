"""gRPC methods of the user directory and the caller's preferences: protobuf -> the REST input model -> its command
-> the handler REST calls."""

from __future__ import annotations

from notifications.domain.directory import DirectoryUser, Preferences
from notifications.handlers import directory
from notifications.schemas.directory import AccountIn, DirectoryMe, DirectoryUserPut, PreferencesPut, PreferencesRead
from praxis.notifications.v1 import notifications_pb2 as pb
from praxis_common import pages
from praxis_common.rpc import principal
from praxis_common.service import Runtime
from praxis_common.validation import validate


def user_to_pb(u: DirectoryUser) -> pb.DirectoryUser:
    return pb.DirectoryUser(
        account=u.account,
        email=u.email,
        display_name=u.display_name,
        language=u.language,
        roles=u.roles,
        mentor_id=str(u.mentor_id or ""),
        self_registered=u.self_registered,
        updated_at=u.updated_at.isoformat() if u.updated_at else "",
    )


def preferences_to_pb(p: Preferences) -> pb.Preferences:
    read = PreferencesRead.of(p)
    return pb.Preferences(categories=read.categories, delivery=read.delivery, language=read.language or "")


class DirectoryMethods:
    rt: Runtime

    async def ListDirectoryUsers(self, request: pb.ListDirectoryUsersRequest, context) -> pb.ListDirectoryUsersResponse:
        found, token = await directory.list_users(
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListDirectoryUsersResponse(users=[user_to_pb(u) for u in found], next_page_token=token or "")

    async def PutDirectoryUser(self, request: pb.PutDirectoryUserRequest, context) -> pb.PutDirectoryUserResponse:
        account = validate(AccountIn, {"account": request.account}).account
        data = {
            "email": request.email,
            "display_name": request.display_name,
            "language": request.language or "en",
            "roles": list(request.roles),
            "mentor_id": request.mentor_id or None,
        }
        cmd = validate(DirectoryUserPut, data).to_command(account)
        user = await directory.put_user(cmd, principal(), uow=self.rt.uow, clock=self.rt.clock)
        return pb.PutDirectoryUserResponse(user=user_to_pb(user))

    async def GetDirectoryUser(self, request: pb.GetDirectoryUserRequest, context) -> pb.GetDirectoryUserResponse:
        account = validate(AccountIn, {"account": request.account}).account
        return pb.GetDirectoryUserResponse(
            user=user_to_pb(await directory.get_user(account, principal(), uow=self.rt.uow))
        )

    async def DeleteDirectoryUser(
        self, request: pb.DeleteDirectoryUserRequest, context
    ) -> pb.DeleteDirectoryUserResponse:
        account = validate(AccountIn, {"account": request.account}).account
        await directory.delete_user(account, principal(), uow=self.rt.uow)
        return pb.DeleteDirectoryUserResponse()

    async def RegisterMe(self, request: pb.RegisterMeRequest, context) -> pb.RegisterMeResponse:
        data = {n: getattr(request, n) for n in ("email", "display_name", "language") if request.HasField(n)}
        cmd = validate(DirectoryMe, data).to_command()
        user = await directory.register_me(cmd, principal(), uow=self.rt.uow, clock=self.rt.clock)
        return pb.RegisterMeResponse(user=user_to_pb(user))

    async def GetMyPreferences(self, request: pb.GetMyPreferencesRequest, context) -> pb.GetMyPreferencesResponse:
        prefs = await directory.get_my_preferences(principal(), uow=self.rt.uow)
        return pb.GetMyPreferencesResponse(preferences=preferences_to_pb(prefs))

    async def PutMyPreferences(self, request: pb.PutMyPreferencesRequest, context) -> pb.PutMyPreferencesResponse:
        data = {
            "disabled": list(request.disabled),
            "delivery": request.delivery or "immediate",
            "language": request.language or None,
        }
        cmd = validate(PreferencesPut, data).to_command()
        prefs = await directory.set_my_preferences(cmd, principal(), uow=self.rt.uow, clock=self.rt.clock)
        return pb.PutMyPreferencesResponse(preferences=preferences_to_pb(prefs))
