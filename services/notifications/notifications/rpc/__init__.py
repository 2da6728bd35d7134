"""gRPC edge of the notifications service: webhook endpoints and deliveries, the user directory and preferences,
each method mapping protobuf -> the REST input model -> its command -> the same handler REST calls (and never
importing from http/)."""

from __future__ import annotations

from notifications.rpc.directory import DirectoryMethods
from notifications.rpc.webhooks import WebhookMethods
from praxis.notifications.v1 import notifications_pb2 as pb
from praxis.notifications.v1 import notifications_pb2_grpc as pb_grpc
from praxis_common.service import Runtime


class NotificationsServicer(WebhookMethods, DirectoryMethods, pb_grpc.NotificationsServiceServicer):
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt


def services(rt: Runtime) -> list[tuple]:
    servicer = NotificationsServicer(rt)
    name = pb.DESCRIPTOR.services_by_name["NotificationsService"].full_name
    return [(lambda server: pb_grpc.add_NotificationsServiceServicer_to_server(servicer, server), name)]
