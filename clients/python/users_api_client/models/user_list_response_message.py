from enum import StrEnum


class UserListResponseMessage(StrEnum):
    USER_DETAILS = "user details"

    def __str__(self) -> str:
        return str(self.value)
