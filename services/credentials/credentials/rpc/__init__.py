"""gRPC edge of the credentials service: each method maps protobuf -> the REST input model -> its command -> the same
handler REST calls (and never imports from http/)."""

from __future__ import annotations

from credentials.rpc.brought_in import AchievementMethods
from credentials.rpc.credentials import CredentialMethods, KeyMethods
from praxis.credentials.v1 import credentials_pb2 as pb
from praxis.credentials.v1 import credentials_pb2_grpc as pb_grpc
from praxis_common.service import Runtime


class CredentialsServicer(CredentialMethods, KeyMethods, AchievementMethods, pb_grpc.CredentialsServiceServicer):
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt


def services(rt: Runtime) -> list[tuple]:
    servicer = CredentialsServicer(rt)
    name = pb.DESCRIPTOR.services_by_name["CredentialsService"].full_name
    return [(lambda server: pb_grpc.add_CredentialsServiceServicer_to_server(servicer, server), name)]
