"""The plain-link provider: a fixed URL (Jitsi or any other room) for everybody.

There is nothing to create or end, and the platform cannot know whether people are in the
room, so is_running() answers None (unknown).
"""

from stadtgespraeche.rooms.providers.base import JoinRequest, MeetingSpec


class LinkProvider:
    def __init__(self, url: str) -> None:
        self.url = url

    def create_meeting(self, spec: MeetingSpec) -> None:
        return None

    def join_url(self, spec: MeetingSpec, request: JoinRequest) -> str:
        return self.url

    def end_meeting(self, meeting_id: str, *, moderator_password: str = "") -> None:
        return None

    def is_running(self, meeting_id: str) -> bool | None:
        return None
