from enum import StrEnum


class UserResponseMessage(StrEnum):
    CREATE_USER = "Create user"
    SINGLE_USER_DETAILS = "Single User Details"
    UPDATE_USER_DETAILS = "Update user details"

    def __str__(self) -> str:
        return str(self.value)
